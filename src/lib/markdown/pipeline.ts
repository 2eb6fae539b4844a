/** The one Markdown pipeline: astro.config.ts's `markdown` settings and the content loader's render workers both build it here. */
import path from 'node:path';
import { unified, type ShikiConfig, type UnifiedProcessorOptions } from '@astrojs/markdown-remark';
import { CODE_THEMES, transformerThemeClasses } from './code-theme.ts';
import { rehypeBodyImages } from './rehype-body-images.ts';
import { rehypeCodeBlocks } from './rehype-code-blocks.ts';
import { rehypeFigures } from './rehype-figures.ts';
import { rehypeHeadingLinks } from './rehype-heading-links.ts';
import { rehypeLinkCards } from './rehype-link-cards.ts';
import { rehypeSanitizePost } from './rehype-sanitize-post.ts';
import { rehypeSiteLinks } from './rehype-site-links.ts';
import { rehypeTableScroll } from './rehype-table-scroll.ts';
import { rehypeVideoEmbeds } from './rehype-video-embeds.ts';
import { remarkHeadingIds } from './remark-heading-ids.ts';
import { remarkPostCleanup } from './remark-post-cleanup.ts';
import { remarkSmartPunctuation } from './remark-smart-punctuation.ts';
import { SITE } from '#src/site.config.ts';

export interface PipelineOptions {
  /** The project folder, with a trailing slash (public/ is in it). */
  root: string;
  /** The path the site is hosted under ("/" or "/repo/"). */
  base: string;
}

/** Our remark and rehype plugins, in order. */
export function markdownPlugins({ root, base }: PipelineOptions): UnifiedProcessorOptions {
  return {
    // `{#id}` first, before smart punctuation could touch an id; then smart punctuation where
    // Astro's own smartypants ran (markdownProcessor turns that one off).
    remarkPlugins: [remarkHeadingIds, remarkSmartPunctuation, remarkPostCleanup],
    rehypePlugins: [
      // First: raw HTML is parsed and cleaned before anything else reads it.
      rehypeSanitizePost,
      rehypeTableScroll,
      // After the sanitiser, which leaves only YouTube's and Vimeo's iframes: each becomes a click-to-load facade.
      rehypeVideoEmbeds,
      [rehypeSiteLinks, { siteUrl: SITE.origins ?? SITE.url, base }],
      // After rehypeSiteLinks, which makes links to our posts root-relative: marks "Related:" link-card paragraphs.
      [rehypeLinkCards, { base }],
      rehypeFigures,
      [rehypeBodyImages, { root, publicDir: path.join(root, 'public/'), base }],
      rehypeCodeBlocks,
      // Two plugins: Astro's heading ids first, then the links to them.
      rehypeHeadingLinks[0],
      rehypeHeadingLinks[1],
    ],
  };
}

/**
 * `markdown.processor`: Astro's unified processor with our plugins, for `.md` and (through
 * @astrojs/mdx, which reads these options) `.mdx`. Smart punctuation is remarkSmartPunctuation's,
 * the same typography in less time, so Astro's is off.
 */
export function markdownProcessor(options: PipelineOptions) {
  return unified({ ...markdownPlugins(options), smartypants: false });
}

type ShikiTransformer = NonNullable<ShikiConfig['transformers']>[number];

/**
 * Shiki stops tokenizing a line after 500 ms of wall-clock time and carries
 * the half-read state into the next lines, so on a busy machine (render
 * workers sharing its cores, a grammar's patterns compiled on first use) a
 * code block came out in other colours than on a quiet one. A build waits for
 * the whole line instead: the colours are always a quiet machine's.
 */
export const wholeLines: ShikiTransformer = {
  name: 'blog:whole-lines',
  preprocess(_code, options) {
    options.tokenizeTimeLimit = 0;
  },
};

/**
 * `markdown.shikiConfig`: both themes, each token's colours and font style written as classes
 * (code-theme.ts), never as `style` attributes, which the CSP forbids; src/styles/code-theme.css
 * gives the classes their colours, and the root's color-scheme picks the light or the dark one.
 * `wrap: null`: Astro adds no `overflow-x` style to the <pre> (code.css scrolls blocks).
 */
export const shikiConfig: ShikiConfig = {
  themes: { ...CODE_THEMES },
  defaultColor: false,
  wrap: null,
  transformers: [wholeLines, transformerThemeClasses],
};
