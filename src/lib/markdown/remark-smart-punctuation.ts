/**
 * Smart punctuation ("curly" quotes, — for --, … for ...), as Astro's `markdown.smartypants`
 * gives it, with the same output in less time.
 *
 * Astro's default is remark-smartypants 3, which runs retext-smartypants twice, each run a full
 * natural-language parse: once over the whole body's text for the quotes (a quote's context
 * crosses links and emphasis), then once more over every text node for dashes, ellipses and
 * backtick quotes, though that second pass can change only a node that holds one of its
 * patterns. This plugin skips the second pass for the other nodes, and the first for a body with
 * no straight quote; the typography itself is retext-smartypants' own. Measured with
 * `node scripts/dev/markdown-profile.ts` (BENCHMARKS.md "Smart punctuation"): a benchmark post
 * 42 -> 22 ms, the same posts with quotes in every paragraph 51 -> 39 ms.
 *
 * `unified({ smartypants: false })` in pipeline.ts turns Astro's copy off, and this runs where
 * Astro ran it: the first remark plugin after GFM. tests/unit/smart-punctuation.test.ts checks
 * it against remark-smartypants on a table of forms.
 */
import type { Node, Parent, Root } from 'mdast';
import { retext } from 'retext';
import retextSmartypants from 'retext-smartypants';
import { visit } from 'unist-util-visit';

/** Nodes whose text is read: literals in order, and the blocks that start a fresh run of text. */
const LITERALS = new Set(['text', 'inlineCode', 'inlineMath']);
const BLOCKS = new Set(['paragraph', 'heading', 'tableCell']);
/** MDX elements whose text is code, never prose. */
const CODE_ELEMENTS = new Set(['style', 'script']);

/**
 * What the second pass can change, as text: `--` (an em dash), three dots with or without
 * spaces between them (an ellipsis) and ``` `` ``` or `''` (double quotes). A node without any
 * of these comes out of that pass as it went in. `\u0085` is whitespace to retext, not to `\s`.
 */
const SECOND_PASS = /--|``|''|\.\.|\.[\s\u0085]+\./;

type Literal = Node & { value: string };

function readable(node: Node, parent: Parent | undefined): boolean {
  if (!parent) return false;
  if (parent.type === 'mdxJsxTextElement') {
    const name = (parent as { name?: unknown }).name;
    if (typeof name !== 'string' || CODE_ELEMENTS.has(name)) return false;
  }
  return LITERALS.has(node.type) || BLOCKS.has(node.type);
}

export function remarkSmartPunctuation() {
  const quotes = retext().use(retextSmartypants, { ellipses: false, dashes: false, backticks: false });
  // Quotes are left to the first pass, which sees the text around them.
  const rest = retext().use(retextSmartypants, { quotes: false });
  return (tree: Root) => {
    const nodes: Node[] = [];
    let text = '';
    visit(tree, (node, _index, parent) => {
      if (!readable(node, parent)) return;
      nodes.push(node);
      // Inline code and math count as a word (its length in letters): it takes part in the quotes around it, unchanged.
      if (LITERALS.has(node.type)) text += node.type === 'text' ? (node as Literal).value : 'A'.repeat((node as Literal).value.length);
      // A space before each block, so a quote that opens it reads as an opening quote.
      else text += ' ';
    });
    // Only straight quotes change in the first pass, one character for one.
    if (text.includes('"') || text.includes("'")) text = quotes.processSync(text).toString();
    let at = 0;
    for (const node of nodes) {
      if (!LITERALS.has(node.type)) {
        at += 1;
        continue;
      }
      const literal = node as Literal;
      const end = at + literal.value.length;
      if (literal.type === 'text') {
        const value = text.slice(at, end);
        literal.value = SECOND_PASS.test(value) ? rest.processSync(value).toString() : value;
      }
      at = end;
    }
  };
}
