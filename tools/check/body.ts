/** Checks of a post's body on its own: not empty, valid MDX, no placeholders left (its links and images: body-references.ts). */
import { isPlaceholder } from '#src/lib/content/post-template.ts';
import { iframeProblems } from './embeds-check.ts';
import { headingIdProblems } from './heading-ids-check.ts';
import { checkMdxBody } from './mdx-check.ts';
import { tooDeepNesting } from '#src/lib/markdown/nesting.ts';

/** Blanks out fenced code, so a placeholder in a code sample is not taken for one left in the post. */
export function withoutCode(body: string): string {
  return body.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, (block) => block.replace(/[^\n]/g, ' '));
}

/**
 * An empty body, one nested too deep, iframes the build does not publish, bad heading ids, or MDX
 * that will not compile: `line` counts from the body's first line.
 */
export async function bodyMistakes(body: string, postFile: string, root: string): Promise<Array<{ line: number; message: string }>> {
  if (body.trim() === '') return [{ line: 1, message: 'is empty; write the post below the closing "---"' }];
  const mdx = postFile.endsWith('.mdx');
  // Before the MDX parser, which recurses once per level and would overflow the stack.
  const deep = tooDeepNesting(body, { mdx });
  if (deep) return [deep];
  const forms = [...iframeProblems(body, { mdx }), ...headingIdProblems(body, { mdx })];
  if (!mdx) return forms;
  // A `{#id}` would fail MDX's compile with an expression error: say what it is instead.
  if (forms.length > 0) return forms;
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
