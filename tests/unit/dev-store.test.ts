import { afterAll, describe, expect, it } from 'vitest';
import { withServer } from '../../integrations/astro-internals/dev-store.ts';
import { devEnvironment } from '../../scripts/dev/bench/dev-server.ts';
import { storeCached } from '../../src/lib/content/store-cached.ts';

describe("the dev server's content store", () => {
  it('reads a recorded config digest as if it had been made with the current server options', () => {
    const recorded = JSON.stringify({
      root: {},
      server: { open: false, host: false, port: 4321, allowedHosts: [] },
      markdown: { gfm: true },
    });
    const server = { open: false, host: '127.0.0.1', port: 4400, allowedHosts: ['127.0.0.1'] };
    // What Astro computes for the same config started with --host 127.0.0.1 --port 4400.
    const current = JSON.stringify({ root: {}, server, markdown: { gfm: true } });
    expect(withServer(recorded, server)).toBe(current);
    // Any other option still counts: a change of `markdown` stays a change.
    const otherMarkdown = JSON.stringify({ root: {}, server, markdown: { gfm: false } });
    expect(withServer(recorded, server)).not.toBe(otherMarkdown);
  });

  it('leaves a digest it cannot read as it is', () => {
    expect(withServer(undefined, { port: 1 })).toBeUndefined();
    expect(withServer('not json', { port: 1 })).toBe('not json');
    expect(withServer('{"root":{}}', { port: 1 })).toBe('{"root":{}}');
  });
});

describe('collections cached while Astro serves the same content store', () => {
  const build = globalThis as { __BLOG_BUILD__?: { includeUnpublished: boolean } };
  afterAll(() => delete build.__BLOG_BUILD__);
  // Stands for one entry's rendered object: the same object until Astro loads a changed store.
  let store = {};
  const token = async () => store;

  it('in a build: loads once, whatever the store', async () => {
    build.__BLOG_BUILD__ = { includeUnpublished: false };
    let made = 0;
    const loaded = storeCached(async () => ++made, token);
    await loaded();
    store = {};
    expect(await loaded()).toBe(1);
  });

  it('in the dev server: loads once per store, and again once Astro serves a changed one', async () => {
    build.__BLOG_BUILD__ = { includeUnpublished: true };
    let made = 0;
    const loaded = storeCached(async () => ++made, token);
    // getStaticPaths asks once per post: one load for all of them.
    expect(await Promise.all([loaded(), loaded(), loaded()])).toEqual([1, 1, 1]);
    // A saved edit: Astro loads the rewritten store, whose entries are new objects.
    store = {};
    expect([await loaded(), await loaded()]).toEqual([2, 2]);
  });
});

describe("the bench's dev server environment", () => {
  it("drops Vitest's variables (under VITEST Astro leaves its page handler out) and a test NODE_ENV", () => {
    const env = devEnvironment({
      PATH: '/bin',
      VITEST: 'true',
      VITEST_POOL_ID: '1',
      VITEST_WORKER_ID: '2',
      NODE_ENV: 'test',
      HOME: '/root',
    });
    expect(env).toEqual({ PATH: '/bin', HOME: '/root' });
    expect(devEnvironment({ NODE_ENV: 'production' })).toEqual({ NODE_ENV: 'production' });
  });
});
