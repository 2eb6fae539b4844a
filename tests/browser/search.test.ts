import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, recordingContext } from '../helpers/browser.ts';
import { serveDist } from '../helpers/serve.ts';

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
    expect(Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0)).toBe(34);
  });

  it('takes a query typed in the header box to a result, and the result to its article', async () => {
    const { context, problems } = await recordingContext(browser, server.url);
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    await page.goto(`${server.url}/`);
    // Reading pages load no script at all; search loads on the search page.
    expect(scripts).toEqual([]);

    await page.getByRole('searchbox', { name: 'Search posts' }).fill('gigabytes');
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

  it('says search needs JavaScript when it is off, and the header box still leads there', async () => {
    const { context } = await recordingContext(browser, server.url, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/blog/`);
    await page.getByRole('searchbox', { name: 'Search posts' }).fill('anything');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\/\?q=anything$/);
    expect(await page.locator('main').textContent()).toContain('Search needs JavaScript');
    await context.close();
  });
});
