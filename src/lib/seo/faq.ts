/** The questions and answers of a post's FAQ section, for the FAQPage rich result. */
import type { Heading, Nodes, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString } from 'mdast-util-to-string';
import { faqSource } from './faq-source.ts';
import { answerText, isFaqHeading, questionText } from './faq-text.ts';

export interface FaqEntry {
  question: string;
  answer: string;
}

/** Blocks whose children are blocks (list items, rows, cells): their texts are kept apart by a space. */
const CONTAINERS = new Set(['list', 'listItem', 'blockquote', 'table', 'tableRow']);
/** Blocks a reader does not see as text. */
const HIDDEN = new Set(['html', 'yaml', 'definition', 'footnoteDefinition', 'mdxjsEsm', 'mdxFlowExpression']);

/** A node's text as a reader sees it: a hard line break is a space, raw HTML is nothing. */
function flatText(node: Nodes): string {
  if (node.type === 'break') return ' ';
  if (!('children' in node)) return toString(node, { includeHtml: false });
  return node.children.map((child) => flatText(child)).join(CONTAINERS.has(node.type) ? ' ' : '');
}

const plain = (nodes: RootContent[]) => nodes.map(flatText).filter(Boolean).join(' ');

const headingText = (node: Heading) => flatText(node);

/**
 * A paragraph that opens with a bold question: `**What is X?**` alone, or
 * followed by its answer on the same or the following lines. The "?" may sit
 * just outside the bold (`**What is X**?`).
 */
function boldQuestion(node: RootContent): { question: string; rest: PhrasingContent[] } | undefined {
  if (node.type !== 'paragraph') return undefined;
  const [first, ...rest] = node.children;
  if (first?.type !== 'strong') return undefined;
  let question = flatText(first);
  const next = rest[0];
  if (next?.type === 'text' && next.value.startsWith('?')) {
    question += '?';
    rest[0] = { ...next, value: next.value.slice(1) };
  }
  question = questionText(question);
  return question.endsWith('?') ? { question, rest } : undefined;
}

/**
 * The questions of one FAQ section (the blocks after its heading, up to the
 * next heading of the same or a higher level). Questions are headings when
 * any heading in the section asks one (ends in "?"), at the highest level
 * that does, so group headings above them ("### Pricing") only separate;
 * else bold questions when there are any; else the section's top headings.
 */
function sectionEntries(section: RootContent[]): FaqEntry[] {
  const headings = section.filter((node): node is Heading => node.type === 'heading');
  const asking = headings.filter((heading) => questionText(headingText(heading)).endsWith('?'));
  const byBold = asking.length === 0 && section.some((node) => boldQuestion(node) !== undefined);
  const questionDepth = Math.min(...(asking.length > 0 ? asking : headings).map((heading) => heading.depth));

  const entries: FaqEntry[] = [];
  let current: { question: string; body: RootContent[] } | undefined;
  const flush = () => {
    if (current) {
      const answer = answerText(plain(current.body));
      if (current.question && answer) entries.push({ question: current.question, answer });
    }
    current = undefined;
  };
  for (const node of section) {
    if (node.type === 'heading' && !byBold && node.depth === questionDepth) {
      flush();
      current = { question: questionText(headingText(node)), body: [] };
      continue;
    }
    // A sub-heading belongs to its answer; a group heading, or a heading
    // among bold questions ("### Further reading"), ends the answer, and so
    // does a rule: editors put one between questions or before a sign-off.
    if ((node.type === 'heading' && (byBold || node.depth < questionDepth)) || node.type === 'thematicBreak') {
      flush();
      continue;
    }
    if (HIDDEN.has(node.type)) continue;
    const bold = byBold ? boldQuestion(node) : undefined;
    if (bold) {
      flush();
      const sameParagraph: Paragraph = { type: 'paragraph', children: bold.rest };
      current = { question: bold.question, body: [sameParagraph] };
      continue;
    }
    current?.body.push(node);
  }
  flush();
  return entries;
}

/** Entries of every top-level FAQ section; undefined when there is no FAQ heading. */
function faqEntries(markdown: string): FaqEntry[] | undefined {
  let tree: Root;
  try {
    tree = fromMarkdown(markdown);
  } catch {
    return [];
  }
  const nodes = tree.children;
  let found = false;
  const entries: FaqEntry[] = [];
  for (let index = 0; index < nodes.length; index += 1) {
    const node = nodes[index]!;
    if (node.type !== 'heading' || !isFaqHeading(headingText(node))) continue;
    found = true;
    const end = nodes.findIndex((other, at) => at > index && other.type === 'heading' && other.depth <= node.depth);
    const stop = end === -1 ? nodes.length : end;
    entries.push(...sectionEntries(nodes.slice(index + 1, stop)));
    index = stop - 1;
  }
  return found ? entries : undefined;
}

/**
 * The questions and answers of a post's FAQ section, for the FAQPage
 * JSON-LD: a heading such as "FAQ", "Frequently Asked Questions (FAQs)",
 * "FAQ: Edge AI" or "Common Questions" at any level, with questions as the
 * headings below it or as bold paragraphs, numbering ("Q1.", "1)") dropped.
 * Empty when the post has no such section.
 */
export function extractFaq(markdown: string): FaqEntry[] {
  const source = faqSource(markdown);
  if (source === null) return [];
  const entries = faqEntries(source);
  // The shortcut parsed only the tail; if the tree disagrees that it opens
  // with an FAQ heading, look in the whole body.
  if (entries === undefined && source !== markdown) return faqEntries(markdown) ?? [];
  return entries ?? [];
}
