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
import { ASTRO_DIST, importAstroFile } from './astro-files.ts';
import { switchedOff } from './switched-off.ts';

export interface MetaStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

/** Makes `meta.set` drop a write of the value `meta.get` already gives. */
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

/** The same check on a `MutableDataStore` class already imported. */
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
 * back to compare, only to find nothing to write (README.md in this folder has the figures).
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

/** Applies the patch; returns the names of those left out because Astro's files have changed. */
export async function patchAstro(): Promise<string[]> {
  const applied = switchedOff('metadata') || (await skipUnchangedMetadata());
  return applied ? [] : ['unchanged data-store metadata'];
}
