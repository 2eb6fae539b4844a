import type { Heading, Root, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString } from 'mdast-util-to-string';

export interface FaqEntry {
  question: string;
  answer: string;
}

const FAQ_HEADING = /^(?:frequently asked questions|faqs?)\s*:?$/i;

const CONTAINERS = new Set(['list', 'listItem', 'blockquote', 'table', 'tableRow']);

/** Text of a block, with its own blocks (list items, cells) kept apart by a space. */
const blockText = (node: RootContent): string =>
  CONTAINERS.has(node.type) && 'children' in node
    ? node.children.map((child) => blockText(child as RootContent)).join(' ')
    : toString(node);

const plain = (nodes: RootContent[]) => nodes.map(blockText).filter(Boolean).join(' ').replace(/\s+/g, ' ').trim();

/** ATX headings that could open the FAQ section, and lines that open or close a code fence. */
const FAQ_LINE = /^#{1,6}[ \t]+(?:frequently asked questions|faqs?)[ \t]*:?[ \t]*#*[ \t]*$/im;
const FENCE = /^ {0,3}(?:`{3,}|~{3,})/gm;
const DEFINITION = /^ {0,3}\[[^\]\n]+\]:[ \t]*\S.*$/gm;

/**
 * The part of the body from the FAQ heading on, plus the link definitions
 * (they apply anywhere), or the whole body when the heading cannot be found
 * safely by its line. Parsing a 2,000-word post for its last section costs
 * ~10 ms; parsing the section alone a tenth of that, on every article page.
 */
function faqSource(markdown: string): string | null {
  if (!/frequently asked questions|faq/i.test(markdown)) return null;
  const match = FAQ_LINE.exec(markdown);
  if (!match) return markdown; // e.g. a setext heading: parse it all
  const before = markdown.slice(0, match.index);
  // A heading-like line inside a fenced code block is not a heading.
  if ((before.match(FENCE)?.length ?? 0) % 2 === 1) return markdown;
  const definitions = before.match(DEFINITION) ?? [];
  return `${markdown.slice(match.index)}\n\n${definitions.join('\n')}`;
}

/**
 * The questions and answers of a post's "Frequently Asked Questions" section:
 * each heading one level below the section's heading (`###` under `##`) is a
 * question, and the text up to the next heading is its answer. Empty when the
 * post has no such section.
 */
export function extractFaq(markdown: string): FaqEntry[] {
  const source = faqSource(markdown);
  if (source === null) return [];
  const entries = faqEntries(source);
  // The shortcut parsed only the tail; if that tail did not open with the FAQ
  // heading (a heading inside a list, HTML, …), fall back to the whole body.
  if (entries === undefined && source !== markdown) return faqEntries(markdown) ?? [];
  return entries ?? [];
}

/** undefined when no top-level FAQ heading is found. */
function faqEntries(markdown: string): FaqEntry[] | undefined {
  let tree: Root;
  try {
    tree = fromMarkdown(markdown);
  } catch {
    return [];
  }
  const nodes = tree.children;
  const start = nodes.findIndex((node) => node.type === 'heading' && FAQ_HEADING.test(toString(node).trim()));
  if (start === -1) return undefined;
  const depth = (nodes[start] as Heading).depth;
  const entries: FaqEntry[] = [];
  let current: { question: string; body: RootContent[] } | undefined;
  const flush = () => {
    if (current) {
      const answer = plain(current.body);
      if (current.question && answer) entries.push({ question: current.question, answer });
    }
    current = undefined;
  };
  for (const node of nodes.slice(start + 1)) {
    if (node.type === 'heading') {
      if (node.depth <= depth) break;
      if (node.depth === depth + 1) {
        flush();
        current = { question: toString(node).trim(), body: [] };
        continue;
      }
    }
    if (node.type === 'html' || node.type === 'yaml') continue;
    current?.body.push(node);
  }
  flush();
  return entries;
}
