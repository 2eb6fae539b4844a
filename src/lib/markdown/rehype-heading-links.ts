/** A link to itself after every `##`–`####` heading (rehype-autolink-headings), on Astro's own ids. */
import { rehypeHeadingIds } from '@astrojs/markdown-remark';
import type { Element } from 'hast';
import { toString } from 'hast-util-to-string';
import rehypeAutolinkHeadings, { type Options } from 'rehype-autolink-headings';
import { PAGE_ONLY } from './page-only.ts';

/**
 * A link to itself after every `##`–`####` heading, by rehype-autolink-headings.
 * That plugin needs the ids, which Astro only adds after our plugins, so
 * Astro's own rehypeHeadingIds runs first: the ids are exactly Astro's, and
 * its second pass keeps them. The link has no text of its own (the "#" is
 * drawn by CSS), so the headings Astro collects for the table of contents,
 * search and feeds read as before; readers of assistive technology hear
 * "Link to this section: <heading>".
 */
const options: Options = {
  behavior: 'append',
  test: ['h2', 'h3', 'h4'],
  properties: (heading: Element) => ({
    className: ['heading-link'],
    ariaLabel: `Link to this section: ${toString(heading).trim()}`,
    ...PAGE_ONLY,
  }),
  content: { type: 'element', tagName: 'span', properties: { className: ['heading-link__mark'], ariaHidden: 'true' }, children: [] },
};

/** The two plugins, in order, for `rehypePlugins`. */
export const rehypeHeadingLinks = [rehypeHeadingIds, [rehypeAutolinkHeadings, options]] satisfies [unknown, [unknown, Options]];
