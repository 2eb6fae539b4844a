/** Checks of a post's body on its own: not empty, valid MDX, code fences' meta, callouts, TeX that parses, no placeholders left (its links and images: body-references.ts). */
import { isPlaceholder } from '#src/lib/content/post-template.ts';
import { codeMetaMistakes } from './code-meta-check.ts';
import { calloutMistakes } from './callouts-check.ts';
import type { MathChecks } from './math-cache.ts';
import { markdownMathProblems } from './math-check.ts';
import { iframeProblems } from './embeds-check.ts';
import { headingIdProblems } from './heading-ids-check.ts';
import { checkMdxBody } from './mdx-check.ts';
import { tooDeepNesting } from '#src/lib/markdown/nesting.ts';

/** Blanks out fenced code, so a placeholder in a code sample is not taken for one left in the post. */
export function withoutCode(body: string): string {
  return body.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, (block) => block.replace(/[^\n]/g, ' '));
}

/**
 * An empty body, one nested too deep, a code fence's unreadable meta, a callout of no known kind,
 * TeX that does not parse, iframes the build does not publish, bad heading ids, or MDX that will
 * not compile: `line` counts from the body's first line.
 */
export async function bodyMistakes(
  body: string,
  postFile: string,
  root: string,
  math?: MathChecks,
): Promise<Array<{ line: number; message: string }>> {
  if (body.trim() === '') return [{ line: 1, message: 'is empty; write the post below the closing "---"' }];
  const mdx = postFile.endsWith('.mdx');
  // Before the MDX parser, which recurses once per level and would overflow the stack.
  const deep = tooDeepNesting(body, { mdx });
  if (deep) return [deep];
  const mistakes = [
    ...codeMetaMistakes(body),
    ...(await calloutMistakes(body, { mdx })),
    ...iframeProblems(body, { mdx }),
    ...headingIdProblems(body, { mdx }),
  ];
  // After the nesting check: the math parse recurses too. A check run keeps verdicts in `math` (math-cache.ts).
  if (!mdx) return [...mistakes, ...(await (math ? math.problems(body) : markdownMathProblems(body)))];
  // A `{#id}` would fail MDX's compile with an expression error: say what it is instead.
  if (mistakes.length > 0) return mistakes;
  return checkMdxBody(body, { postFile, root });
}

/** Body lines (1-based) still holding a "TODO:" placeholder from `npm run new`. */
export function placeholderLines(body: string): number[] {
  const lines: number[] = [];
  withoutCode(body)
    .split('\n')
    .forEach((line, index) => {
      if (isPlaceholder(line)) lines.push(index + 1);
    });
  return lines;
}
