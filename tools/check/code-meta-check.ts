/** Code fences whose meta (```ts {2-x}) the site cannot read: a check error on the fence's line rather than marks silently lost. */
import type { Code } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { visit } from 'unist-util-visit';
import { parseCodeMeta } from '#src/lib/markdown/code-meta.ts';

/** A fence opening with something after its language: the only form worth parsing the body for. */
const FENCE_WITH_META = /^[ \t>]*(?:`{3,}|~{3,})[ \t]*[^\s`]+[ \t]+\S/m;

/**
 * Each fence whose meta has a mark the renderer would drop (code-meta.ts reads it leniently: a
 * line list that is not one, a line past the block's end, a title without its closing quote).
 * `line` counts from the body's first line. Bodies with no fence meta are not parsed.
 */
export function codeMetaMistakes(body: string): Array<{ line: number; message: string }> {
  if (!FENCE_WITH_META.test(body)) return [];
  const mistakes: Array<{ line: number; message: string }> = [];
  visit(fromMarkdown(body), 'code', (node: Code) => {
    if (!node.meta) return;
    const lineCount = node.value === '' ? 0 : node.value.split('\n').length;
    for (const problem of parseCodeMeta(node.meta, lineCount).problems)
      mistakes.push({ line: node.position?.start.line ?? 1, message: `has a code block whose meta cannot be read: ${problem}` });
  });
  return mistakes;
}
