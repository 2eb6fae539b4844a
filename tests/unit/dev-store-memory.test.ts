import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ViteDevServer } from 'vite';
import { ASTRO_DIST, importAstroFile } from '../../integrations/astro-internals/astro-files.ts';
import {
  CONTENT_CHANGED,
  copyOfCollections,
  serveStoreFromMemory,
  storeClassMismatch,
  type StoreClass,
  WRITE_AFTER_SHOWN_MS,
} from '../../integrations/astro-internals/dev-store-memory.ts';
import { devStoreLink, showStoreChanges } from '../../src/lib/content/dev-store-link.ts';

interface Store {
  scopedStore(name: string): { set(entry: object): boolean; delete(id: string): void };
  onFileWritten(listener: (path: string) => void): () => void;
  waitUntilSaveComplete(): Promise<void>;
}
type Class = StoreClass & { fromFile(file: string): Promise<Store> };

/** The installed Astro's class, with the wrapper on for this file's tests only. */
const { MutableDataStore } = await importAstroFile<{ MutableDataStore: Class }>(ASTRO_DIST, 'content/mutable-data-store.js');
const original = MutableDataStore.prototype.onFileWritten!;
const folder = mkdtempSync(path.join(tmpdir(), 'dev-store-memory-'));
const file = path.join(folder, 'data-store.json');

/** A dev server as far as the wrapper sees one: what each environment is sent, recorded. */
const sent: { to: string; payload: unknown }[] = [];
const environment = (to: string) => ({ hot: { send: (payload: unknown) => sent.push({ to, payload }) } });
const server = { environments: { client: environment('client'), ssr: environment('ssr') } } as unknown as ViteDevServer;
const reloads = () => sent.filter(({ to, payload }) => to === 'client' && (payload as { type?: string }).type === 'full-reload').length;

/** What Astro's invalidateDataStore does (content/vite-plugin-content-virtual-mod.js): the page environments told, then the browser reloaded. */
function invalidateDataStore() {
  server.environments['ssr']!.hot.send(CONTENT_CHANGED, {});
  server.environments.client.hot.send({ type: 'full-reload', path: '*' });
}
/** The listener Astro's dev server registers on its store; its watcher calls invalidateDataStore too when the file changes. */
const invalidated: string[] = [];
function astroListener(written: string) {
  invalidated.push(written);
  invalidateDataStore();
}

let store: Store;
beforeAll(async () => {
  expect(serveStoreFromMemory(MutableDataStore, server, file)).toBe(true);
  store = await MutableDataStore.fromFile(file);
  store.onFileWritten(astroListener);
});
afterAll(async () => {
  // The delete shown last is written WRITE_AFTER_SHOWN_MS after it.
  await store.waitUntilSaveComplete();
  MutableDataStore.prototype.onFileWritten = original;
  const link = devStoreLink();
  delete link.snapshot;
  delete link.showChanges;
  rmSync(folder, { recursive: true, force: true });
});

const post = (id: string, html: string) => ({ id, data: { title: id, tags: ['a'] }, digest: html, rendered: { html, metadata: {} } });
const htmlOf = (id: string) =>
  (devStoreLink().snapshot!().get('posts')?.get(id) as { rendered?: { html: string } } | undefined)?.rendered?.html;

describe("the dev server's content store, served from memory", () => {
  it('waits for the file while no page has read the store from memory (Astro reading its own module)', async () => {
    store.scopedStore('posts').set(post('first.md', '<p>one</p>'));
    showStoreChanges();
    expect(invalidated).toEqual([]);
    await store.waitUntilSaveComplete();
    expect(invalidated).toEqual([file]);
    expect(reloads()).toBe(1);
  });

  it('shows a stored post at once, before the file is written, with one browser reload', { timeout: 10_000 }, async () => {
    expect(htmlOf('first.md')).toBe('<p>one</p>');
    store.scopedStore('posts').set(post('first.md', '<p>two</p>'));
    showStoreChanges();
    expect(invalidated).toHaveLength(2);
    expect(reloads()).toBe(2);
    expect(htmlOf('first.md')).toBe('<p>two</p>');
    expect(readFileSync(file, 'utf8')).not.toContain('two');
    // Astro's write waits until the reloaded page has loaded (it holds the main thread); then its
    // watcher and its listener invalidate the module, and the browser is not reloaded again.
    const asked = performance.now();
    await store.waitUntilSaveComplete();
    expect(performance.now() - asked).toBeGreaterThan(WRITE_AFTER_SHOWN_MS - 100);
    invalidateDataStore();
    expect(readFileSync(file, 'utf8')).toContain('two');
    expect(invalidated).toHaveLength(3);
    expect(reloads()).toBe(2);
  });

  it('lets every other reload through: a template saved, a message to the browser that is not a reload', () => {
    server.environments.client.hot.send({ type: 'full-reload', path: '/src/layouts/Base.astro' });
    server.environments.client.hot.send({ type: 'custom', event: 'astro:toolbar' });
    expect(reloads()).toBe(3);
    expect(sent.at(-1)).toEqual({ to: 'client', payload: { type: 'custom', event: 'astro:toolbar' } });
  });

  it('reloads after the write for a change the posts loader did not show', async () => {
    store.scopedStore('authors').set({ id: 'ada', data: { name: 'Ada' } });
    await store.waitUntilSaveComplete();
    expect(invalidated).toHaveLength(4);
    expect(reloads()).toBe(4);
  });

  it('shows nothing when nothing changed since the last time, and shows a deleted post', async () => {
    showStoreChanges();
    expect(invalidated).toHaveLength(4);
    store.scopedStore('posts').delete('first.md');
    showStoreChanges();
    expect(invalidated).toHaveLength(5);
    expect(reloads()).toBe(5);
    expect(htmlOf('first.md')).toBeUndefined();
  });

  it('gives each load of the module new maps and new data and rendered objects, with the same contents', () => {
    store.scopedStore('posts').set(post('second.md', '<p>three</p>'));
    const [a, b] = [devStoreLink().snapshot!(), devStoreLink().snapshot!()];
    expect(a).not.toBe(b);
    expect(a).toEqual(b);
    const [entryA, entryB] = [a, b].map((collections) => collections.get('posts')!.get('second.md') as ReturnType<typeof post>);
    expect(entryA!.data).not.toBe(entryB!.data);
    expect(entryA!.rendered).not.toBe(entryB!.rendered);
    // A later change is not seen by a copy already made.
    store.scopedStore('posts').set(post('third.md', '<p>four</p>'));
    expect(a.get('posts')!.has('third.md')).toBe(false);
  });
});

describe('copyOfCollections', () => {
  it.each([
    ['an entry with data and rendered HTML', { id: 'a', data: { title: 'A' }, rendered: { html: '<p>A</p>' } }],
    ['an MDX entry (data only)', { id: 'b', data: { title: 'B' }, deferredRender: true }],
    ['an entry whose data is an array', { id: 'c', data: ['x', 'y'] }],
    ['metadata (a plain value)', 'v7.3.5'],
  ])('copies %s with the same contents', (_, entry) => {
    const collections = new Map([['c', new Map<string, unknown>([['k', entry]])]]);
    const copy = copyOfCollections(collections);
    expect(copy).toEqual(collections);
    expect(copy.get('c')).not.toBe(collections.get('c'));
  });
});

describe('storeClassMismatch', () => {
  it('accepts the installed Astro and names what a class without the methods lacks', () => {
    expect(storeClassMismatch(MutableDataStore)).toBeNull();
    class NoListener {}
    expect(storeClassMismatch(NoListener as unknown as StoreClass)).toMatch(/onFileWritten is gone/);
    expect(serveStoreFromMemory(NoListener as unknown as StoreClass, server, file)).toBe(false);
  });
});
