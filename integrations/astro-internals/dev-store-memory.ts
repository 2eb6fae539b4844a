/**
 * Dev only: pages read the dev server's content store from memory, and a post
 * the posts loader has just stored shows at once, instead of after Astro has
 * serialised and written the whole store (`.astro/data-store.json`, about
 * 27 MB and 1–2 s for 1,000 posts, after a 500 ms debounce) and the page has
 * parsed it back (0.2 s). README.md in this folder has what it measured, what
 * it relies on and how to drop it.
 */
import type { ViteDevServer } from 'vite';
import { devStoreLink, type Collections } from '#src/lib/content/dev-store-link.ts';

type Listener = (path: string) => void;
type Method = (this: StoreInstance, ...args: unknown[]) => unknown;

/** What is used of Astro's MutableDataStore instance (content/mutable-data-store.js). */
interface StoreInstance {
  collections(): Collections;
  set: Method;
  delete: Method;
  clear: Method;
  clearAll: Method;
  writeToDisk(this: StoreInstance): Promise<void>;
}
type OnFileWritten = ((this: StoreInstance, listener: Listener) => () => void) & { servedFromMemory?: true };
export interface StoreClass {
  prototype: { onFileWritten?: OnFileWritten } & Partial<Record<(typeof CHANGES)[number] | 'writeToDisk', unknown>>;
}

/** How long after a change is shown Astro's write of the store may begin. */
export const WRITE_AFTER_SHOWN_MS = 2000;

/** The store's methods that change what it holds. */
const CHANGES = ['set', 'delete', 'clear', 'clearAll'] as const;

/**
 * A copy of the collections for one load of the data-layer module: new maps,
 * and each entry with new `data` and `rendered` objects, so that code keyed on
 * their identity (src/lib/content/store-token.ts) sees a new store, as it did
 * when each load parsed the file. Deeper values are shared with the store, as
 * they are shared by every page of one load: pages must not change them. A
 * shallow copy takes ~2 ms for 1,000 posts; a deep one (structuredClone)
 * 45–100 ms.
 */
export function copyOfCollections(collections: Collections): Collections {
  const copy: Collections = new Map();
  for (const [name, entries] of collections) {
    const entriesCopy = new Map<string, unknown>();
    for (const [id, entry] of entries) entriesCopy.set(id, copyOfEntry(entry));
    copy.set(name, entriesCopy);
  }
  return copy;
}

function copyOfEntry(entry: unknown): unknown {
  if (typeof entry !== 'object' || entry === null) return entry;
  const copy: Record<string, unknown> = { ...entry };
  for (const key of ['data', 'rendered']) {
    const value = copy[key];
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) copy[key] = { ...value };
  }
  return copy;
}

/**
 * Null when Astro's store class behaves as the wrapper needs, otherwise what
 * differs: the methods it wraps are there, a loader's scoped store changes the
 * store through the instance's own `set` and `delete` (which the wrapper
 * replaces per instance), and `collections()` is the map that holds entries.
 */
export function storeClassMismatch(storeClass: StoreClass | undefined): string | null {
  const prototype = storeClass?.prototype;
  if (typeof prototype?.onFileWritten !== 'function') return 'MutableDataStore.prototype.onFileWritten is gone';
  const missing = [...CHANGES, 'writeToDisk' as const].filter((name) => typeof prototype[name] !== 'function');
  if (missing.length > 0) return `MutableDataStore.prototype.${missing.join(', ')} gone`;
  try {
    const store = new (
      storeClass as unknown as new () => StoreInstance & {
        scopedStore(name: string): { set(entry: object): unknown; delete(id: string): void };
      }
    )();
    const called: string[] = [];
    for (const name of ['set', 'delete'] as const) {
      const method = store[name];
      store[name] = function (this: StoreInstance, ...args: unknown[]) {
        called.push(name);
        return method.apply(this, args);
      };
    }
    const scoped = store.scopedStore('posts');
    scoped.set({ id: 'a', data: {} });
    const held = store.collections().get('posts')?.has('a') === true;
    scoped.delete('a');
    if (called.join() !== 'set,delete')
      return `a scoped store's set and delete no longer call the store's own (called: ${called.join() || 'none'})`;
    return held ? null : 'collections() no longer holds what the store was given';
  } catch (error) {
    return `MutableDataStore: ${(error as Error).message}`;
  }
}

/** The message Astro sends the page environments when it invalidates the data-layer module (content/vite-plugin-content-virtual-mod.js). */
export const CONTENT_CHANGED = 'astro:content-changed';

type Send = (...args: unknown[]) => unknown;
const isFullReload = (payload: unknown) =>
  typeof payload === 'object' && payload !== null && (payload as { type?: unknown }).type === 'full-reload';

/**
 * Calls `decide` for each browser reload that comes of Astro invalidating the
 * data-layer module, and sends it only when `decide` says so. Astro's
 * `invalidateDataStore` tells the page environments first (CONTENT_CHANGED),
 * then the browser, in one synchronous run: a reload sent before the next
 * microtask after CONTENT_CHANGED is one of those, any other reload (a
 * template saved) passes untouched. It runs after each write of the store
 * twice (from the store's listener and from Astro's watcher, whose event can
 * come first, so its check for its own write misses).
 */
function filterContentReloads(server: ViteDevServer, decide: () => boolean): void {
  let contentChanged = false;
  for (const [name, environment] of Object.entries(server.environments)) {
    const hot = environment.hot;
    const send = hot.send as Send;
    hot.send = function (this: unknown, ...args: unknown[]) {
      if (name !== 'client' && args[0] === CONTENT_CHANGED && !contentChanged) {
        contentChanged = true;
        queueMicrotask(() => (contentChanged = false));
      }
      if (name === 'client' && contentChanged && isFullReload(args[0]) && !decide()) return;
      return send.apply(hot, args);
    } as typeof hot.send;
  }
}

/**
 * Makes `store` the one pages read (a copy per load of the data-layer module)
 * and the one `showChanges()` shows, by calling Astro's `listener` at once; a
 * browser reload of Astro's for a store the browser already shows is dropped.
 */
function linkStore(store: StoreInstance, listener: Listener, server: ViteDevServer, storeFile: string): void {
  // Whether the browser was last sent a reload for what the store holds now.
  let shown = true;
  for (const name of CHANGES) {
    const change = store[name];
    store[name] = function (this: StoreInstance, ...args: unknown[]) {
      shown = false;
      return change.apply(this, args);
    };
  }
  // Until a page has read the store from memory (Astro's own module reads the file), Astro's reloads all pass.
  let read = false;
  filterContentReloads(server, () => {
    if (read && shown) return false;
    shown = true;
    return true;
  });
  const link = devStoreLink();
  link.snapshot = () => {
    read = true;
    return copyOfCollections(store.collections());
  };
  let shownAt = -Infinity;
  link.showChanges = () => {
    if (!read || shown) return;
    shownAt = performance.now();
    listener(storeFile);
  };
  // Astro's write serialises the whole store on the main thread (1-2 s for 1,000 posts, nothing
  // else answered meanwhile): it waits until the reloaded page has had time to load its styles,
  // scripts and images. Writes asked for while one waits share it.
  const write = store.writeToDisk;
  let waiting: Promise<void> | undefined;
  store.writeToDisk = function (this: StoreInstance) {
    const wait = shownAt + WRITE_AFTER_SHOWN_MS - performance.now();
    if (wait <= 0) return write.call(this);
    return (waiting ??= new Promise((resolve) => setTimeout(resolve, wait)).then(() => {
      waiting = undefined;
      return store.writeToDisk();
    }));
  };
}

/**
 * Wraps `onFileWritten` of Node's MutableDataStore (the dev server's class),
 * through which Astro's dev server (core/dev/dev.js) registers the one
 * listener that, once the store's file is written, invalidates the data-layer
 * module in the page environments and reloads the browser. The store it is
 * registered on becomes the dev server's: the data-layer module
 * (content-store.ts) reads a copy of its collections, and `showChanges()`
 * calls that listener as soon as a change is stored. When Astro writes the
 * file afterwards, it invalidates the module again (from the listener and from
 * its watcher), but the browser is not reloaded a second time for what it
 * already shows. False when the class is not as expected.
 */
export function serveStoreFromMemory(storeClass: StoreClass | undefined, server: ViteDevServer, storeFile: string): boolean {
  const original = storeClass?.prototype.onFileWritten;
  if (original?.servedFromMemory) return true;
  if (!original || storeClassMismatch(storeClass) !== null) return false;
  const wrapped: OnFileWritten = function (this: StoreInstance, listener: Listener) {
    linkStore(this, listener, server, storeFile);
    return original.call(this, listener);
  };
  wrapped.servedFromMemory = true;
  storeClass!.prototype.onFileWritten = wrapped;
  return true;
}
