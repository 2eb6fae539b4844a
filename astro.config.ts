import { fileURLToPath } from 'node:url';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { unified } from '@astrojs/markdown-remark';
import { defineConfig } from 'astro/config';
import { blogImages } from './integrations/blog-images.ts';
import { contentCache } from './integrations/astro-internals/content-cache.ts';
import { contentStore } from './integrations/astro-internals/content-store.ts';
import { searchIndex } from './integrations/search-index.ts';
import { siteLogo } from './integrations/site-logo.ts';
import { socialCards } from './integrations/social-cards.ts';
import { headersFile } from './integrations/headers-file.ts';
import { CSP_SCRIPT_HASHES, cspHeader, cspPolicy } from '#src/lib/seo/csp.ts';
import { serviceCspSources } from '#src/lib/services/csp-sources.ts';
import { isNoindex, lastModified } from '#src/lib/seo/sitemap-registry.ts';
import { rehypeBodyImages } from '#src/lib/markdown/rehype-body-images.ts';
import { rehypeCodeBlocks } from '#src/lib/markdown/rehype-code-blocks.ts';
import { rehypeHeadingLinks } from '#src/lib/markdown/rehype-heading-links.ts';
import { rehypeSanitizePost } from '#src/lib/markdown/rehype-sanitize-post.ts';
import { rehypeTableScroll } from '#src/lib/markdown/rehype-table-scroll.ts';
import { rehypeSiteLinks } from '#src/lib/markdown/rehype-site-links.ts';
import { remarkPostCleanup } from '#src/lib/markdown/remark-post-cleanup.ts';
import { SITE } from '#src/site.config.ts';
import { basePathFromEnv, cacheDirFromEnv } from '#src/lib/urls/site-paths.ts';
import { rehypeLinkCards } from '#src/lib/markdown/rehype-link-cards.ts';
import { shikiWithoutTimeLimit } from '#src/lib/markdown/shiki-no-time-limit.ts';

/** Sub-folder hosting (e.g. GitHub project pages): BASE_PATH=/repo-name/ */
const base = basePathFromEnv();
const root = fileURLToPath(new URL('.', import.meta.url));
// The opt-in services' hosts (src/site.config.ts `services`), in the <meta> and in _headers alike.
const cspExtra = serviceCspSources(SITE.services);
const csp = cspPolicy(cspExtra);

export default defineConfig({
  site: SITE.url,
  // Test fixtures and benchmark corpora build from copies; they keep their own caches.
  cacheDir: cacheDirFromEnv(root),
  base,
  trailingSlash: 'always',
  // Pages are rendered 4 at a time: copying a cached page or writing one waits on
  // the disk, and the main thread renders the next meanwhile (warm builds ~30% faster).
  // Stylesheets go inline as <style>: a first visit then paints after the HTML alone, without
  // four more round trips (Lighthouse mobile article LCP 1230 -> 976 ms, +3.3 KB brotli per
  // article; BENCHMARKS.md "First paint"). The CSP allows inline styles, not inline scripts.
  build: { format: 'directory', concurrency: 4, inlineStylesheets: 'always' },
  experimental: {
    // Pages whose getStaticPaths() gives a cacheKey (listings: src/lib/build/page-keys.ts)
    // are copied from <cacheDir>/dist/ when their key and code are unchanged.
    incrementalBuild: true,
    // Not `collectionStorage: 'chunked'`: Astro 7.3.5 measures each chunk's size
    // one character at a time with a TextEncoder, ~30 s per 1,000 posts on every
    // build (BENCHMARKS.md).
  },
  vite: {
    build: {
      // Scripts stay files under /_astro/ rather than being inlined: the CSP can then
      // allow 'self' without hashes, and Astro 7 leaves an undefined __VITE_PRELOAD__
      // in inlined scripts with a dynamic import (withastro/astro#17265).
      assetsInlineLimit: 0,
    },
  },
  // A Content-Security-Policy <meta> on every page, for hosts that cannot send
  // headers (GitHub Pages); dist/_headers sends the same policy plus what a
  // <meta> cannot carry (frame-ancestors) where the host reads it.
  security: {
    csp: {
      directives: csp.directives,
      scriptDirective: { resources: csp.scriptSources, hashes: [...CSP_SCRIPT_HASHES] },
      styleDirective: { resources: csp.styleSources },
    },
  },
  markdown: {
    processor: unified({
      remarkPlugins: [remarkPostCleanup],
      rehypePlugins: [
        // First: raw HTML is parsed and cleaned before anything else reads it.
        rehypeSanitizePost,
        rehypeTableScroll,
        [rehypeSiteLinks, { siteUrl: SITE.origins ?? SITE.url, base }],
        // After rehypeSiteLinks, which makes links to our posts root-relative: marks "Related:" link-card paragraphs.
        [rehypeLinkCards, { base }],
        [rehypeBodyImages, { root, publicDir: fileURLToPath(new URL('./public/', import.meta.url)), base }],
        rehypeCodeBlocks,
        // Two plugins: Astro's heading ids first, then the links to them.
        rehypeHeadingLinks[0],
        rehypeHeadingLinks[1],
      ],
    }),
    // Both themes as CSS variables; global.css picks one per colour scheme. No time limit per
    // line, so a busy machine colours code as a quiet one does (shiki-no-time-limit.ts).
    shikiConfig: { themes: { light: 'github-light', dark: 'github-dark' }, defaultColor: false, transformers: [shikiWithoutTimeLimit] },
  },
  integrations: [
    contentCache(),
    contentStore(),
    mdx(),
    sitemap({
      filter: (page) => !isNoindex(page),
      serialize: (item) => {
        const date = lastModified(item.url);
        return date ? { ...item, lastmod: date.toISOString() } : item;
      },
    }),
    blogImages(),
    socialCards(),
    siteLogo({ logo: SITE.logo }),
    searchIndex({ language: SITE.language }),
    headersFile({ csp: cspHeader(cspExtra) }),
  ],
});
