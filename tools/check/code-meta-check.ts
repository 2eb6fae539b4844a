/** Code fences whose meta (```ts {2-x}) the site cannot read: a check error on the fence's line rather than marks silently lost. */
import type { Code } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { visit } from 'unist-util-visit';
import { parseCodeMeta } from '#src/lib/markdown/code-meta.ts';

/** Fence openings with something after their language (the meta, captured). */
const FENCE_WITH_META = /^[ \t>]*(?:`{3,}|~{3,})[ \t]*[^\s`]+[ \t]+(\S[^\n]*)$/gm;

/**
 * Each fence whose meta has a mark the renderer would drop (code-meta.ts reads it leniently: a
 * line list that is not one, a line past the block's end, a title without its closing quote).
 * `line` counts from the body's first line. A body is parsed only when a line that looks like a
 * fence has a meta with a problem or a line list (its lines are counted against the block's).
 */
export function codeMetaMistakes(body: string): Array<{ line: number; message: string }> {
  // Parsing the body costs milliseconds: only when a meta has a problem, or lines to count.
  const metas = [...body.matchAll(FENCE_WITH_META)].map((match) => match[1]!);
  if (!metas.some((meta) => meta.includes('{') || parseCodeMeta(meta).problems.length > 0)) return [];
  const mistakes: Array<{ line: number; message: string }> = [];
  visit(fromMarkdown(body), 'code', (node: Code) => {
    if (!node.meta) return;
    const lineCount = node.value === '' ? 0 : node.value.split('\n').length;
    for (const problem of parseCodeMeta(node.meta, lineCount).problems)
      mistakes.push({ line: node.position?.start.line ?? 1, message: `has a code block whose meta cannot be read: ${problem}` });
  });
  return mistakes;
}
