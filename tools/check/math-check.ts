/** Formulas in a post checked before the build: TeX that Temml cannot read is a problem on its own line, with the parser's message. */
import type { Code, Paragraph, Root } from 'mdast';
import type { InlineMath, Math } from 'mdast-util-math';
import { visit } from 'unist-util-visit';
import { loneDoubleDollar } from '#src/lib/markdown/remark-math.ts';
import { renderMath } from '#src/lib/markdown/render-math.ts';

/** One formula that does not parse, on its line within the body (1-based). */
export interface MathProblem {
  line: number;
  message: string;
}

/** A ```` ```math ```` or `~~~math` fence. */
const MATH_FENCE = /^[ \t]*(?:`{3,}|~{3,})[ \t]*math\b/m;

/** Whether a body may hold math at all: most do not, and they are spared the parse. */
export const mayHaveMath = (body: string) => body.includes('$') || (body.includes('math') && MATH_FENCE.test(body));

/** A formula as the writer wrote it, short enough for one line of a report. */
function quoted(tex: string, display: boolean): string {
  const flat = tex.trim().replace(/\s+/g, ' ');
  const short = flat.length > 60 ? `${flat.slice(0, 57)}…` : flat;
  return display ? `$$${short}$$` : `$${short}$`;
}

/**
 * Every formula of a parsed body rendered as rehype-math.ts renders it (display or inline, one
 * set of macros in document order), and each that fails reported on the line where the parser
 * stopped: the formula's first line, plus the line breaks before that point.
 */
export function mathTreeProblems(tree: Root, body: string): MathProblem[] {
  const problems: MathProblem[] = [];
  const macros: Record<string, unknown> = {};
  visit(tree, (node) => {
    let tex: string;
    let display: boolean;
    // The TeX's first line: a fenced formula starts on the line after its fence.
    let firstLine = node.position?.start.line ?? 1;
    if (node.type === 'math' || (node.type === 'code' && (node as Code).lang === 'math')) {
      tex = (node as Math | Code).value;
      display = true;
      firstLine += 1;
    } else if (node.type === 'paragraph' && loneDoubleDollar(node as Paragraph, body)) {
      tex = loneDoubleDollar(node as Paragraph, body)!.value;
      display = true;
    } else if (node.type === 'inlineMath') {
      tex = (node as InlineMath).value;
      display = false;
    } else return;
    const { math, error, position } = renderMath(tex, { display, macros });
    if (math) return 'skip';
    const line = firstLine + (position === undefined ? 0 : tex.slice(0, position).split('\n').length - 1);
    problems.push({
      line,
      message: `has TeX that does not parse: ${error} in ${quoted(tex, display)}; fix the formula, or write \\$ for a dollar sign that is not math`,
    });
    return 'skip';
  });
  return problems;
}

/** The formulas of a Markdown (.md) body: parsed only when it has a `$` or a math fence. */
export async function markdownMathProblems(body: string): Promise<MathProblem[]> {
  if (!mayHaveMath(body)) return [];
  // Loaded on first use, like the MDX parser: bodies without math never pay for it.
  const [{ fromMarkdown }, { mathFromMarkdown }, { mathSyntax }] = await Promise.all([
    import('mdast-util-from-markdown'),
    import('mdast-util-math'),
    import('#src/lib/markdown/math-syntax.ts'),
  ]);
  const tree = fromMarkdown(body, { extensions: [mathSyntax()], mdastExtensions: [mathFromMarkdown()] });
  return mathTreeProblems(tree, body);
}
