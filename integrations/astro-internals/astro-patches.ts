/**
 * Two changes to Astro 7.3's build internals that make unchanged builds
 * cheaper; `npm run build` applies them before it starts Astro. Neither class
 * is among Astro's exports, so each is reached by its file, from plain Node
 * (astro.config.ts runs inside Vite's module runner, which is closed before
 * the build starts). Each patch first checks that the file still has the shape
 * it was written against; on another Astro it is left out and the build works
 * as Astro's own, only slower. BENCHMARKS.md has the measurements.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { publishFileSync, writeCacheFile } from '../src/lib/publish-file.ts';

const ASTRO_DIST = new URL('dist/', import.meta.resolve('astro/package.json'));

async function astroModule<T>(file: string, expected: string): Promise<T | null> {
  const url = new URL(file, ASTRO_DIST);
  try {
    if (!readFileSync(url, 'utf8').includes(expected)) return null;
    return (await import(url.href)) as T;
  } catch {
    return null;
  }
}

interface MetaStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}
type MetaStoreFactory = ((this: unknown, collection?: string) => MetaStore) & { skipsUnchanged?: true };

/**
 * Every content sync records Astro's version and config digests in the data
 * store's metadata, even when they have not changed, and any write marks the
 * store as changed. Astro then serialises the whole store and reads the file
 * back to compare, only to find nothing to write: about 1 s per 1,000 posts.
 * Writes of the value already there are dropped, so an unchanged store is
 * left alone.
 */
async function skipUnchangedMetadata(): Promise<boolean> {
  const loaded = await astroModule<{ MutableDataStore?: { prototype: { metaStore?: MetaStoreFactory } } }>(
    'content/mutable-data-store.js',
    'metaStore(collectionName',
  );
  const prototype = loaded?.MutableDataStore?.prototype;
  const original = prototype?.metaStore;
  if (!prototype || typeof original !== 'function') return false;
  if (original.skipsUnchanged) return true;
  const wrapped: MetaStoreFactory = function (this: unknown, collection?: string) {
    const meta = original.call(this, collection);
    const set = meta.set.bind(meta);
    meta.set = (key, value) => {
      if (meta.get(key) !== value) set(key, value);
    };
    return meta;
  };
  wrapped.skipsUnchanged = true;
  prototype.metaStore = wrapped;
  return true;
}

interface Settings {
  config: { cacheDir: URL };
}
interface PageCache {
  restoreOutputFile(settings: Settings, outputFile: string, destination: URL): Promise<boolean>;
  writeOutputFile(settings: Settings, outputFile: string, body: string | Uint8Array): Promise<void>;
  linksPages?: true;
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
 */
async function linkCachedPages(): Promise<boolean> {
  const loaded = await astroModule<{ IncrementalBuildCache?: { prototype: PageCache } }>(
    'core/build/incremental.js',
    'const INCREMENTAL_OUTPUT_DIR = "dist/";',
  );
  const prototype = loaded?.IncrementalBuildCache?.prototype;
  if (!prototype || typeof prototype.restoreOutputFile !== 'function' || typeof prototype.writeOutputFile !== 'function') return false;
  if (prototype.linksPages) return true;
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
    await writeCacheFile(file, body);
  };
  prototype.linksPages = true;
  return true;
}

/** Applies both patches; returns the names of those left out because Astro's files have changed. */
export async function patchAstro(): Promise<string[]> {
  const applied = await Promise.all([skipUnchangedMetadata(), linkCachedPages()]);
  return ['unchanged data-store metadata', 'linked cached pages'].filter((_, i) => !applied[i]);
}
