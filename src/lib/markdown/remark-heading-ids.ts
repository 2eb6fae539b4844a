/** `## Pricing {#pricing}` gets id="pricing" and loses its braces; Astro's heading ids, the TOC and the heading links keep it. */
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { takeCustomId } from './custom-heading-id.ts';

/**
 * Sets a heading's id from its `{#id}` (custom-heading-id.ts, which the post
 * check reads too). Astro's rehypeHeadingIds keeps an id a heading already has,
 * so the table of contents, the heading's self-link and `#fragment` links all
 * use it. An invalid `{#…}` is left as text: the post check reports it.
 * First among the remark plugins, before smart punctuation could turn an
 * id's `--` into a dash. In .mdx, `{#id}` is an expression and never reaches
 * here: the check says to write `<h2 id="…">` instead.
 */
export function remarkHeadingIds() {
  return (tree: Root) => {
    visit(tree, 'heading', (heading) => {
      const id = takeCustomId(heading);
      if (id === null) return;
      heading.data ??= {};
      heading.data.hProperties = { ...heading.data.hProperties, id };
    });
  };
}
