/**
 * Two changes to Astro 7.3's build internals that make unchanged builds
 * cheaper; `npm run build` applies them before it starts Astro. Neither class
 * is among Astro's exports, so each is reached by its file, from plain Node
 * (astro.config.ts runs inside Vite's module runner, which is closed before
 * the build starts). Each patch first checks that the file still has the shape
 * it was written against; on another Astro it is left out and the build works
 * as Astro's own, only slower. README.md in this folder has what each one
 * measured and how to drop it.
 */
import { mkdirSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pageCacheFolder, savePageCacheRecords } from '#src/lib/build/cache-integrity.ts';
import { publishFileSync, writeCacheFile } from '#src/lib/build/publish-file.ts';
import { ASTRO_DIST, importAstroFile, readAstroFile } from './astro-files.ts';
import { changedMethods } from './source-hash.ts';
import { switchedOff } from './switched-off.ts';

export interface MetaStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

/** Makes `meta.set` drop a write of the value `meta.get` already gives (dev-store.ts wraps `get` first). */
export function dropUnchangedWrites(meta: MetaStore): MetaStore {
  const set = meta.set.bind(meta);
  meta.set = (key, value) => {
    if (meta.get(key) !== value) set(key, value);
  };
  return meta;
}
type MetaStoreFactory = ((this: unknown, collection?: string) => MetaStore) & { skipsUnchanged?: true };
type DataStoreClass = { new (): { metaStore?: MetaStoreFactory }; prototype: { metaStore?: MetaStoreFactory } };

const DATA_STORE_FILE = 'content/mutable-data-store.js';

async function dataStoreClass(dist: URL): Promise<DataStoreClass | undefined> {
  return (await importAstroFile<{ MutableDataStore?: DataStoreClass }>(dist, DATA_STORE_FILE)).MutableDataStore;
}

/**
 * What the metadata patch relies on, or null when it holds: `MutableDataStore`
 * has a `metaStore()` whose result has `get` and `set`. The patch wraps
 * `metaStore()`, so Astro's own code still runs whatever it becomes.
 */
export async function metaStoreMismatch(dist = ASTRO_DIST): Promise<string | null> {
  try {
    return storeClassMetaMismatch(await dataStoreClass(dist));
  } catch (error) {
    return `${DATA_STORE_FILE}: ${(error as Error).message}`;
  }
}

/** The same check on a `MutableDataStore` class already imported (dev-store.ts has Node's). */
export function storeClassMetaMismatch(imported: unknown): string | null {
  const store = imported as DataStoreClass | undefined;
  try {
    if (typeof store?.prototype.metaStore !== 'function') return `${DATA_STORE_FILE}: MutableDataStore.prototype.metaStore is gone`;
    const meta = new store().metaStore!();
    if (typeof meta.get !== 'function' || typeof meta.set !== 'function')
      return `${DATA_STORE_FILE}: metaStore() no longer returns get and set`;
    return null;
  } catch (error) {
    return `${DATA_STORE_FILE}: ${(error as Error).message}`;
  }
}

/**
 * Every content sync records Astro's version and config digests in the data
 * store's metadata, even when they have not changed, and any write marks the
 * store as changed. Astro then serialises the whole store and reads the file
 * back to compare, only to find nothing to write: about 1 s per 1,000 posts.
 * Writes of the value already there are dropped, so an unchanged store is
 * left alone.
 */
async function skipUnchangedMetadata(): Promise<boolean> {
  if ((await metaStoreMismatch()) !== null) return false;
  const prototype = (await dataStoreClass(ASTRO_DIST))!.prototype;
  const original = prototype.metaStore!;
  if (original.skipsUnchanged) return true;
  const wrapped: MetaStoreFactory = function (this: unknown, collection?: string) {
    return dropUnchangedWrites(original.call(this, collection));
  };
  wrapped.skipsUnchanged = true;
  prototype.metaStore = wrapped;
  return true;
}

interface Settings {
  config: { cacheDir: URL; outDir: URL };
}
interface PageCache {
  restoreOutputFile(settings: Settings, outputFile: string, destination: URL): Promise<boolean>;
  writeOutputFile(settings: Settings, outputFile: string, body: string | Uint8Array): Promise<void>;
  writeManifest(settings: Settings): void;
  linksPages?: true;
}

const PAGE_CACHE_FILE = 'core/build/incremental.js';
/**
 * The two methods `linkCachedPages` replaces, by a digest of their source in
 * Astro 7.3.5: a release that changes either (even by adding a line) leaves
 * the patch out rather than losing what it added.
 */
export const PAGE_CACHE_METHODS = { restoreOutputFile: 'f3f81762241aa01f', writeOutputFile: '63cbbe951e0404df' };
/** Where Astro keeps cached pages; the replacements compute the same path. */
const CACHED_OUTPUT_PATH = [
  'const INCREMENTAL_OUTPUT_DIR = "dist/";',
  'function getCachedOutputFile(settings, outputFile) {\n  return new URL(outputFile, new URL(INCREMENTAL_OUTPUT_DIR, settings.config.cacheDir));\n}',
];

async function pageCacheClass(dist: URL): Promise<{ prototype: PageCache } | undefined> {
  return (await importAstroFile<{ IncrementalBuildCache?: { prototype: PageCache } }>(dist, PAGE_CACHE_FILE)).IncrementalBuildCache;
}

const GENERATE_FILE = 'core/build/generate.js';
/**
 * The page Astro has just written, which writeOutputFile is called for: its
 * name relative to the output folder, written before the cache copy.
 */
const RENDERED_OUTPUT_PATH = [
  'const relativeOutFile = outFile.href.slice(config.outDir.href.length);',
  'await nodeFs.promises.writeFile(result.outFile, result.body);\n  if (cache && cacheKey !== void 0 && result.metadata !== void 0) {\n    await cache.writeOutputFile(options.settings, relativeOutFile, result.body);',
];

/** What the page-cache patch relies on, or null when it holds. */
export async function pageCacheMismatch(dist = ASTRO_DIST): Promise<string | null> {
  try {
    const source = readAstroFile(dist, PAGE_CACHE_FILE);
    if (!CACHED_OUTPUT_PATH.every((line) => source.includes(line)))
      return `${PAGE_CACHE_FILE}: cached pages are no longer kept in <cacheDir>/dist/`;
    const generate = readAstroFile(dist, GENERATE_FILE);
    if (!RENDERED_OUTPUT_PATH.every((line) => generate.includes(line)))
      return `${GENERATE_FILE}: a rendered page is no longer written to <outDir>/<outputFile> before writeOutputFile`;
    const cache = await pageCacheClass(dist);
    if (!cache) return `${PAGE_CACHE_FILE}: IncrementalBuildCache is no longer exported`;
    if (cache.prototype.linksPages) return null; // already patched in this process
    // writeManifest is wrapped, not replaced (the page records are saved before it): only its shape matters.
    if (typeof cache.prototype.writeManifest !== 'function') return `${PAGE_CACHE_FILE}: IncrementalBuildCache.writeManifest is gone`;
    return changedMethods(
      `${PAGE_CACHE_FILE} IncrementalBuildCache`,
      cache.prototype as unknown as Record<string, unknown>,
      PAGE_CACHE_METHODS,
    );
  } catch (error) {
    return `${PAGE_CACHE_FILE}: ${(error as Error).message}`;
  }
}

/**
 * Astro's incremental build copies every unchanged page from its page cache
 * (`<cacheDir>/dist/`) into the new site, one `copyFile` after an `existsSync`
 * and a `mkdir` each: about 1 s per 1,000 posts here. A hard link gives the
 * same bytes in a tenth of the time and no second copy on disk; a copy is
 * made where a link cannot be (the cache on another file system).
 *
 * A link shares the file with the cache, so the cache must never change a file
 * in place: a page rendered again is written to a new file and renamed over
 * the old one, and the published site keeps the bytes it had.
 *
 * A page rendered is published as a link to its cache copy too, and a page
 * rendered again to the bytes it had keeps its cache copy: so the next build,
 * which copies it, publishes the same file, and a deploy that syncs by
 * modification time does not upload it again.
 *
 * A cached page is reused only when its bytes are those recorded when it was
 * written (src/lib/build/cache-integrity.ts); a damaged one is rendered again.
 */
async function linkCachedPages(): Promise<boolean> {
  if ((await pageCacheMismatch()) !== null) return false;
  const prototype = (await pageCacheClass(ASTRO_DIST))!.prototype;
  if (prototype.linksPages) return true;
  const pages = (settings: Settings) => pageCacheFolder(fileURLToPath(settings.config.cacheDir));
  const cached = (settings: Settings, outputFile: string) => fileURLToPath(new URL(outputFile, new URL('dist/', settings.config.cacheDir)));
  const made = new Set<string>();
  const folderFor = (file: string) => {
    const folder = path.dirname(file);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
  };
  prototype.restoreOutputFile = async (settings, outputFile, destination) => {
    const source = cached(settings, outputFile);
    const target = fileURLToPath(destination);
    const record = pages(settings);
    await record.load();
    if (!record.isIntact(outputFile, source)) return false; // missing or damaged: Astro renders the page again
    folderFor(target);
    try {
      publishFileSync(source, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false; // not in the cache: Astro renders the page
      throw error;
    }
    return true;
  };
  prototype.writeOutputFile = async (settings, outputFile, body) => {
    const file = cached(settings, outputFile);
    await mkdir(path.dirname(file), { recursive: true });
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    const before = await readFile(file).catch(() => null);
    if (!before?.equals(bytes)) await writeCacheFile(file, bytes);
    pages(settings).record(outputFile, bytes);
    // Astro has written the page into the site; it becomes the cache's file.
    publishFileSync(file, fileURLToPath(new URL(outputFile, settings.config.outDir)));
  };
  // The pages' record (and what copied pages depend on) is saved before Astro's manifest, which names the pages it may copy.
  const writeManifest = prototype.writeManifest;
  prototype.writeManifest = function (this: PageCache, settings) {
    savePageCacheRecords(fileURLToPath(settings.config.cacheDir));
    writeManifest.call(this, settings);
  };
  prototype.linksPages = true;
  return true;
}

/** Applies both patches; returns the names of those left out because Astro's files have changed. */
export async function patchAstro(): Promise<string[]> {
  const applied = await Promise.all([switchedOff('metadata') || skipUnchangedMetadata(), switchedOff('links') || linkCachedPages()]);
  return ['unchanged data-store metadata', 'linked cached pages'].filter((_, i) => !applied[i]);
}
