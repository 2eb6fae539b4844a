/**
 * The built fixture site in real Chromium, as a reader uses it: browsing by clicking, the hero
 * image a phone downloads, no sideways scrolling on a phone, a visible keyboard focus.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { recordingContext } from '../helpers/browser.ts';
import { fixtureSiteInChromium } from '../helpers/fixture-browser.ts';

const served = fixtureSiteInChromium();

/** Clicks a link and waits until its page has loaded, so the journey is the reader's, not goto's. */
async function follow(page: Page, link: ReturnType<Page['locator']>, expectedPath: string | RegExp): Promise<void> {
  await expect.poll(() => link.count(), { message: `link to ${expectedPath}` }).toBeGreaterThan(0);
  await link.first().click();
  await page.waitForURL((url) => (typeof expectedPath === 'string' ? url.pathname === expectedPath : expectedPath.test(url.pathname)), {
    waitUntil: 'load',
  });
}

const h1 = (page: Page) => page.locator('h1').innerText();

describe('browsing by clicking', () => {
  it('goes home → category → its page 2 → article → tag → article → archive → page 2 with no errors or failed requests', async () => {
    const { context, problems } = await recordingContext(served.browser, served.url, { viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${served.url}/`, { waitUntil: 'load' });
    expect(await h1(page)).toBe('Signal & Noise');

    await follow(page, page.locator('.chip-list a', { hasText: 'Artificial Intelligence' }), '/category/artificial-intelligence/');
    expect(await h1(page)).toBe('Artificial Intelligence');

    const pages = page.getByRole('navigation', { name: 'Pages' });
    await follow(page, pages.getByRole('link', { name: 'Older →' }), '/category/artificial-intelligence/2/');
    expect(await pages.locator('[aria-current="page"]').innerText()).toMatch(/^2/);

    const card = page.locator('.card__title a').first();
    const cardTitle = await card.innerText();
    await follow(page, card, /^\/blog\/[^/]+\/$/);
    expect(await h1(page)).toBe(cardTitle);

    const tag = page.locator('.tag-list a').first();
    const tagName = await tag.innerText();
    await follow(page, tag, /^\/tag\/[^/]+\/$/);
    expect(await h1(page)).toBe(tagName);

    const tagged = page.locator('.card__title a').first();
    const taggedTitle = await tagged.innerText();
    await follow(page, tagged, /^\/blog\/[^/]+\/$/);
    expect(await h1(page)).toBe(taggedTitle);

    await follow(page, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Blog', exact: true }), '/blog/');
    await follow(page, page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Older →' }), '/blog/2/');
    expect(await page.locator('.card__title a').count()).toBe(10);

    await follow(page, page.locator('.site-title'), '/');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('serves the 404 page with its styles and images, and nothing else fails', async () => {
    const { context, problems } = await recordingContext(served.browser, served.url, {
      viewport: { width: 1280, height: 900 },
      expectedStatus: (url) => (new URL(url).pathname === '/no-such-page/' ? 404 : undefined),
    });
    const page = await context.newPage();
    const response = await page.goto(`${served.url}/no-such-page/`, { waitUntil: 'load' });
    expect(response?.status()).toBe(404);
    expect(await h1(page)).toMatch(/not found/i);
    expect(await page.evaluate(() => document.styleSheets.length)).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('responsive hero image', () => {
  /** Widths in a srcset ("a.webp 480w, b.webp 800w") by URL. */
  const candidates = (srcset: string, base: string) =>
    new Map(
      srcset.split(',').map((entry) => {
        const [url, width] = entry.trim().split(/\s+/);
        return [new URL(url!, base).href, Number.parseInt(width!, 10)] as const;
      }),
    );

  for (const { width, dpr } of [
    { width: 360, dpr: 1 },
    { width: 360, dpr: 2 },
    { width: 1280, dpr: 1 },
  ]) {
    it(`at ${width} px, DPR ${dpr}, the article hero loads the srcset candidate that fits the viewport`, async () => {
      // A fresh context each time: no larger variant already in the cache for Chromium to reuse.
      const { context, problems } = await recordingContext(served.browser, served.url, {
        viewport: { width, height: 800 },
        deviceScaleFactor: dpr,
      });
      const page = await context.newPage();
      await page.goto(`${served.url}/blog/alpha-post/`, { waitUntil: 'load' });
      const hero = await page.locator('.article__hero img').evaluate(async (img: HTMLImageElement) => {
        await img.decode();
        return { currentSrc: img.currentSrc, srcset: img.srcset, shown: img.getBoundingClientRect().width };
      });
      const widths = candidates(hero.srcset, page.url());
      const sorted = [...widths.values()].sort((a, b) => a - b);
      const loaded = widths.get(hero.currentSrc);
      expect(loaded, `currentSrc ${hero.currentSrc} is one of the srcset candidates`).toBeDefined();
      expect(hero.shown).toBeLessThanOrEqual(width);

      // The image needs shown × DPR pixels; the right candidate is the smallest that has them.
      // Chromium may take the one below when it is nearly enough, never one above.
      const needed = hero.shown * dpr;
      const fitting = sorted.find((w) => w >= needed) ?? sorted.at(-1)!;
      const below = sorted[Math.max(0, sorted.indexOf(fitting) - 1)]!;
      expect(loaded!, `needs ${needed} px, candidates ${sorted.join(', ')}`).toBeLessThanOrEqual(fitting);
      expect(loaded!, `needs ${needed} px, candidates ${sorted.join(', ')}`).toBeGreaterThanOrEqual(below);
      if (width === 360 && dpr === 1) expect(loaded!).toBeLessThan(sorted.at(-1)!);
      expect(problems).toEqual([]);
      await context.close();
    });
  }
});

describe('phone layout at 360 px', () => {
  it('no page scrolls sideways: home, article, category, tag, archive, 404', async () => {
    const { context } = await recordingContext(served.browser, served.url, { viewport: { width: 360, height: 800 } });
    const page = await context.newPage();
    const overflowing: string[] = [];
    for (const target of [
      '/',
      '/blog/alpha-post/',
      '/blog/gamma/',
      '/category/artificial-intelligence/',
      '/tag/edge-ai/',
      '/blog/',
      '/categories/',
      '/no-such-page/',
    ]) {
      await page.goto(`${served.url}${target}`, { waitUntil: 'load' });
      const result = await page.evaluate(() => {
        const root = document.documentElement;
        const wide = [...document.body.querySelectorAll('*')]
          .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 0.5)
          .slice(0, 5)
          .map(
            (el) =>
              `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).trim().replace(/\s+/g, '.')}` : ''} (right edge ${Math.round(el.getBoundingClientRect().right)})`,
          );
        return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide };
      });
      if (result.scrollWidth > result.clientWidth)
        overflowing.push(`${target}: ${result.scrollWidth} > ${result.clientWidth}; ${result.wide.join(', ')}`);
    }
    expect(overflowing).toEqual([]);
    await context.close();
  });
});

describe('keyboard focus', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`Tab shows the skip link first, then moves through visibly focused links (${colorScheme})`, async () => {
      const { context, problems } = await recordingContext(served.browser, served.url, {
        viewport: { width: 1280, height: 900 },
        colorScheme,
      });
      const page = await context.newPage();
      await page.goto(`${served.url}/blog/alpha-post/`, { waitUntil: 'load' });

      const focused = () =>
        page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el || el === document.body) return null;
          const style = getComputedStyle(el);
          const box = el.getBoundingClientRect();
          return {
            tag: el.tagName.toLowerCase(),
            text: (el.textContent ?? '').trim(),
            className: el.className,
            inHeader: !!el.closest('.site-header'),
            outline:
              style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2 && !/rgba\(.*,\s*0\)$/.test(style.outlineColor),
            boxShadow: style.boxShadow !== 'none',
            inViewport:
              box.width > 0 && box.height > 0 && box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth,
          };
        });

      await page.keyboard.press('Tab');
      const skip = await focused();
      expect(skip).toMatchObject({ tag: 'a', text: 'Skip to content', className: 'skip-link', inViewport: true });
      expect(skip!.outline || skip!.boxShadow, 'the skip link shows a focus ring').toBe(true);

      // Every stop in the header (site title, navigation, search), then the first in the content:
      // each on screen and ringed.
      const stops: string[] = [];
      for (let i = 0; i < 12; i += 1) {
        await page.keyboard.press('Tab');
        const stop = await focused();
        expect(stop, `tab stop ${i + 2}`).not.toBeNull();
        const name = `${stop!.tag} "${stop!.text}"`;
        expect(stop!.outline || stop!.boxShadow, `focus ring on ${name}`).toBe(true);
        expect(stop!.inViewport, `${name} is on screen`).toBe(true);
        stops.push(stop!.text || stop!.tag);
        if (!stop!.inHeader) break;
      }
      expect(stops[0]).toBe('Signal & Noise');
      expect(stops).toContain('Blog');
      expect(stops.length, 'Tab leaves the header').toBeLessThan(12);

      // The skip link takes keyboard users past the header to the content.
      await page.keyboard.down('Shift');
      for (let i = 0; i < stops.length; i += 1) await page.keyboard.press('Tab');
      await page.keyboard.up('Shift');
      expect((await focused())?.className).toBe('skip-link');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
      await page.keyboard.press('Tab');
      const firstInContent = await page.evaluate(() => !!document.activeElement?.closest('main'));
      expect(firstInContent, 'Tab after the skip link lands inside <main>').toBe(true);
      expect(problems).toEqual([]);
      await context.close();
    });
  }
});
