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

describe('the header', () => {
  /** The header's height, and each control on show in it with its box: one row means every box sits across the header's middle. */
  const headerRow = (page: Page) =>
    page.evaluate(() => {
      const header = document.querySelector('.site-header')!.getBoundingClientRect();
      const middle = header.top + header.height / 2;
      const controls = [...document.querySelectorAll<HTMLElement>('.site-header__inner :is(a, button, summary)')]
        .filter((control) => control.checkVisibility() && !control.closest('.site-nav--narrow'))
        .map((control) => {
          const box = control.getBoundingClientRect();
          return {
            name: control.textContent!.trim(),
            across: box.top < middle && box.bottom > middle,
            inside: box.top >= header.top && box.bottom <= header.bottom,
          };
        });
      return { height: header.height, controls };
    });

  for (const width of [360, 414, 768, 1024, 1280]) {
    for (const javaScriptEnabled of [true, false]) {
      it(`is one row at most 64 px tall at ${width} px, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, async () => {
        const { context } = await recordingContext(served.browser, served.url, { viewport: { width, height: 780 }, javaScriptEnabled });
        const page = await context.newPage();
        for (const target of ['/', '/blog/alpha-post/', '/search/']) {
          await page.goto(`${served.url}${target}`, { waitUntil: 'load' });
          const row = await headerRow(page);
          expect(row.height, target).toBeLessThanOrEqual(64);
          expect(
            row.controls.filter((control) => !control.across || !control.inside),
            target,
          ).toEqual([]);
          const names = row.controls.map((control) => control.name);
          expect(names[0], target).toBe('Signal & Noise');
          expect(names, target).toContain('Search');
          // The theme button only where its script runs; the menu's links inline on wide screens, behind "Menu" on phones.
          expect(
            names.some((name) => name.startsWith('Theme: ')),
            target,
          ).toBe(javaScriptEnabled);
          expect(names.includes('Menu'), target).toBe(width < 768);
          expect(names.includes('Blog'), target).toBe(width >= 768);
        }
        await context.close();
      });
    }
  }

  it('opens the menu on a phone with JavaScript off, and its links lead on', async () => {
    const { context, problems } = await recordingContext(served.browser, served.url, {
      viewport: { width: 360, height: 780 },
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    await page.goto(`${served.url}/blog/alpha-post/`, { waitUntil: 'load' });
    const menu = page.getByRole('navigation', { name: 'Menu', exact: true });
    expect(await menu.isVisible()).toBe(false);
    await page.locator('.site-menu summary').click();
    expect(await menu.isVisible()).toBe(true);
    // The panel lies over the page, under the header's row, the window's width.
    const panel = (await menu.boundingBox())!;
    expect(panel.y).toBeGreaterThanOrEqual(55);
    expect(panel.width).toBe(360);
    await follow(page, menu.getByRole('link', { name: 'Categories', exact: true }), '/categories/');
    expect(await h1(page)).toBe('Categories');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('leads to the search page from the search icon, with JavaScript off too', async () => {
    for (const javaScriptEnabled of [true, false]) {
      const { context } = await recordingContext(served.browser, served.url, { viewport: { width: 360, height: 780 }, javaScriptEnabled });
      const page = await context.newPage();
      await page.goto(`${served.url}/blog/`, { waitUntil: 'load' });
      await follow(page, page.locator('.site-header').getByRole('link', { name: 'Search', exact: true }), '/search/');
      expect(await h1(page)).toBe('Search');
      // On the search page the icon says it is the current page.
      expect(await page.locator('.site-header').getByRole('link', { name: 'Search', exact: true }).getAttribute('aria-current')).toBe(
        'page',
      );
      await context.close();
    }
  });
});

describe("an article's first screen on a phone (360×780)", () => {
  for (const target of ['/blog/alpha-post/', '/blog/gamma/', '/blog/delta/', '/blog/beta-post/']) {
    it(`shows the first line of the first paragraph without scrolling: ${target}`, async () => {
      const { context } = await recordingContext(served.browser, served.url, { viewport: { width: 360, height: 780 } });
      const page = await context.newPage();
      await page.goto(`${served.url}${target}`, { waitUntil: 'load' });
      const first = await page
        .locator('.prose > p')
        .first()
        .evaluate((paragraph) => ({
          top: paragraph.getBoundingClientRect().top,
          line: Number.parseFloat(getComputedStyle(paragraph).lineHeight),
        }));
      expect(first.top + first.line, `first paragraph at y ${Math.round(first.top)}`).toBeLessThanOrEqual(780);
      // The breadcrumbs: one line.
      const crumbs = await page.locator('.breadcrumbs ol').evaluate((list) => ({
        height: list.getBoundingClientRect().height,
        line: Number.parseFloat(getComputedStyle(list).lineHeight),
      }));
      expect(crumbs.height).toBeLessThan(crumbs.line * 1.5);
      await context.close();
    });
  }
});

describe('the measure at 1280 px', () => {
  /**
   * Characters on each full line of the article's text (a paragraph's last line is left out: it
   * ends where the text does), and the font Chromium drew them in (CDP's platform fonts: the
   * family a page names is not always the one it gets). The fixture's paragraphs are short, so the
   * post's own words (its paragraphs' and lists') are set again as one long paragraph at the end.
   */
  async function measure(page: Page): Promise<{ lines: number[]; average: number; font: string; width: number }> {
    const measured = await page.evaluate(() => {
      const prose = document.querySelector('.prose')!;
      const words = [...prose.querySelectorAll(':scope > :is(p, ul, ol)')].map((block) => block.textContent!.trim()).join(' ');
      const long = document.createElement('p');
      long.id = 'measure';
      long.textContent = `${words} ${words} ${words} ${words}`;
      prose.append(long);
      const lines: number[] = [];
      for (const paragraph of prose.querySelectorAll(':scope > p')) {
        const perLine = new Map<number, number>();
        const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
        const range = document.createRange();
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (let i = 0; i < node.textContent!.length; i += 1) {
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const rect = range.getClientRects()[0];
            if (!rect) continue;
            const top = Math.round(rect.top + rect.height / 2);
            const line = [...perLine.keys()].find((key) => Math.abs(key - top) < 6) ?? top;
            perLine.set(line, (perLine.get(line) ?? 0) + 1);
          }
        }
        lines.push(...[...perLine.values()].slice(0, -1));
      }
      return { lines, width: prose.getBoundingClientRect().width };
    });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '#measure' });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    const average = measured.lines.reduce((sum, count) => sum + count, 0) / measured.lines.length;
    return { ...measured, average, font: fonts.toSorted((a, b) => b.glyphCount - a.glyphCount)[0]!.familyName };
  }

  const expectMeasure = (measured: Awaited<ReturnType<typeof measure>>) => {
    const detail = `${measured.font}: lines of ${measured.lines.join(', ')} characters in ${measured.width} px`;
    expect(measured.lines.length, detail).toBeGreaterThanOrEqual(10);
    expect(measured.average, detail).toBeGreaterThanOrEqual(60);
    expect(measured.average, detail).toBeLessThanOrEqual(75);
  };

  it("is 60-75 characters a line in the site's font, Source Serif 4", async () => {
    const { context } = await recordingContext(served.browser, served.url, { viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${served.url}/blog/alpha-post/`, { waitUntil: 'load' });
    // theme.css's faces are `font-display: optional`: a page uses them only if they come within
    // about 100 ms, which on a loaded machine they may not. The same faces (its rules' src and
    // descriptors) added again with `display: block` and loaded make the page use them, as every
    // page after the first of a visit does.
    await page.evaluate(async () => {
      const rules = [...document.styleSheets]
        .flatMap((sheet) => [...sheet.cssRules])
        .filter((rule): rule is CSSFontFaceRule => rule instanceof CSSFontFaceRule);
      for (const rule of rules) {
        const descriptor = (name: string) => rule.style.getPropertyValue(name);
        const face = new FontFace(descriptor('font-family').replaceAll('"', ''), descriptor('src'), {
          weight: descriptor('font-weight'),
          style: descriptor('font-style'),
          unicodeRange: descriptor('unicode-range'),
          display: 'block',
        });
        document.fonts.add(face);
        await face.load();
      }
    });
    const measured = await measure(page);
    expect(measured.font).toBe('Source Serif 4');
    expectMeasure(measured);
    await context.close();
  });

  it("is 60-75 characters a line on a first visit too, in whatever the page was first drawn in (here DejaVu Serif, the widest fallback, or the site's font)", async () => {
    const { context } = await recordingContext(served.browser, served.url, { viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${served.url}/blog/alpha-post/`, { waitUntil: 'load' });
    expectMeasure(await measure(page));
    await context.close();
  });
});
