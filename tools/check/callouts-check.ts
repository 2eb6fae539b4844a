/** Callouts checked before the build: a kind the site does not draw, a `:::` block left open, a title in Docusaurus's old form. */
import type { Root } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { visit } from 'unist-util-visit';
import { calloutKind, unknownKindMessage } from '#src/lib/markdown/callout-kinds.ts';
import {
  CONTAINER_DIRECTIVE_FROM_MARKDOWN,
  CONTAINER_DIRECTIVE_SYNTAX,
  mayHoldCallout,
  readCallout,
} from '#src/lib/markdown/callout-syntax.ts';

/** `:::note Title`: Docusaurus 2's title, which neither Docusaurus 3 nor Starlight nor this site reads as one. */
const SPACED_TITLE = /^:{3,}([A-Za-z][\w-]*)[ \t]+\S/;

/** Whether a `:::name` block's last line is its closing `:::` (else it ran to the end of what holds it). */
function isClosed(block: ContainerDirective, lines: string[]): boolean {
  const { start, end } = block.position ?? {};
  if (!start || !end || end.line === start.line) return false;
  return /^[\s>]*:{3,}\s*$/.test(lines[end.line - 1] ?? '');
}

/**
 * The callout mistakes in a body, on their lines (1-based, within the body). Read with the
 * pipeline's own syntax (callout-syntax.ts), so what is reported is what the build would draw;
 * a body with neither `[!` nor `:::` is not parsed at all.
 */
export async function calloutMistakes(body: string, { mdx }: { mdx: boolean }): Promise<Array<{ line: number; message: string }>> {
  if (!mayHoldCallout(body)) return [];
  // MDX's syntax loaded on first use, as mdx-check.ts does: sites without .mdx posts do not pay for it.
  const syntax = mdx
    ? await Promise.all([import('micromark-extension-mdxjs'), import('mdast-util-mdx')]).then(([{ mdxjs }, { mdxFromMarkdown }]) => ({
        extensions: [mdxjs(), CONTAINER_DIRECTIVE_SYNTAX],
        mdastExtensions: [mdxFromMarkdown(), CONTAINER_DIRECTIVE_FROM_MARKDOWN],
      }))
    : { extensions: [CONTAINER_DIRECTIVE_SYNTAX], mdastExtensions: [CONTAINER_DIRECTIVE_FROM_MARKDOWN] };
  let tree: Root;
  try {
    tree = fromMarkdown(body, syntax);
  } catch {
    return []; // MDX that does not parse: mdx-check.ts reports it, with the parser's message
  }
  const lines = body.split('\n');
  const mistakes: Array<{ line: number; message: string }> = [];
  visit(tree, (node) => {
    const line = node.position?.start.line ?? 1;
    if (node.type === 'paragraph') {
      const first = node.children[0];
      const spaced = first?.type === 'text' ? SPACED_TITLE.exec(first.value) : null;
      if (spaced)
        mistakes.push({
          line,
          message: `":::${spaced[1]} …" puts the callout's title after a space, which is read as text; write it in brackets: :::${spaced[1]}[Your title]`,
        });
      return;
    }
    if (node.type !== 'blockquote' && node.type !== 'containerDirective') return;
    const callout = readCallout(node);
    if (!callout) return;
    if (!calloutKind(callout.name)) mistakes.push({ line, message: unknownKindMessage(callout.name, callout.form) });
    if (node.type === 'containerDirective' && !isClosed(node, lines))
      mistakes.push({ line, message: `":::${node.name}" is not closed: add a line ":::" after the callout's last line` });
  });
  return mistakes;
}
