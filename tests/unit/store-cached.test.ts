import { afterAll, describe, expect, it } from 'vitest';
import build from 'virtual:blog/build-context';
import { devEnvironment } from '../../scripts/dev/bench/dev-server.ts';
import { storeCached } from '../../src/lib/content/store-cached.ts';

describe('collections cached while Astro serves the same content store', () => {
  afterAll(() => {
    build.includeUnpublished = false;
  });
  // Stands for store-token.ts's key: the same until Astro serves changed content.
  let store = 'a';
  const token = async () => store;

  it('in a build: loads once, whatever the store', async () => {
    build.includeUnpublished = false;
    let made = 0;
    const loaded = storeCached(async () => ++made, token);
    await loaded();
    store = 'b';
    expect(await loaded()).toBe(1);
  });

  it('in the dev server: loads once per store, and again once Astro serves a changed one', async () => {
    build.includeUnpublished = true;
    let made = 0;
    const loaded = storeCached(async () => ++made, token);
    // getStaticPaths asks once per post: one load for all of them.
    expect(await Promise.all([loaded(), loaded(), loaded()])).toEqual([1, 1, 1]);
    // A saved edit: Astro serves the changed entry, whose digest is new.
    store = 'c';
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
