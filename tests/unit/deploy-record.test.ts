import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deployKind, DeployKindError } from '#src/lib/urls/deploy-kind.ts';
import { deployRecord, fetchLiveRecord, liveRecordAddress, LiveRecordSettingError, type Fetcher } from '#src/lib/urls/live-record.ts';
import { parsePublishedRecord, readPublishedUrls, serialisePublishedUrls } from '#src/lib/urls/published-urls.ts';

const URLS = { '/blog/a/': 'src/content/blog/a.md', '/blog/b/': 'src/content/blog/b.md' };
/** A fetcher answering one status and body, recording the addresses asked. */
const answering = (status: number, body = '') => {
  const asked: string[] = [];
  const fetcher: Fetcher = async (url) => {
    asked.push(url);
    return { status, ok: status >= 200 && status < 300, text: async () => body };
  };
  return { fetcher, asked };
};
const failing =
  (error: Error): Fetcher =>
  async () => {
    throw error;
  };

describe('the kind of build (BLOG_DEPLOY)', () => {
  it('is local when unset or empty, and production or preview when told', () => {
    expect(deployKind({})).toBe('local');
    expect(deployKind({ BLOG_DEPLOY: ' ' })).toBe('local');
    expect(deployKind({ BLOG_DEPLOY: 'production' })).toBe('production');
    expect(deployKind({ BLOG_DEPLOY: 'Production ' })).toBe('production');
    expect(deployKind({ BLOG_DEPLOY: 'preview' })).toBe('preview');
    expect(deployKind({ BLOG_DEPLOY: 'local' })).toBe('local');
  });

  it('refuses any other value, and any argument, in one line naming what to set', () => {
    for (const value of ['prod', 'true', '1', 'staging']) {
      expect(() => deployKind({ BLOG_DEPLOY: value })).toThrow(DeployKindError);
      expect(() => deployKind({ BLOG_DEPLOY: value })).toThrow(
        `BLOG_DEPLOY is "${value}", which is not a kind of build; set BLOG_DEPLOY=production`,
      );
    }
    expect(() => deployKind({ BLOG_DEPLOY: 'production' }, ['--production'])).toThrow(
      'npm run build takes no arguments (it was given "--production"); set BLOG_DEPLOY=production',
    );
    expect(() => deployKind({}, ['a\nb'])).toThrow(/given "a\\nb"/);
  });
});

describe('the record a production deploy writes', () => {
  it('is version 2, marked as a production deploy, and read back as written', () => {
    const text = serialisePublishedUrls({ '/blog/b/': 'src/content/blog/b.md', '/blog/a/': 'src/content/blog/a.md' });
    expect(JSON.parse(text)).toEqual({ version: 2, deploy: 'production', urls: URLS });
    expect(parsePublishedRecord(text)).toEqual({ state: 'recorded', urls: URLS });
  });

  it("does not trust an older version's record, which local builds wrote too", () => {
    expect(parsePublishedRecord(JSON.stringify({ version: 1, urls: URLS }))).toEqual({ state: 'older', version: 1 });
  });

  it('takes anything else for a damaged record', () => {
    for (const text of [
      '',
      '{"version": 2, "deploy": "production", "urls": {"/blog/a/": "src/con',
      '<!doctype html><title>Not found</title>',
      'null',
      '[]',
      JSON.stringify({ version: 2, urls: URLS }),
      JSON.stringify({ version: 2, deploy: 'preview', urls: URLS }),
      JSON.stringify({ version: 2, deploy: 'production', urls: { 'blog/a/': 'a.md' } }),
      JSON.stringify({ version: 2, deploy: 'production', urls: { '/blog/a/': 3 } }),
      JSON.stringify({ version: 2, deploy: 'production', urls: [] }),
    ])
      expect(parsePublishedRecord(text), text).toEqual({ state: 'damaged' });
  });
});

describe("the live site's copy", () => {
  it('is published-urls.json under the site and its base path, another address, or off', () => {
    expect(liveRecordAddress({}, 'https://blog.example.com')?.href).toBe('https://blog.example.com/published-urls.json');
    expect(liveRecordAddress({}, 'https://octo.github.io', '/blog/')?.href).toBe('https://octo.github.io/blog/published-urls.json');
    expect(liveRecordAddress({ BLOG_LIVE_RECORD: 'http://127.0.0.1:8080/r.json' }, 'https://blog.example.com')?.href).toBe(
      'http://127.0.0.1:8080/r.json',
    );
    expect(liveRecordAddress({ BLOG_LIVE_RECORD: 'OFF' }, 'https://blog.example.com')).toBeNull();
    for (const value of ['blog.example.com/published-urls.json', 'file:///etc/passwd', 'ftp://x/y'])
      expect(() => liveRecordAddress({ BLOG_LIVE_RECORD: value }, 'https://blog.example.com')).toThrow(LiveRecordSettingError);
  });

  const address = new URL('https://blog.example.com/published-urls.json');

  it('is fetched past any CDN copy, and read as the cache is', async () => {
    const { fetcher, asked } = answering(200, serialisePublishedUrls(URLS));
    expect(await fetchLiveRecord(address, fetcher)).toEqual({ state: 'recorded', urls: URLS });
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatch(/^https:\/\/blog\.example\.com\/published-urls\.json\?build=\d+$/);
  });

  it('says why when there is none, or none that can be read', async () => {
    expect(await fetchLiveRecord(address, answering(404, 'Not found').fetcher)).toEqual({
      state: 'absent',
      why: `${address.href} answers 404: no deploy has published one there yet`,
    });
    expect(await fetchLiveRecord(address, answering(503).fetcher)).toEqual({
      state: 'unreachable',
      why: `${address.href} answered HTTP 503`,
    });
    expect(await fetchLiveRecord(address, answering(200, '<!doctype html>').fetcher)).toEqual({
      state: 'damaged',
      why: `${address.href} is not a record of published URLs`,
    });
    expect((await fetchLiveRecord(address, answering(200, JSON.stringify({ version: 1, urls: URLS })).fetcher)).state).toBe('absent');
    const offline = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } });
    expect(await fetchLiveRecord(address, failing(offline))).toEqual({
      state: 'unreachable',
      why: `${address.href} could not be fetched (ENOTFOUND)`,
    });
  });

  it('gives up after the timeout', async () => {
    const hanging: Fetcher = (_url, { signal }) =>
      new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error)));
    expect(await fetchLiveRecord(address, hanging, 50)).toEqual({
      state: 'unreachable',
      why: `${address.href} could not be fetched (no answer within 0.05 s)`,
    });
  });
});

describe('the record a production build checks against', () => {
  let cacheDir = '';
  beforeEach(async () => {
    cacheDir = await mkdtemp(path.join(tmpdir(), 'blog-record-'));
  });
  afterEach(async () => {
    await rm(cacheDir, { recursive: true, force: true });
  });
  const address = new URL('https://blog.example.com/published-urls.json');

  it("holds every URL the cache's and the live site's copies hold, quietly when both were read", async () => {
    await writeFile(path.join(cacheDir, 'published-urls.json'), serialisePublishedUrls({ '/blog/a/': 'src/content/blog/renamed.md' }));
    const live = answering(200, serialisePublishedUrls(URLS));
    expect(await deployRecord(cacheDir, address, live.fetcher)).toEqual({
      urls: { '/blog/a/': 'src/content/blog/renamed.md', '/blog/b/': 'src/content/blog/b.md' },
      notes: [],
    });
  });

  it("is the live site's when the cache lost it or has an older version's, and says so", async () => {
    const live = answering(200, serialisePublishedUrls(URLS));
    expect(await deployRecord(cacheDir, address, live.fetcher)).toEqual({
      urls: URLS,
      notes: ["The record of published URLs is the live site's (the cache has none (a first deploy, or a cache the host evicted))."],
    });
    await writeFile(path.join(cacheDir, 'published-urls.json'), JSON.stringify({ version: 1, urls: { '/blog/sample/': 'x.md' } }));
    expect((await deployRecord(cacheDir, address, live.fetcher)).notes).toEqual([
      "The record of published URLs is the live site's (the cache's copy was written by an older version, which recorded local builds too, so it is not trusted).",
    ]);
  });

  it("is the cache's when the live site cannot be reached, and says so", async () => {
    await writeFile(path.join(cacheDir, 'published-urls.json'), serialisePublishedUrls(URLS));
    expect(await deployRecord(cacheDir, address, answering(500).fetcher)).toEqual({
      urls: URLS,
      notes: [`The record of published URLs is the cache's alone: ${address.href} answered HTTP 500.`],
    });
    // Off, or none there yet (a site last deployed before the record was published): nothing to say.
    expect(await deployRecord(cacheDir, null)).toEqual({ urls: URLS, notes: [] });
    expect(await deployRecord(cacheDir, address, answering(404).fetcher)).toEqual({ urls: URLS, notes: [] });
  });

  it('says that nothing is checked when neither copy is there', async () => {
    await writeFile(path.join(cacheDir, 'published-urls.json'), '{"version": 2, "deploy": "production", "urls": {');
    const { urls, notes } = await deployRecord(cacheDir, address, failing(new Error('getaddrinfo EAI_AGAIN')));
    expect(urls).toBeNull();
    expect(notes).toEqual([
      `No record of the URLs the site has published: the cache's copy is damaged, and ${address.href} could not be fetched (getaddrinfo EAI_AGAIN). This deploy checks no renamed or deleted post; it records what it publishes for the next one.`,
    ]);
  });

  it('is the only record any build reads from the cache', async () => {
    await writeFile(path.join(cacheDir, 'published-urls.json'), JSON.stringify({ version: 1, urls: URLS }));
    expect(readPublishedUrls(cacheDir)).toBeNull();
    await writeFile(path.join(cacheDir, 'published-urls.json'), serialisePublishedUrls(URLS));
    expect(readPublishedUrls(cacheDir)).toEqual(URLS);
  });
});
