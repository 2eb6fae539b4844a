/** The one Markdown pipeline: astro.config.ts's `markdown` settings and the content loader's render workers both build it here. */
import path from 'node:path';
import { unified, type ShikiConfig, type UnifiedProcessorOptions } from '@astrojs/markdown-remark';
import { codeAnnotationTransformers } from './code-annotations.ts';
import { CODE_THEMES, transformerThemeClasses } from './code-theme.ts';
import { DIAGRAM_LANGUAGE, rehypeDiagrams, remarkDiagrams } from './diagrams/rehype-diagrams.ts';
import { rehypeBodyImages } from './rehype-body-images.ts';
import { rehypeCallouts } from './rehype-callouts.ts';
import { rehypeCodeBlocks } from './rehype-code-blocks.ts';
import { rehypeFigures } from './rehype-figures.ts';
import { rehypeHeadingLinks } from './rehype-heading-links.ts';
import { rehypeLinkCards } from './rehype-link-cards.ts';
import { rehypeMath } from './rehype-math.ts';
import { rehypeSanitizePost } from './rehype-sanitize-post.ts';
import { rehypeSiteLinks } from './rehype-site-links.ts';
import { rehypeTableScroll } from './rehype-table-scroll.ts';
import { remarkCallouts } from './remark-callouts.ts';
import { remarkMath } from './remark-math.ts';
import { rehypeVideoEmbeds } from './rehype-video-embeds.ts';
import { remarkHeadingIds } from './remark-heading-ids.ts';
import { remarkPostCleanup } from './remark-post-cleanup.ts';
import { remarkSmartPunctuation } from './remark-smart-punctuation.ts';
import { cacheDirFromEnv } from '#src/lib/urls/site-paths.ts';

export interface PipelineOptions {
  /** The project folder, with a trailing slash (public/ is in it). */
  root: string;
  /** The path the site is hosted under ("/" or "/repo/"). */
  base: string;
  /** Every origin that is this site (SITE.origins): absolute links to them become site links. Passed in, not imported, so render workers use the settings the build was started with. */
  origins: readonly string[];
}

/** Our remark and rehype plugins, in order. */
export function markdownPlugins({ root, base, origins }: PipelineOptions): UnifiedProcessorOptions {
  return {
    // `{#id}` first, before smart punctuation could touch an id; then smart punctuation where
    // Astro's own smartypants ran (markdownProcessor turns that one off).
    remarkPlugins: [remarkHeadingIds, remarkSmartPunctuation, remarkPostCleanup, remarkCallouts, remarkMath, remarkDiagrams],
    rehypePlugins: [
      // First: raw HTML is parsed and cleaned before anything else reads it.
      rehypeSanitizePost,
      // After the sanitiser, which keeps remark-callouts.ts's marks but would drop the icons' SVG.
      rehypeCallouts,
      // After the sanitiser, which never sees the MathML; before rehypeCodeBlocks, which would take a formula's <pre> for code.
      rehypeMath,
      // After the sanitiser, which would strip the SVG (drawn from the fence's text, never from raw HTML).
      [rehypeDiagrams, { cacheDir: cacheDirFromEnv(root) }],
      rehypeTableScroll,
      // After the sanitiser, which leaves only YouTube's and Vimeo's iframes: each becomes a click-to-load facade.
      rehypeVideoEmbeds,
      [rehypeSiteLinks, { siteUrl: origins, base }],
      // After rehypeSiteLinks, which makes links to our posts root-relative: marks "Related:" link-card paragraphs.
      [rehypeLinkCards, { base }],
      rehypeFigures,
      [rehypeBodyImages, { root, publicDir: path.join(root, 'public/'), base, siteUrl: origins }],
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

/**
 * `markdown.syntaxHighlight`: Shiki, except for ```mermaid fences, which rehypeDiagrams draws
 * (Shiki would turn the fence into coloured spans first); 'math' is Astro's own default.
 */
export const syntaxHighlight: { type: 'shiki'; excludeLangs: string[] } = { type: 'shiki', excludeLangs: ['math', DIAGRAM_LANGUAGE] };

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
 * codeAnnotationTransformers draw titles, marked lines and words, diffs, line numbers and
 * terminal prompts, as classes too (code-annotations.ts).
 */
export const shikiConfig: ShikiConfig = {
  themes: { ...CODE_THEMES },
  defaultColor: false,
  wrap: null,
  transformers: [wholeLines, ...codeAnnotationTransformers, transformerThemeClasses],
};
