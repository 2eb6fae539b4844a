/** Callouts in the Markdown tree: known ones marked for rehype-callouts.ts, unknown `:::name` blocks given back as text. */
import type { Blockquote, Node, Paragraph, Parent, Root, RootContent } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import type { Processor } from 'unified';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { calloutKind } from './callout-kinds.ts';
import { CONTAINER_DIRECTIVE_FROM_MARKDOWN, CONTAINER_DIRECTIVE_SYNTAX, readCallout, type WrittenCallout } from './callout-syntax.ts';

/**
 * The marks a callout carries through rehype-sanitize-post.ts (sanitize-schema.ts lets exactly
 * these through): `<div data-callout="danger" data-callout-fold="closed">`, its title a
 * `<p data-callout-title>`. rehype-callouts.ts, after the sanitiser, builds the `<aside>`.
 */
export const CALLOUT_MARK = { kind: 'dataCallout', fold: 'dataCalloutFold', title: 'dataCalloutTitle' } as const;

/** The marked block: a div holding the title (when the writer gave one) and the content. */
function marked(callout: WrittenCallout, at: RootContent): Blockquote {
  const properties: Record<string, string> = { [CALLOUT_MARK.kind]: callout.name.toLowerCase() };
  if (callout.fold) properties[CALLOUT_MARK.fold] = callout.fold === '-' ? 'closed' : 'open';
  const title: Paragraph[] = callout.title
    ? [{ type: 'paragraph', children: callout.title, data: { hProperties: { [CALLOUT_MARK.title]: '' } } }]
    : [];
  return {
    type: 'blockquote',
    children: [...title, ...callout.content],
    position: at.position,
    data: { hName: 'div', hProperties: properties },
  };
}

/** The source line a node starts on, from its first character to the line's end. */
function sourceLine(file: VFile, start: number | undefined): string | undefined {
  if (start === undefined) return undefined;
  const text = String(file.value);
  const end = text.indexOf('\n', start);
  return text.slice(start, end === -1 ? undefined : end).trimEnd();
}

/**
 * A `:::name` block of a kind we do not draw, as the paragraphs the writer wrote: its opening line,
 * its content, its closing `:::`. (The checker reports it; this keeps a build of an unchecked post
 * from dropping its text.)
 */
function asWritten(block: ContainerDirective, file: VFile): RootContent[] {
  const paragraph = (value: string): Paragraph => ({ type: 'paragraph', children: [{ type: 'text', value }] });
  const opening = sourceLine(file, block.position?.start.offset) ?? `:::${block.name}`;
  const last = block.position?.end;
  const lastLine = last?.offset !== undefined ? sourceLine(file, last.offset - (last.column - 1)) : undefined;
  const closed = lastLine !== undefined && block.position?.end.line !== block.position?.start.line && /^(?:\s|>)*:{3,}$/.test(lastLine);
  const content = block.children.filter((child) => !(child.type === 'paragraph' && child.data?.directiveLabel));
  return [paragraph(opening), ...content, ...(closed ? [paragraph(lastLine.replace(/^[\s>]*/, ''))] : [])];
}

/** A quote or a `:::name` block: the nodes a callout can be. */
const isCalloutShaped = (node: Node): node is Blockquote | ContainerDirective =>
  node.type === 'blockquote' || node.type === 'containerDirective';

/**
 * GitHub's `> [!NOTE]`, Obsidian's `> [!tip] Title` (and `[!tip]-` folded) and the
 * `:::note[Title]` blocks of Starlight and Docusaurus, marked as callouts. A quote with a marker of
 * an unknown kind stays a quote, with its marker; the checker names it before any build.
 */
export function remarkCallouts(this: Processor) {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(CONTAINER_DIRECTIVE_SYNTAX);
  (data.fromMarkdownExtensions ??= []).push(CONTAINER_DIRECTIVE_FROM_MARKDOWN);
  return (tree: Root, file: VFile) => {
    visit(tree, isCalloutShaped, (node: Blockquote | ContainerDirective, index, parent: Parent | undefined) => {
      if (!parent || index === undefined) return undefined;
      if (node.data?.hProperties?.[CALLOUT_MARK.kind]) return undefined; // marked already: go on into its content
      const callout = readCallout(node);
      if (callout && calloutKind(callout.name)) {
        // Visited again as the marked block, so the visit goes into its content: callouts nest.
        parent.children[index] = marked(callout, node);
        return index;
      }
      if (node.type === 'containerDirective') {
        const written = asWritten(node, file);
        parent.children.splice(index, 1, ...written);
        return index + 1;
      }
      return undefined;
    });
  };
}
