import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distSnapshot } from '../helpers/crawl.ts';
import { makeProjectCopy, PROJECT_ROOT, runScript, runScriptAsync } from '../helpers/project-copy.ts';
import { SAMPLE_POSTS, SAMPLE_SITE_ONLY, SAMPLES_HERE } from '../helpers/samples.ts';
import { serveDist } from '../helpers/serve.ts';

/**
 * The published-URL record comes from production deploys only (issue 36): a new
 * owner who builds the sample site, then deletes its posts, is not stopped;
 * a site whose production deploy published a post is, when the post goes.
 * Both on copies of the sample site itself, as a new owner has it.
 */

const RECORD = '.cache/astro/published-urls.json';
/** A production deploy as these tests run it: nothing fetched from the network unless a test serves it on loopback. */
const PRODUCTION = { BLOG_DEPLOY: 'production', BLOG_LIVE_RECORD: 'off' };
const GONE = 'evaluating-rag-pipelines';
/** Today's message for a deleted post (src/lib/urls/published-urls.ts), word for word. */
const STOPPED = `src/content/blog/${GONE}.md:1  file  is gone (renamed or deleted), but it was published at /blog/${GONE}/; add redirectFrom: ["/blog/${GONE}/"] to the post that replaces it, or, if it is gone on purpose, list "/blog/${GONE}/" in removedUrls in src/site.config.ts`;

const sampleCopy = (name: string) =>
  makeProjectCopy({ contentDir: SAMPLE_POSTS, publicDir: path.join(PROJECT_ROOT, 'public'), name, parent: tmpdir() });
const log = (result: { stdout: string; stderr: string }) => `${result.stdout}\n${result.stderr}`;

describe.skipIf(!SAMPLES_HERE)(`a local build of the sample site ${SAMPLE_SITE_ONLY}`, () => {
  let root = '';
  beforeAll(async () => {
    root = await sampleCopy('local-record');
  });
  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('records nothing, nor does a preview build, so deleting every sample post afterwards still builds', async () => {
    const local = runScript(root, 'build');
    expect(local.status, log(local)).toBe(0);
    expect(existsSync(path.join(root, RECORD))).toBe(false);
    expect(existsSync(path.join(root, 'dist/published-urls.json'))).toBe(false);
    expect(existsSync(path.join(root, `dist/blog/${GONE}/index.html`))).toBe(true);

    const preview = runScript(root, 'build', { BLOG_DEPLOY: 'preview' });
    expect(preview.status, log(preview)).toBe(0);
    expect(existsSync(path.join(root, RECORD))).toBe(false);
    expect(existsSync(path.join(root, 'dist/published-urls.json'))).toBe(false);
    // A local build never fetches the live site's record, nor warns that there is none.
    expect(preview.stderr).not.toContain('record of'); // neither "No record of …" nor "The record of …"

    // What the older version left in every cache after a local build: not trusted, so not blocking.
    const posts = await readdir(path.join(root, 'src/content/blog'));
    const urls = Object.fromEntries(posts.map((name) => [`/blog/${name.replace(/\.mdx?$/, '')}/`, `src/content/blog/${name}`]));
    await writeFile(path.join(root, RECORD), JSON.stringify({ version: 1, urls }));

    for (const name of posts) await rm(path.join(root, 'src/content/blog', name), { recursive: true });
    const empty = runScript(root, 'build');
    expect(empty.status, log(empty)).toBe(0);
    expect(empty.stderr).not.toContain('is gone');
    expect(existsSync(path.join(root, `dist/blog/${GONE}/index.html`))).toBe(false);
  });
});

describe.skipIf(!SAMPLES_HERE)(`a production deploy of the sample site ${SAMPLE_SITE_ONLY}`, () => {
  let root = '';
  let first = '';
  beforeAll(async () => {
    root = await sampleCopy('deploy-record');
    const result = runScript(root, 'build', PRODUCTION);
    first = log(result);
    expect(result.status, first).toBe(0);
  });
  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('says, on a first deploy, that there was no record to check against', () => {
    expect(first).toContain(
      "⚠ No record of the URLs the site has published: the cache has none (a first deploy, or a cache the host evicted), and BLOG_LIVE_RECORD=off: the live site's copy was not fetched. This deploy checks no renamed or deleted post; it records what it publishes for the next one.",
    );
  });

  it("records what it published, and stops the next build when that post is deleted, with today's message, a local build too", async () => {
    // The record is the production deploy's, in the cache and in the site itself.
    const cached = readFileSync(path.join(root, RECORD), 'utf8');
    const record = JSON.parse(cached) as { version: number; deploy: string; urls: Record<string, string> };
    expect(record.version).toBe(2);
    expect(record.deploy).toBe('production');
    expect(record.urls[`/blog/${GONE}/`]).toBe(`src/content/blog/${GONE}.md`);
    expect(readFileSync(path.join(root, 'dist/published-urls.json'), 'utf8')).toBe(cached);

    await rm(path.join(root, `src/content/blog/${GONE}.md`));
    const before = distSnapshot(path.join(root, 'dist'));
    for (const env of [PRODUCTION, {}, { BLOG_DEPLOY: 'preview' }]) {
      const stopped = runScript(root, 'build', env);
      expect(stopped.status, log(stopped)).toBe(1);
      expect(stopped.stderr).toContain(STOPPED);
      expect(stopped.stderr).not.toMatch(/^\s+at /m);
    }
    expect(distSnapshot(path.join(root, 'dist'))).toEqual(before);
  });

  it("still stops it when the cache lost its record: the live site's copy is fetched", async () => {
    await rm(path.join(root, RECORD));
    // The live site is the last deploy's dist/, which the stopped builds left as it was.
    const live = await serveDist(path.join(root, 'dist'));
    try {
      const stopped = await runScriptAsync(root, 'build', { ...PRODUCTION, BLOG_LIVE_RECORD: `${live.url}/published-urls.json` });
      expect(stopped.status, log(stopped)).toBe(1);
      expect(stopped.stderr).toContain(
        "⚠ The record of published URLs is the live site's (the cache has none (a first deploy, or a cache the host evicted)).",
      );
      expect(stopped.stderr).toContain(STOPPED);
    } finally {
      await live.close();
    }
  });

  it('says in the log when both copies are lost (the live site has none), and builds', async () => {
    await rm(path.join(root, RECORD), { force: true });
    const nothing = await mkdtemp(path.join(tmpdir(), 'blog-no-record-'));
    await writeFile(path.join(nothing, '404.html'), 'Not here');
    const live = await serveDist(nothing);
    try {
      const address = `${live.url}/published-urls.json`;
      const built = await runScriptAsync(root, 'build', { ...PRODUCTION, BLOG_LIVE_RECORD: address });
      expect(built.status, log(built)).toBe(0);
      expect(built.stderr).toContain(
        `⚠ No record of the URLs the site has published: the cache has none (a first deploy, or a cache the host evicted), and ${address} answers 404: no deploy has published one there yet. This deploy checks no renamed or deleted post; it records what it publishes for the next one.`,
      );
      expect(existsSync(path.join(root, `dist/blog/${GONE}/index.html`))).toBe(false);
    } finally {
      await live.close();
      await rm(nothing, { recursive: true, force: true });
    }
  });

  it('refuses a kind of build it does not know, or an argument, in one line, building nothing', async () => {
    const before = distSnapshot(path.join(root, 'dist'));
    const unknown = runScript(root, 'build', { BLOG_DEPLOY: 'prod' });
    expect(unknown.status).toBe(1);
    expect(unknown.stderr.trim()).toBe(
      '✗ BLOG_DEPLOY is "prod", which is not a kind of build; set BLOG_DEPLOY=production for the build a production deploy publishes, BLOG_DEPLOY=preview (or nothing) for any other build. Nothing was built.',
    );
    const address = runScript(root, 'build', { BLOG_DEPLOY: 'production', BLOG_LIVE_RECORD: 'blog.example.com/published-urls.json' });
    expect(address.status).toBe(1);
    expect(address.stderr.trim().split('\n')).toHaveLength(1);
    expect(address.stderr).toContain('✗ BLOG_LIVE_RECORD is "blog.example.com/published-urls.json"; set it to');
    const flag = await runScriptAsync(root, 'build', {}, ['--production']);
    expect(flag.status).toBe(1);
    expect(flag.stderr.trim()).toBe(
      '✗ npm run build takes no arguments (it was given "--production"); set BLOG_DEPLOY=production for the build a production deploy publishes, BLOG_DEPLOY=preview (or nothing) for any other build. Nothing was built.',
    );
    expect(distSnapshot(path.join(root, 'dist'))).toEqual(before);
  });
});
