import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import remarkSmartypants from 'remark-smartypants';
import { unified, type Plugin } from 'unified';
import { describe, expect, it } from 'vitest';
import { remarkSmartPunctuation } from '#src/lib/markdown/remark-smart-punctuation.ts';

/** The tree after GFM and one smart-punctuation plugin, as Astro's pipeline runs them. */
function tree(markdown: string, plugin: Plugin<[], Root>, mdx = false): Root {
  const processor = unified().use(remarkParse);
  if (mdx) processor.use(remarkMdx);
  processor.use(remarkGfm).use(plugin);
  return processor.runSync(processor.parse(markdown)) as Root;
}

/** The texts of a tree, in order, to see what changed. */
function texts(root: Root): string[] {
  const found: string[] = [];
  const walk = (node: { type: string; value?: unknown; children?: unknown[] }) => {
    if (node.type === 'text' && typeof node.value === 'string') found.push(node.value);
    for (const child of node.children ?? []) walk(child as typeof node);
  };
  walk(root);
  return found;
}

/** How editors write quotes, dashes and ellipses, and what is around them. */
const FORMS = [
  ['double quotes', '"Hello," she said. "Goodbye."'],
  ['single quotes and apostrophes', "'Single' quotes, don't, it's, rock 'n' roll, the '80s, 'tis"],
  ['nested quotes', `He said, "'Quoted' words in a larger quote."`],
  ['quotes around a link', 'See "[the guide](/blog/guide/)" and "[this one](https://example.com)".'],
  ['quotes around emphasis', 'A **"bold"** word, an *"emphasised" one* and _"one more"_.'],
  ['quotes around inline code', 'Run "`npm test`" or \'`npm run build`\' first.'],
  ['a quote opening a paragraph', 'First paragraph ends here.\n\n"A quote opens the second one."'],
  ['a quote opening a heading', '## "Quoted" heading\n\n"Then" text.'],
  ['a quote opening a list item', "- \"one\"\n- 'two'\n- three's"],
  ['quotes in table cells', '| term | "meaning" |\n| --- | --- |\n| \'a\' | "b" |'],
  ['quotes across a soft line break', '"Line one\nline two," she wrote.'],
  ['CRLF line endings', '"Line one\r\nline two," she wrote.\r\n\r\n"Next."'],
  ['dashes', 'a -- b, a --- b, a - b, a-b, well--yes, 2020--2024'],
  ['unspaced ellipses', 'Wait... and.... and.. here'],
  ['spaced ellipses', 'Wait . . . then. . . and . . more'],
  ['ellipses spaced with no-break spaces and tabs', 'Wait.\u00a0.\u00a0. and .\t.\t.'],
  // NEL is whitespace to retext but not to a regular expression's \s.
  ['ellipses spaced with next-line characters', 'Wait.\u0085.\u0085.'],
  ['backtick quotes', "``Quoted'' the old way, and ``once more''"],
  ['a mix in one sentence', `'Yes' -- he said... "no?"`],
  ['quotes after punctuation', 'He asked ("really?") and left.\'"'],
  ['a quote before a number', "Revenue rose in '24 and '25, not '2024."],
  ['an autolink literal', 'Visit www.example.com/"path" and "https://example.com".'],
  ['code blocks and raw HTML left alone', '```js\nconst a = "b" -- c...\n```\n\n<span title="x">"y"</span>'],
  ['no punctuation at all', 'Plain words only'],
  ['empty', ''],
] as const;

describe('remarkSmartPunctuation', () => {
  it.each(FORMS)("gives remark-smartypants' tree: %s", (_name, markdown) => {
    expect(tree(markdown, remarkSmartPunctuation)).toEqual(tree(markdown, remarkSmartypants as Plugin<[], Root>));
  });

  it.each([
    ['inline elements', 'A <span>"quoted"</span> word -- and <b>\'this\'</b>...'],
    ['code elements', `A <style>"not prose" -- ...</style> and <script>'x' -- y</script> "after".`],
    ['flow elements', '<div>\n"Inside" a block -- element...\n</div>'],
  ])("gives remark-smartypants' tree in MDX: %s", (_name, markdown) => {
    expect(tree(markdown, remarkSmartPunctuation, true)).toEqual(tree(markdown, remarkSmartypants as Plugin<[], Root>, true));
  });

  it('changes what an editor expects', () => {
    expect(texts(tree(`"It's here" -- at last...`, remarkSmartPunctuation))).toEqual(['“It’s here” — at last…']);
  });
});
