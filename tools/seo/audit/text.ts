/** The text a reader reads in a body, and keyword matching over it. */
import type { Nodes, Root } from 'mdast';

/** Blocks a reader does not read as prose. */
const SKIPPED = new Set(['code', 'html', 'yaml', 'definition', 'footnoteDefinition', 'mdxjsEsm', 'mdxFlowExpression', 'mdxTextExpression']);
/** Blocks whose children are kept apart by a space. */
const BLOCKS = new Set(['root', 'list', 'listItem', 'blockquote', 'table', 'tableRow', 'tableCell', 'mdxJsxFlowElement']);

/** A node's text as a reader sees it: image syntax, code blocks and raw HTML left out, blocks kept apart. */
function readable(node: Nodes): string {
  if (SKIPPED.has(node.type) || node.type === 'image' || node.type === 'imageReference') return '';
  if (node.type === 'break') return ' ';
  if ('value' in node && typeof node.value === 'string') return node.type === 'inlineCode' ? node.value : node.value;
  if (!('children' in node)) return '';
  const parts = (node.children as Nodes[]).map(readable);
  return parts.join(BLOCKS.has(node.type) || node.type === 'paragraph' || node.type === 'heading' ? ' ' : '');
}

/**
 * The words of a body, as a reader meets them: a leading `# H1` (the title
 * repeated, which the page drops) left out, paragraphs and headings
 * separated by spaces.
 */
export function readableText(tree: Root): string {
  const [first, ...rest] = tree.children;
  const blocks = first?.type === 'heading' && first.depth === 1 ? rest : tree.children;
  return blocks
    .map((block) => readable(block))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Text in the form phrases are compared in: lower case, compatibility forms
 * folded ("ﬁ" -> "fi"), and hyphens, underscores and runs of spaces read as
 * one space, so "on-device inference" matches "on device inference".
 */
export function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\-‐‑–—_]+/g, ' ')
    .trim();
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A phrase's whole-word pattern, and the text every match contains: the
 * phrase up to the stem of its last word. Most keywords are absent from most
 * posts, and looking for that text first is far cheaper than the pattern's
 * Unicode look-behind at every position.
 */
interface PhraseSearch {
  pattern: RegExp;
  literal: string;
}
const searches = new Map<string, PhraseSearch>();

/** "stablecoins" and "stablecoin" are one keyword: the last word may take or drop a plural s/es. */
function withPlural(phrase: string): { source: string; literal: string } {
  const match = /^(.*?)(\p{L}{4,})$/u.exec(phrase);
  if (!match) return { source: escape(phrase), literal: phrase };
  const stem = match[2]!.endsWith('s') && !match[2]!.endsWith('ss') ? match[2]!.slice(0, -1) : match[2]!;
  return { source: `${escape(match[1]!)}${escape(stem)}(?:s|es)?`, literal: `${match[1]!}${stem}` };
}

/**
 * A whole-word pattern for a normalised phrase ("c++" and "node.js" included:
 * the edges are letters or digits only), plural or singular.
 */
function phraseSearch(phrase: string): PhraseSearch {
  let search = searches.get(phrase);
  if (!search) {
    if (searches.size > 10_000) searches.clear();
    const { source, literal } = withPlural(phrase);
    search = { pattern: new RegExp(`(?<![\\p{L}\\p{N}])${source}(?![\\p{L}\\p{N}])`, 'gu'), literal };
    searches.set(phrase, search);
  }
  search.pattern.lastIndex = 0;
  return search;
}

/** Keywords repeat across posts and rules: each is normalised once. */
const normalisedPhrases = new Map<string, string>();
function normalisePhrase(phrase: string): string {
  let wanted = normalisedPhrases.get(phrase);
  if (wanted === undefined) {
    if (normalisedPhrases.size > 10_000) normalisedPhrases.clear();
    wanted = normalise(phrase);
    normalisedPhrases.set(phrase, wanted);
  }
  return wanted;
}

/** How often a phrase occurs in normalised text, as whole words. */
export function occurrences(normalisedText: string, phrase: string): number {
  const wanted = normalisePhrase(phrase);
  if (!wanted) return 0;
  const { pattern, literal } = phraseSearch(wanted);
  if (!normalisedText.includes(literal)) return 0;
  let count = 0;
  while (pattern.exec(normalisedText)) count += 1;
  return count;
}

/** Whether a phrase occurs in normalised text as whole words. */
export function mentions(normalisedText: string, phrase: string): boolean {
  const wanted = normalisePhrase(phrase);
  if (wanted === '') return false;
  const { pattern, literal } = phraseSearch(wanted);
  return normalisedText.includes(literal) && pattern.test(normalisedText);
}

/** The first `count` words of a text. */
export function firstWords(text: string, count: number): string {
  return text.split(/\s+/).slice(0, count).join(' ');
}
