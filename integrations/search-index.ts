import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';

/** Folder under the site base where Pagefind's index and its small client are published. */
export const SEARCH_ROUTE = 'pagefind';

/**
 * Builds the site search index with Pagefind after the pages are written.
 * Only elements marked `data-pagefind-body` are indexed, and only article
 * pages carry it, so listing pages never show up as results; drafts and
 * scheduled posts are never built in production, so they are never indexed.
 */
export function searchIndex(options: { language: string }): AstroIntegration {
  return {
    name: 'search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const outDir = fileURLToPath(dir);
        try {
          const { index, errors } = await pagefind.createIndex({ forceLanguage: options.language });
          if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
          const added = await index.addDirectory({ path: outDir });
          if (added.errors.length > 0) throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`);
          const written = await index.writeFiles({ outputPath: path.join(outDir, SEARCH_ROUTE) });
          if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
          // addDirectory counts every page it read; the entry file counts those indexed.
          const entry = JSON.parse(await readFile(path.join(written.outputPath, 'pagefind-entry.json'), 'utf8')) as {
            languages: Record<string, { page_count: number }>;
          };
          const indexed = Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
          const seconds = ((performance.now() - started) / 1000).toFixed(2);
          logger.info(`search index: ${indexed} posts of ${added.page_count} pages in ${seconds}s`);
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
