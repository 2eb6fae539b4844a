import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withServer } from '../../integrations/astro-internals/dev-store.ts';
import { devEnvironment } from '../../scripts/dev/bench/dev-server.ts';
import { storeCached } from '../../src/lib/content/store-cached.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'dev-store-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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

describe('collections cached until the content store changes', () => {
  const build = globalThis as { __BLOG_BUILD__?: { devStore?: string } };
  afterAll(() => delete build.__BLOG_BUILD__);

  it('in a build: loads once, whatever happens to files', async () => {
    build.__BLOG_BUILD__ = {};
    let made = 0;
    const loaded = storeCached(async () => ++made);
    expect([await loaded(), await loaded()]).toEqual([1, 1]);
  });

  it('in the dev server: loads once per version of the store file, which Astro renames over the old one', async () => {
    const file = path.join(dir, 'data-store.json');
    writeFileSync(file, '[1]');
    build.__BLOG_BUILD__ = { devStore: file };
    let made = 0;
    const loaded = storeCached(async () => ++made);
    // getStaticPaths asks once per post: one load for all of them.
    expect(await Promise.all([loaded(), loaded(), loaded()])).toEqual([1, 1, 1]);
    // A saved edit: Astro writes the store to a temporary file and renames it over the old one.
    writeFileSync(`${file}.tmp`, '[2]');
    renameSync(`${file}.tmp`, file);
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
