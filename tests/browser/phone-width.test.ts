/**
 * At 360 px, posts full of wide things (long URLs in prose, lists, table cells and headings, long
 * inline code, long code lines, a wide table, video facades) never widen the page; and a video
 * facade loads nothing from another host until it is clicked, then plays from youtube-nocookie.com.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { recordingContext } from '../helpers/browser.ts';
import { fixtureSiteInChromium } from '../helpers/fixture-browser.ts';

const served = fixtureSiteInChromium();
const PHONE = { width: 360, height: 740 };

/** The page's width, and what sticks out past the viewport when it is too wide. */
const widths = (page: Page) =>
  page.evaluate(() => {
    const root = document.documentElement;
    const wide = [...document.body.querySelectorAll('*')]
      .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 0.5 && !el.closest('.table-scroll, pre'))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).trim().replace(/\s+/g, '.')}`);
    return { scrollWidth: root.scrollWidth, wide };
  });

describe('a phone 360 px wide', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`never scrolls sideways on posts of long URLs, code, tables and videos (${colorScheme})`, async () => {
      const { context, problems } = await recordingContext(served.browser, served.url, { viewport: PHONE, colorScheme });
      const page = await context.newPage();
      await page.goto(`${served.url}/blog/toolkit-wide/`, { waitUntil: 'load' });
      // The wide things are there: a 120-character URL in prose, a list, a table cell and a heading.
      for (const where of ['.prose > p', '.prose li', '.prose td', '.prose h2']) {
        const texts = await page.locator(where).allTextContents();
        expect(
          texts.some((text) => /https:\/\/docs\.example\.com\/\S{90,}/.test(text)),
          where,
        ).toBe(true);
      }
      expect(await widths(page)).toEqual({ scrollWidth: 360, wide: [] });
      // Opened, the table of contents lists the heading with the long URL: it wraps too.
      await page.locator('.toc summary').first().click();
      expect(await page.locator('.toc a[href="#long-url-heading"]').first().isVisible()).toBe(true);
      expect(await widths(page)).toEqual({ scrollWidth: 360, wide: [] });
      // The table and the code blocks scroll inside the column instead.
      for (const selector of ['.table-scroll', '.prose pre']) {
        const { scrollWidth, clientWidth } = await page
          .locator(selector)
          .first()
          .evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
        expect(scrollWidth, selector).toBeGreaterThan(clientWidth);
      }
      await page.goto(`${served.url}/blog/toolkit-embeds/`, { waitUntil: 'load' });
      expect(await widths(page)).toEqual({ scrollWidth: 360, wide: [] });
      expect(problems).toEqual([]);
      await context.close();
    });
  }
});

describe('a video facade', () => {
  it('makes no third-party request until clicked, then plays from youtube-nocookie.com in its place', async () => {
    const { context, problems } = await recordingContext(served.browser, served.url, { viewport: PHONE });
    const page = await context.newPage();
    // The players are answered here, never by the network; the context aborts and records any other host.
    const players: string[] = [];
    await page.route(/^https:\/\/(www\.youtube-nocookie\.com|player\.vimeo\.com)\//, (route) => {
      players.push(route.request().url());
      return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>player</title><p>player</p>' });
    });
    await page.goto(`${served.url}/blog/toolkit-embeds/`, { waitUntil: 'networkidle' });
    expect(players).toEqual([]);
    expect(problems).toEqual([]);
    expect(await page.locator('iframe').count()).toBe(0);

    const facade = page.locator('.video-embed').nth(1);
    const before = await facade.boundingBox();
    await facade.getByRole('link', { name: /Big Buck Bunny/ }).click();
    const frame = facade.locator('iframe');
    await expect.poll(() => frame.count()).toBe(1);
    expect(await frame.getAttribute('src')).toBe('https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1');
    expect(await frame.getAttribute('title')).toBe('Big Buck Bunny');
    await expect.poll(() => players).toEqual(['https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1']);
    // The player takes the facade's place at its size, and has the focus.
    const after = await frame.boundingBox();
    expect(Math.abs(after!.width - before!.width)).toBeLessThan(3);
    expect(Math.abs(after!.height - before!.height)).toBeLessThan(3);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('IFRAME');
    // Only the clicked one loaded; the CSP let it in (a blocked frame logs a console error).
    expect(await page.locator('iframe').count()).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('loads a Vimeo player with Do Not Track', async () => {
    const { context, problems } = await recordingContext(served.browser, served.url, { viewport: PHONE });
    const page = await context.newPage();
    const players: string[] = [];
    await page.route(/^https:\/\/player\.vimeo\.com\//, (route) => {
      players.push(route.request().url());
      return route.fulfill({ status: 200, contentType: 'text/html', body: '<p>player</p>' });
    });
    await page.goto(`${served.url}/blog/toolkit-embeds/`, { waitUntil: 'networkidle' });
    await page.getByRole('link', { name: /Watch the launch talk/ }).click();
    await expect.poll(() => players).toEqual(['https://player.vimeo.com/video/76979871?dnt=1&autoplay=1']);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('is a link to the video without JavaScript', async () => {
    const { context, problems } = await recordingContext(served.browser, served.url, { viewport: PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${served.url}/blog/toolkit-embeds/`, { waitUntil: 'networkidle' });
    const link = page.locator('.video-embed').first().getByRole('link');
    expect(await link.getAttribute('href')).toBe('https://www.youtube.com/watch?v=M7lc1UVf-VE&t=42s');
    expect(await link.isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });
});
