import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import pMap from 'p-map';
import * as pagefind from 'pagefind';
import { scanOutput } from './output-scan.ts';
import { publishTree } from '../src/lib/publish-file.ts';

/** Folder under the site base where Pagefind's index and its small client are published. */
export const SEARCH_ROUTE = 'pagefind';
/** Folder in Astro's cacheDir holding the last index written, and the key it was made for. */
const CACHE_FOLDER = 'search-index';
const KEY_FILE = 'key.txt';

/** The installed Pagefind's version (its package.json is not among its exports). */
async function pagefindVersion(): Promise<string> {
  for (let dir = path.dirname(fileURLToPath(import.meta.resolve('pagefind'))); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = await readFile(path.join(dir, 'package.json'), 'utf8').catch(() => null);
    if (manifest) return (JSON.parse(manifest) as { version: string }).version;
  }
  return 'unknown';
}

/**
 * The pages Pagefind will index (those marked `data-pagefind-body`: once any
 * page carries the mark, Pagefind indexes only marked pages) and a key made
 * of the Pagefind version, the language and every such page's path and bytes.
 */
async function indexedPages(outDir: string, language: string): Promise<{ files: string[]; key: string }> {
  const { searchPages } = await scanOutput(outDir);
  const hash = createHash('sha1').update(JSON.stringify([await pagefindVersion(), language]));
  for (const page of searchPages) hash.update(`\n${page.file}\0${page.sha1}`);
  return { files: searchPages.map((page) => page.file), key: hash.digest('hex') };
}

/** Indexes the pages with Pagefind and writes the index to `target`; returns how many pages it indexed. */
async function writeIndex(outDir: string, files: string[], language: string, target: string): Promise<number> {
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: language });
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    // The page's path, as addDirectory would give it, so Pagefind derives the same URL.
    await pMap(
      files,
      async (file) => {
        const added = await index.addHTMLFile({ sourcePath: file, content: await readFile(path.join(outDir, file), 'utf8') });
        if (added.errors.length > 0) throw new Error(`Pagefind could not index ${file}: ${added.errors.join('; ')}`);
      },
      { concurrency: 8 },
    );
    const written = await index.writeFiles({ outputPath: target });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
    const entry = JSON.parse(await readFile(path.join(target, 'pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, { page_count: number }>;
    };
    return Object.values(entry.languages).reduce((sum, one) => sum + one.page_count, 0);
  } finally {
    await pagefind.close();
  }
}

/** Writes the index into `<outDir>/pagefind/`, from the cache when no indexed page changed; returns the line to log. */
async function buildIndex(outDir: string, cacheDir: string, language: string): Promise<string> {
  const started = performance.now();
  const seconds = () => ((performance.now() - started) / 1000).toFixed(2);
  const target = path.join(outDir, SEARCH_ROUTE);
  const { files, key } = await indexedPages(outDir, language);
  const cachedKey = await readFile(path.join(cacheDir, KEY_FILE), 'utf8').catch(() => null);
  if (cachedKey === key) {
    await publishTree(path.join(cacheDir, SEARCH_ROUTE), target);
    return `search index: ${files.length} posts, unchanged, copied from cache in ${seconds()}s`;
  }
  const indexed = await writeIndex(outDir, files, language, target);
  const message = `search index: ${indexed} posts of ${files.length} marked pages in ${seconds()}s`;
  // Replace the cached copy; the key is written last, so a half-written copy is never used.
  const next = `${cacheDir}.${process.pid}.tmp`;
  await rm(next, { recursive: true, force: true });
  await mkdir(next, { recursive: true });
  await publishTree(target, path.join(next, SEARCH_ROUTE));
  await writeFile(path.join(next, KEY_FILE), key);
  await rm(cacheDir, { recursive: true, force: true });
  await rename(next, cacheDir);
  return message;
}

/**
 * Builds the site search index with Pagefind once the pages are written.
 * Only elements marked `data-pagefind-body` are indexed, and only article
 * pages carry it, so listing pages never show up as results; drafts and
 * scheduled posts are never built in production, so they are never indexed.
 *
 * Indexing starts as soon as the pages exist (astro:build:generated), so
 * Pagefind's own process works on one core while the sitemap, images and
 * cards are finished on the other; the build waits for it at the end.
 *
 * The index is kept in `<cacheDir>/search-index/` with a key made of every
 * indexed page's bytes: a build whose articles are byte-for-byte the same as
 * the last one's copies it instead of indexing again.
 */
export function searchIndex(options: { language: string }): AstroIntegration {
  let cacheDir = '';
  let pending: Promise<string> | undefined;
  return {
    name: 'search-index',
    hooks: {
      'astro:config:setup': ({ config }) => {
        cacheDir = path.join(fileURLToPath(config.cacheDir), CACHE_FOLDER);
      },
      'astro:build:generated': ({ dir }) => {
        pending = buildIndex(fileURLToPath(dir), cacheDir, options.language);
        // Reported (and thrown) by astro:build:done, not as an unhandled rejection.
        pending.catch(() => undefined);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const message = await (pending ?? buildIndex(fileURLToPath(dir), cacheDir, options.language));
        pending = undefined;
        logger.info(message);
      },
    },
  };
}
