/** Where a Markdown tree holds a callout: a `> [!KIND]` quote or a `:::kind` block, read the same by the pipeline and the checker. */
import type { BlockContent, Blockquote, DefinitionContent, Paragraph, PhrasingContent, RootContent } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import { directiveFromMarkdown } from 'mdast-util-directive';
import { directive } from 'micromark-extension-directive';
import type { Extension } from 'micromark-util-types';

/**
 * Only the `:::name` container block of micromark-extension-directive (remark-directive's own
 * syntax). Its text form (`:name`) and leaf form (`::name`) are left out on purpose: in prose they
 * match `Note:important`, `mailto:someone`, a URL's `/a:b` (splitting GFM's bare links) and
 * `::before` at a line's start, and a parsed directive can only be written back approximately.
 * Not parsed, such text stays exactly what the writer wrote.
 */
function containerOnly(): Extension {
  const constructs = directive().flow?.[58];
  const container = (Array.isArray(constructs) ? constructs : [constructs]).find(
    (construct) => construct?.tokenize.name === 'tokenizeDirectiveContainer',
  );
  // A new release that renames it fails here (and in the unit test), not silently.
  if (!container) throw new Error('micromark-extension-directive has no container construct: update callout-syntax.ts');
  return { flow: { 58: [container] } };
}

/** The micromark and mdast extensions that read `:::name` blocks. */
export const CONTAINER_DIRECTIVE_SYNTAX = containerOnly();
export const CONTAINER_DIRECTIVE_FROM_MARKDOWN = directiveFromMarkdown();

/** `[!NOTE]`, `[!tip]-`, `[!Warning]+` at the start of a quote: the name, and Obsidian's fold mark. */
const ALERT_MARKER = /^\[!([A-Za-z][\w-]*)\]([+-]?)(?=[ \t\n]|$)/;

/** A callout as written, before its name is looked up. */
export interface WrittenCallout {
  /** The name as written (`NOTE`, `tip`, `warnin`). */
  name: string;
  form: 'alert' | 'directive';
  /** Obsidian's fold mark: `-` folded, `+` unfolded, '' none. */
  fold: '' | '+' | '-';
  /** The writer's title (Markdown phrasing), or none. */
  title: PhrasingContent[] | null;
  /** What the callout holds. */
  content: Array<BlockContent | DefinitionContent>;
}

/** Trims the title's outer whitespace; an empty title is none. */
function trimmedTitle(nodes: PhrasingContent[]): PhrasingContent[] | null {
  const first = nodes[0];
  if (first?.type === 'text') first.value = first.value.trimStart();
  const last = nodes.at(-1);
  if (last?.type === 'text') last.value = last.value.trimEnd();
  const kept = nodes.filter((node) => node.type !== 'text' || node.value !== '');
  return kept.length > 0 ? kept : null;
}

/**
 * A quote that opens with `[!KIND]`: what follows the marker on its line is the title (Obsidian's
 * `> [!tip] Measure first`); the lines after it are the content. Changes nothing in the tree.
 */
export function readAlert(quote: Blockquote): WrittenCallout | null {
  const paragraph = quote.children[0];
  if (paragraph?.type !== 'paragraph') return null;
  const opening = paragraph.children[0];
  if (opening?.type !== 'text') return null;
  const marker = ALERT_MARKER.exec(opening.value);
  if (!marker) return null;
  // The marker's line, up to its first line break, is the title; the rest stays the first paragraph.
  const title: PhrasingContent[] = [];
  const rest: PhrasingContent[] = [];
  const nodes: PhrasingContent[] = [{ ...opening, value: opening.value.slice(marker[0].length) }, ...paragraph.children.slice(1)];
  for (const node of nodes) {
    if (rest.length > 0 || title.includes(BREAK)) rest.push(node);
    else if (node.type === 'break') title.push(BREAK);
    else if (node.type === 'text' && node.value.includes('\n')) {
      const cut = node.value.indexOf('\n');
      title.push({ type: 'text', value: node.value.slice(0, cut) }, BREAK);
      const after = node.value.slice(cut + 1);
      if (after !== '') rest.push({ type: 'text', value: after });
    } else title.push(node);
  }
  const titleNodes = title.filter((node) => node !== BREAK);
  const firstParagraph: Paragraph[] = rest.length > 0 ? [{ type: 'paragraph', children: rest, position: paragraph.position }] : [];
  return {
    name: marker[1]!,
    form: 'alert',
    fold: marker[2] as WrittenCallout['fold'],
    title: trimmedTitle(titleNodes),
    content: [...firstParagraph, ...quote.children.slice(1)],
  };
}

/** Stands for the line break that ends an alert's title. */
const BREAK: PhrasingContent = { type: 'break' };

/** A `:::kind` or `:::kind[Title]` block: the label is the title. */
export function readDirective(block: ContainerDirective): WrittenCallout {
  const [first, ...others] = block.children;
  const label = first?.type === 'paragraph' && first.data?.directiveLabel ? first : undefined;
  return {
    name: block.name,
    form: 'directive',
    fold: '',
    title: label ? trimmedTitle(label.children) : null,
    content: (label ? others : block.children) as WrittenCallout['content'],
  };
}

/** A node's callout, if it is one (known kind or not). */
export function readCallout(node: RootContent): WrittenCallout | null {
  if (node.type === 'blockquote') return readAlert(node);
  if (node.type === 'containerDirective') return readDirective(node);
  return null;
}

/** Whether a body may hold a callout at all: the parse is skipped for every other post. */
export const mayHoldCallout = (body: string) => body.includes('[!') || body.includes(':::');
