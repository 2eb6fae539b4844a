import { readFileSync } from 'node:fs';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, recordingContext } from '../helpers/browser.ts';
import { PUBLISHED } from '../helpers/fixture-posts.ts';
import { serveDist } from '../helpers/serve.ts';
import { buildIndex, shardCount, shardOf } from '../../integrations/search-index.ts';

let dist = '';
let browser: Browser;
let server: Awaited<ReturnType<typeof serveDist>>;

beforeAll(async () => {
  dist = path.join(inject('fixtureRoot'), 'dist');
  server = await serveDist(dist);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('site search (Pagefind)', () => {
  it('indexes exactly the published posts: no drafts, no scheduled posts, no listing pages', () => {
    const entry = JSON.parse(readFileSync(path.join(dist, 'pagefind/pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, { page_count: number }>;
    };
    expect(Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0)).toBe(PUBLISHED);
  });

  it("takes a query typed on the search page, reached by the header's search icon, to a result, and the result to its article", async () => {
    const { context, problems } = await recordingContext(browser, server.url);
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    await page.goto(`${server.url}/`);
    // Reading pages load only the theme switch's small script; search loads on the search page.
    expect(scripts).toEqual([expect.stringMatching(/^\/_astro\/ThemeSwitch\.astro_astro_type_script_index_0_lang\.[\w-]+\.js$/)]);

    await page.locator('.site-header').getByRole('link', { name: 'Search', exact: true }).click();
    await page.waitForURL(/\/search\/$/);
    await page.getByRole('searchbox', { name: 'Search the posts' }).fill('gigabytes');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\/\?q=gigabytes$/);
    const status = page.getByRole('status');
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(/1 post found for “gigabytes”/);
    const result = page.locator('.search-result').first();
    expect(await result.locator('.search-result__category').textContent()).toBe('Artificial Intelligence');
    expect(await result.locator('mark').first().textContent()).toMatch(/gigabytes/i);
    expect(scripts.some((script) => script.endsWith('/pagefind/pagefind.js'))).toBe(true);

    // Keyboard only: from the search box, Tab reaches the first result's link; Enter opens it.
    await page.getByRole('searchbox', { name: 'Search the posts' }).focus();
    await page.keyboard.press('Tab'); // the Search button
    await page.keyboard.press('Tab'); // the first result
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Alpha Post: Edge Inference & You');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/blog\/alpha-post\/$/);
    expect(await page.locator('h1').textContent()).toBe('Alpha Post: Edge Inference & You');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('finds nothing from drafts or scheduled posts', async () => {
    const { context, problems } = await recordingContext(browser, server.url);
    const page = await context.newPage();
    for (const query of ['Zebra', 'Quokka']) {
      await page.goto(`${server.url}/search/?q=${query}`);
      await expect.poll(() => page.getByRole('status').textContent(), { timeout: 15_000 }).toBe(`No posts found for “${query}”.`);
    }
    expect(problems).toEqual([]);
    await context.close();
  });

  it("says search needs JavaScript when it is off, and the header's search icon still leads there", async () => {
    const { context } = await recordingContext(browser, server.url, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/blog/`);
    await page.locator('.site-header').getByRole('link', { name: 'Search', exact: true }).click();
    await page.waitForURL(/\/search\/$/);
    expect(await page.locator('main').textContent()).toContain('Search needs JavaScript');
    await context.close();
  });
});

describe('a search index in shards (large sites)', () => {
  it('puts each page in one shard by its path alone, in a power-of-two number of shards', () => {
    // About 250 pages a shard up to 4 shards (a one-post edit re-indexes one), more only past 2,000 a shard.
    expect([1, 250, 251, 1000, 2000, 4001, 8001, 10_000, 20_000].map((pages) => shardCount(pages))).toEqual([1, 1, 2, 4, 4, 4, 8, 8, 16]);
    const pages = Array.from({ length: 1000 }, (_, i) => `blog/post-${i}/index.html`);
    const sizes = [0, 0, 0, 0];
    for (const page of pages) sizes[shardOf(page, 4)]! += 1;
    expect(Math.min(...sizes)).toBeGreaterThan(200);
    expect(pages.map((page) => shardOf(page, 4))).toEqual(pages.map((page) => shardOf(page, 4)));
  });

  it('finds the same posts as one index when the site is split into shards', async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'blog-search-shards-'));
    const sharded = path.join(work, 'dist');
    try {
      await cp(dist, sharded, { recursive: true });
      for (const name of await readdir(sharded)) if (name.startsWith('pagefind')) await rm(path.join(sharded, name), { recursive: true });
      // Every published post (40-odd) at 8 per shard: 5 to 8 shards.
      const message = await buildIndex(sharded, path.join(work, 'cache'), 'en', { perShard: 8, maxShards: 8, maxPages: 8 });
      expect(message).toMatch(new RegExp(`${PUBLISHED} posts in [5-8] shards`));
      const shards = JSON.parse(readFileSync(path.join(sharded, 'pagefind/shards.json'), 'utf8')) as string[];
      expect(shards.length).toBeGreaterThan(3);

      const shardedServer = await serveDist(sharded);
      const single = await recordingContext(browser, server.url);
      const split = await recordingContext(browser, shardedServer.url);
      try {
        // Each query's result count, from the single index of the fixture build and from the shards.
        const status = async (context: typeof single.context, url: string, query: string) => {
          const page = await context.newPage();
          await page.goto(`${url}/search/?q=${query}`);
          await expect.poll(() => page.getByRole('status').textContent(), { timeout: 15_000 }).toMatch(/found for/);
          const text = await page.getByRole('status').textContent();
          await page.close();
          return text;
        };
        for (const query of ['gigabytes', 'the', 'edge', 'post']) {
          const expected = await status(single.context, server.url, query);
          expect(expected).toMatch(/^\d+ posts? found/);
          expect(await status(split.context, shardedServer.url, query), query).toBe(expected);
        }
        // Every post is in exactly one bundle.
        const pageCount = (bundle: string) =>
          (
            JSON.parse(readFileSync(path.join(sharded, bundle, 'pagefind-entry.json'), 'utf8')) as {
              languages: Record<string, { page_count: number }>;
            }
          ).languages['en']?.page_count ?? 0;
        expect(['pagefind/', ...shards].map(pageCount).reduce((a, b) => a + b, 0)).toBe(PUBLISHED);
        expect([...single.problems, ...split.problems]).toEqual([]);
      } finally {
        await single.context.close();
        await split.context.close();
        await shardedServer.close();
      }
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});
