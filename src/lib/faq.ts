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
  CONTAINERS.has(node.type) && 'children' in node ? node.children.map((child) => blockText(child as RootContent)).join(' ') : toString(node);

const plain = (nodes: RootContent[]) =>
  nodes
    .map(blockText)
    .filter(Boolean)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The questions and answers of a post's "Frequently Asked Questions" section:
 * each heading one level below the section's heading (`###` under `##`) is a
 * question, and the text up to the next heading is its answer. Empty when the
 * post has no such section.
 */
export function extractFaq(markdown: string): FaqEntry[] {
  let tree: Root;
  try {
    tree = fromMarkdown(markdown);
  } catch {
    return [];
  }
  const nodes = tree.children;
  const start = nodes.findIndex((node) => node.type === 'heading' && FAQ_HEADING.test(toString(node).trim()));
  if (start === -1) return [];
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
