import { createHash } from 'node:crypto';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';
import { keepScanRecord, scanOutput } from './output-scan.ts';
import { noteDamage, VerifiedFolder } from '#src/lib/build/cache-integrity.ts';
import { publishTree } from '#src/lib/build/publish-file.ts';
import { keepUnchangedFiles } from '#src/lib/build/keep-unchanged.ts';

/** Folder under the site base where Pagefind's index and its small client are published. */
export const SEARCH_ROUTE = 'pagefind';
/** Folder in Astro's cacheDir holding the last bundle of each shard, and the key it was made for. */
const CACHE_FOLDER = 'search-index';
const KEY_FILE = 'key.txt';
/** Beside the key: the size and checksum of each file of the bundle (src/lib/build/cache-integrity.ts). */
const RECORD_FILE = 'integrity.json';
const KIND = 'search index file';

async function filesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

/** True when the cached bundle holds exactly the files recorded when it was made, each intact. */
async function cachedBundleIntact(cached: string): Promise<boolean> {
  const bundle = new VerifiedFolder(path.join(cached, 'bundle'), KIND, path.join(cached, RECORD_FILE));
  await bundle.load();
  const recorded = bundle.recordedNames();
  const present = await filesIn(bundle.dir).catch(() => []);
  if (recorded.length === 0 || present.length !== recorded.length) {
    if (recorded.length > 0) noteDamage(KIND, Math.abs(recorded.length - present.length));
    return false;
  }
  return recorded.every((name) => bundle.isIntact(name));
}

/** Records every file of a bundle just copied to `cached`, from its bytes. */
async function recordBundle(cached: string): Promise<void> {
  const bundle = new VerifiedFolder(path.join(cached, 'bundle'), KIND, path.join(cached, RECORD_FILE));
  for (const name of await filesIn(bundle.dir)) bundle.record(name, await readFile(path.join(bundle.dir, name)));
  await bundle.save();
}

/** The installed Pagefind's version (its package.json is not among its exports). */
async function pagefindVersion(): Promise<string> {
  for (let dir = path.dirname(fileURLToPath(import.meta.resolve('pagefind'))); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = await readFile(path.join(dir, 'package.json'), 'utf8').catch(() => null);
    if (manifest) return (JSON.parse(manifest) as { version: string }).version;
  }
  return 'unknown';
}

/**
 * How the article pages are split into shards, each its own Pagefind bundle,
 * which the search page merges (Pagefind's mergeIndex). A shard is indexed
 * again only when one of its pages changed, so its size is what a one-post
 * edit costs: Pagefind's time grows with the pages it indexes (BENCHMARKS.md,
 * "Edits that cost what they change"). Each extra bundle costs a reader's first query its own
 * small requests (its entry, metadata and Pagefind's 60 KB wasm), so a site
 * gets at most `maxShards` of about `perShard` pages, and more only when a
 * shard would pass `maxPages`: Pagefind keeps a whole index in memory while
 * it writes it (gigabytes for 10,000 long posts; BENCHMARKS.md).
 */
export interface ShardSizing {
  perShard: number;
  maxShards: number;
  maxPages: number;
}
export const SHARD_SIZING: ShardSizing = { perShard: 250, maxShards: 4, maxPages: 2000 };
/** Lists the extra bundles for the search page, in the first bundle's folder. */
export const SHARDS_FILE = 'shards.json';

/** The smallest power of two `count` with `count * size >= pages`. */
function powerOfTwoFor(pages: number, size: number): number {
  let count = 1;
  while (count * size < pages) count *= 2;
  return count;
}

/** Shards for this many pages: a power of two, so the count (and every page's shard) changes rarely. */
export function shardCount(pages: number, sizing: ShardSizing = SHARD_SIZING): number {
  return Math.max(Math.min(powerOfTwoFor(pages, sizing.perShard), sizing.maxShards), powerOfTwoFor(pages, sizing.maxPages));
}

/** A page's shard, from its path alone: adding or editing a post leaves other pages where they were. */
export function shardOf(file: string, count: number): number {
  return count === 1 ? 0 : createHash('sha1').update(file).digest().readUInt32BE(0) % count;
}

/** Indexes the pages with a fresh Pagefind process and writes the bundle to `target`; returns how many pages it indexed. */
async function writeIndex(outDir: string, files: string[], language: string, target: string): Promise<number> {
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: language });
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    // The page's path, as addDirectory would give it, so Pagefind derives the same URL.
    // Added one at a time, in order: Pagefind numbers pages as they arrive, and
    // pages added in a different order gave different index files for the same site.
    for (const file of files) {
      const added = await index.addHTMLFile({ sourcePath: file, content: await readFile(path.join(outDir, file), 'utf8') });
      if (added.errors.length > 0) throw new Error(`Pagefind could not index ${file}: ${added.errors.join('; ')}`);
    }
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

/** Writes one shard's bundle to `target`, or links it from the cache when its pages are unchanged; true when made. */
async function buildShard(options: {
  outDir: string;
  files: string[];
  key: string;
  language: string;
  cached: string;
  target: string;
}): Promise<boolean> {
  const { outDir, files, key, language, cached, target } = options;
  if ((await readFile(path.join(cached, KEY_FILE), 'utf8').catch(() => null)) === key && (await cachedBundleIntact(cached))) {
    await publishTree(path.join(cached, 'bundle'), target);
    return false;
  }
  const indexed = await writeIndex(outDir, files, language, target);
  // Every page given carries data-pagefind-body; one left out would be a post search cannot find.
  if (indexed !== files.length) throw new Error(`Pagefind indexed ${indexed} of the ${files.length} article pages given to it`);
  // Most files of a shard made again are the same (the fragments of unchanged pages, the scripts):
  // they stay the files the last build published, and only the changed ones are new.
  keepUnchangedFiles(target, path.join(cached, 'bundle'));
  // Replace the cached copy; the key is written last, so a half-written copy is never used.
  const next = `${cached}.${process.pid}.tmp`;
  await rm(next, { recursive: true, force: true });
  await publishTree(target, path.join(next, 'bundle'));
  await recordBundle(next);
  await writeFile(path.join(next, KEY_FILE), key);
  await rm(cached, { recursive: true, force: true });
  await rename(next, cached);
  return true;
}

/**
 * Writes the search index into `<outDir>/pagefind/` (and `pagefind-2/`, …
 * when the site has more than one shard), each shard from the cache when
 * none of its pages changed; returns the line to log.
 */
export async function buildIndex(outDir: string, cacheDir: string, language: string, sizing = SHARD_SIZING): Promise<string> {
  const started = performance.now();
  const { searchPages } = await scanOutput(outDir);
  const count = shardCount(searchPages.length, sizing);
  const shards = Array.from({ length: count }, () => [] as typeof searchPages);
  for (const page of searchPages) shards[shardOf(page.file, count)]!.push(page);
  const version = await pagefindVersion();
  // Empty shards (possible on small sites) are left out; the first bundle is always pagefind/.
  const used = shards.map((pages, shard) => ({ pages, shard })).filter(({ pages }) => pages.length > 0 || count === 1);
  let made = 0;
  for (const [n, { pages, shard }] of used.entries()) {
    const hash = createHash('sha1').update(JSON.stringify([version, language, count, shard]));
    for (const page of pages) hash.update(`\n${page.file}\0${page.sha1}`);
    const fresh = await buildShard({
      outDir,
      files: pages.map((page) => page.file),
      key: hash.digest('hex'),
      language,
      cached: path.join(cacheDir, `${count}-${shard}`),
      target: path.join(outDir, n === 0 ? SEARCH_ROUTE : `${SEARCH_ROUTE}-${n + 1}`),
    });
    if (fresh) made += 1;
  }
  const extra = used.slice(1).map((_, i) => `${SEARCH_ROUTE}-${i + 2}/`);
  await writeFile(path.join(outDir, SEARCH_ROUTE, SHARDS_FILE), JSON.stringify(extra));
  // Shards of another count or no longer used.
  const keep = new Set(used.map(({ shard }) => `${count}-${shard}`));
  for (const name of await readdir(cacheDir).catch(() => [] as string[])) {
    if (!keep.has(name)) await rm(path.join(cacheDir, name), { recursive: true, force: true });
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const shardText = `${used.length} ${used.length === 1 ? 'shard' : 'shards'}`;
  return made === 0
    ? `search index: ${searchPages.length} posts, unchanged, copied from cache in ${seconds}s`
    : `search index: ${searchPages.length} posts in ${shardText}, ${made} made and ${used.length - made} copied in ${seconds}s`;
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
        // The scan of the written site that decides which shards changed remembers what it read.
        keepScanRecord(fileURLToPath(config.cacheDir));
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
