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
}
type OnFileWritten = ((this: StoreInstance, listener: Listener) => () => void) & { servedFromMemory?: true };
export interface StoreClass {
  prototype: { onFileWritten?: OnFileWritten } & Partial<Record<(typeof CHANGES)[number], unknown>>;
}

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
  const missing = CHANGES.filter((name) => typeof prototype[name] !== 'function');
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

/** Runs `call` with the browser's full-reload messages dropped (Vite sends them synchronously). */
function withoutBrowserReload(server: ViteDevServer, call: () => void): void {
  const hot = server.environments.client.hot;
  const own = Object.hasOwn(hot, 'send');
  const send = hot.send;
  hot.send = function (this: unknown, ...args: unknown[]) {
    const [payload] = args as [unknown];
    if (typeof payload === 'object' && payload !== null && (payload as { type?: unknown }).type === 'full-reload') return;
    return (send as (...a: unknown[]) => unknown).apply(hot, args);
  } as typeof hot.send;
  try {
    call();
  } finally {
    if (own) hot.send = send;
    else delete (hot as Partial<typeof hot>).send;
  }
}

/**
 * Makes `store` the one pages read (a copy per load of the data-layer module)
 * and the one `showChanges()` shows, with Astro's `listener`; returns the
 * listener to register in its place, which drops the browser's second reload
 * when the written file holds what the browser already shows.
 */
function linkStore(store: StoreInstance, listener: Listener, server: ViteDevServer, storeFile: string): Listener {
  // Whether the browser was last shown what the store holds now.
  let shown = true;
  for (const name of CHANGES) {
    const change = store[name];
    store[name] = function (this: StoreInstance, ...args: unknown[]) {
      shown = false;
      return change.apply(this, args);
    };
  }
  let read = false;
  const link = devStoreLink();
  link.snapshot = () => {
    read = true;
    return copyOfCollections(store.collections());
  };
  link.showChanges = () => {
    // Until a page has read the store from memory (Astro's own module reads the file), wait for the write.
    if (!read || shown) return;
    shown = true;
    listener(storeFile);
  };
  return (path: string) => {
    if (path !== storeFile || !shown) {
      if (path === storeFile) shown = true;
      listener(path);
    } else withoutBrowserReload(server, () => listener(path));
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
 * file afterwards, the listener still runs (Astro's watcher then knows the
 * write for its own), but the browser is not reloaded a second time for what
 * it already shows. False when the class is not as expected.
 */
export function serveStoreFromMemory(storeClass: StoreClass | undefined, server: ViteDevServer, storeFile: string): boolean {
  const original = storeClass?.prototype.onFileWritten;
  if (original?.servedFromMemory) return true;
  if (!original || storeClassMismatch(storeClass) !== null) return false;
  const wrapped: OnFileWritten = function (this: StoreInstance, listener: Listener) {
    return original.call(this, linkStore(this, listener, server, storeFile));
  };
  wrapped.servedFromMemory = true;
  storeClass!.prototype.onFileWritten = wrapped;
  return true;
}
