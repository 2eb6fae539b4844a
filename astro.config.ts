import { fileURLToPath } from 'node:url';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { blogImages } from './integrations/blog-images.ts';
import { buildEntry } from './integrations/build-entry.ts';
import { buildContext } from './integrations/build-context.ts';
import { contentCache } from './integrations/astro-internals/content-cache.ts';
import { contentStore } from './integrations/astro-internals/content-store.ts';
import { pageCache } from './integrations/astro-internals/page-cache.ts';
import { devStore } from './integrations/astro-internals/dev-store.ts';
import { devStart } from './integrations/dev-start.ts';
import { devWatch } from './integrations/dev-watch.ts';
import { searchIndex } from './integrations/search-index.ts';
import { siteLogo } from './integrations/site-logo.ts';
import { socialCards } from './integrations/social-cards.ts';
import { headersFile } from './integrations/headers-file.ts';
import { cspHeader } from '#src/lib/seo/csp.ts';
import { serviceCspSources } from '#src/lib/services/csp-sources.ts';
import { isNoindex, lastModified } from '#src/lib/seo/sitemap-registry.ts';
import { SITE } from '#src/site.config.ts';
import { markdownProcessor, shikiConfig, syntaxHighlight } from '#src/lib/markdown/pipeline.ts';
import { basePathFromEnv, cacheDirFromEnv } from '#src/lib/urls/site-paths.ts';

/** Sub-folder hosting (e.g. GitHub project pages): BASE_PATH=/repo-name/ */
const base = basePathFromEnv();
const root = fileURLToPath(new URL('.', import.meta.url));
// The opt-in services' hosts (src/site.config.ts `services`), in _headers as in the pages' <meta> (BaseLayout.astro).
const cspExtra = serviceCspSources(SITE.services);

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
  // article; BENCHMARKS.md "First paint"). The CSP allows inline <style> elements (style-src-elem), not style attributes
  // nor inline scripts (src/lib/seo/csp.ts).
  build: { format: 'directory', concurrency: 4, inlineStylesheets: 'always' },
  experimental: {
    // Pages whose getStaticPaths() gives a cacheKey (listings: src/lib/build/page-keys.ts)
    // are copied from <cacheDir>/dist/ when their key and code are unchanged.
    incrementalBuild: true,
    // Not `collectionStorage: 'chunked'`: each chunk would still be bundled as a module
    // of its size, which integrations/astro-internals/content-store.ts avoids for the
    // one-file store (its README, "Content store read from its file").
  },
  vite: {
    build: {
      // Scripts stay files under /_astro/ rather than being inlined: the CSP can then
      // allow 'self' without hashes, and Astro 7 leaves an undefined __VITE_PRELOAD__
      // in inlined scripts with a dynamic import (withastro/astro#17265).
      assetsInlineLimit: 0,
    },
  },
  // No `security.csp`: Astro would put its Content-Security-Policy <meta> at the end of <head>,
  // where it does not govern what comes before it. src/layouts/BaseLayout.astro writes the policy
  // of src/lib/seo/csp.ts first instead; Astro's CSP would add only hashes of the bundled script
  // files, which 'self' allows already.
  // One pipeline for Astro and for the blog loader's render workers (src/lib/markdown/pipeline.ts).
  markdown: { processor: markdownProcessor({ root, base, origins: SITE.origins }), shikiConfig, syntaxHighlight },
  integrations: [
    // First: a bare `astro build` stops before anything else is set up.
    buildEntry(),
    buildContext(),
    contentCache(),
    // After contentCache(), which drops stores made by other rendering code.
    devStore(),
    pageCache(),
    devWatch(),
    devStart(),
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
