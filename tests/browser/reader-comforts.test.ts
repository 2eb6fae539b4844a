/**
 * The reader comforts in real Chromium on the built fixture site: heading links, the copy button
 * of code blocks, the theme switch (applied before the first paint), the table of contents that
 * marks the section being read, and every page with JavaScript off.
 */
import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { recordingContext } from '../helpers/browser.ts';
import { fixtureSiteInChromium } from '../helpers/fixture-browser.ts';
import { namedTheme, themeButton } from '../helpers/theme-button.ts';

const served = fixtureSiteInChromium();

const MISSING = '/no-such-page/';
const PAGES = [
  '/',
  '/blog/alpha-post/',
  '/blog/gamma/',
  '/blog/beta-post/',
  '/category/artificial-intelligence/',
  '/blog/',
  '/search/',
  MISSING,
];

/** A page in a fresh context that records problems; the context closes with the test's `done`. */
async function open(urlPath: string, options: BrowserContextOptions = {}) {
  const { context, problems } = await recordingContext(served.browser, served.url, {
    viewport: { width: 1280, height: 900 },
    // The 404 page's own document is a 404.
    expectedStatus: (url) => (new URL(url).pathname === MISSING ? 404 : undefined),
    ...options,
  });
  const page = await context.newPage();
  await page.goto(`${served.url}${urlPath}`, { waitUntil: 'load' });
  return { page, problems, done: () => context.close() };
}

/** Problems, less the requests for video embeds a post's author wrote in its body (beta-post has one). */
async function siteProblems(page: Page, problems: string[]): Promise<string[]> {
  const embeds = await page.locator('.prose iframe[src]').evaluateAll((frames) => frames.map((frame) => (frame as HTMLIFrameElement).src));
  return problems.filter((problem) => !embeds.some((src) => problem === `off-host request: ${src}`));
}

const focused = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent);

describe('heading links', () => {
  it('are reached with Tab, show when focused, and lead to their section', async () => {
    const { page, problems, done } = await open('/blog/alpha-post/');
    const link = page.getByRole('link', { name: 'Link to this section: Second section' });
    expect(await link.evaluate((element) => getComputedStyle(element).opacity)).toBe('0');
    await page.getByRole('link', { name: 'Link to this section: A sub-section' }).focus();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Link to this section: Second section');
    expect(await link.evaluate((element) => getComputedStyle(element).opacity)).toBe('1');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#second-section$/);
    const top = await page.locator('#second-section').evaluate((heading) => heading.getBoundingClientRect().top);
    expect(Math.abs(top)).toBeLessThan(40);
    expect(problems).toEqual([]);
    await done();
  });
});

describe('code blocks', () => {
  it('copy the code with the button, which says "Copied" through a live region', async () => {
    const { page, problems, done } = await open('/blog/gamma/', { permissions: ['clipboard-read', 'clipboard-write'] });
    const block = page.locator('.code-block').first();
    expect(await block.locator('.code-block__language').innerText()).toBe('ts');
    const button = block.getByRole('button', { name: 'Copy' });
    await button.click();
    const code = await block.locator('pre').innerText();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code.replace(/\n$/, ''));
    expect(code).toContain('export function total(prices: number[], rate = 0.2): string {');
    expect(await block.getByRole('status').innerText()).toBe('Copied');
    expect(await block.locator('.code-block__copy').innerText()).toBe('Copied');
    expect(problems).toEqual([]);
    await done();
  });

  it('scroll long lines inside a block reached by keyboard', async () => {
    const { page, done } = await open('/blog/alpha-post/', { viewport: { width: 360, height: 740 } });
    const pre = page.locator('.code-block pre');
    const { scrollWidth, clientWidth, tabIndex } = await pre.evaluate((element) => ({
      scrollWidth: element.scrollWidth,
      clientWidth: element.clientWidth,
      tabIndex: element.tabIndex,
    }));
    expect(scrollWidth).toBeGreaterThan(clientWidth);
    expect(tabIndex).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await done();
  });

  it('load the copy script only on pages with code', async () => {
    const scripts = async (urlPath: string) => {
      const { page, done } = await open(urlPath);
      const sources = await page.locator('script[src]').evaluateAll((elements) => elements.map((e) => e.getAttribute('src')!));
      await done();
      return sources.filter((src) => src.includes('CodeCopy'));
    };
    expect(await scripts('/blog/alpha-post/')).toHaveLength(1);
    expect(await scripts('/blog/beta-post/')).toEqual([]);
    expect(await scripts('/')).toEqual([]);
  });
});

describe('the theme switch', () => {
  /** <html data-theme> and the page background at the moment <body> is parsed: before any module script of ours runs. */
  const firstPaintProbe = () => {
    new MutationObserver((_, observer) => {
      if (!document.body) return;
      observer.disconnect();
      (window as unknown as { firstPaint: unknown }).firstPaint = {
        theme: document.documentElement.dataset['theme'] ?? null,
        // Still parsing: no module script (they run after parsing) has run yet.
        parsing: document.readyState === 'loading',
      };
    }).observe(document, { childList: true, subtree: true });
  };

  it('cycles system → light → dark → system, names the theme it shows, remembers it, and applies it before the first paint', async () => {
    const { page, problems, done } = await open('/blog/gamma/', { colorScheme: 'light' });
    await page.context().addInitScript(firstPaintProbe);
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const keyword = () =>
      page
        .locator('.astro-code span.cl-d73a49')
        .first()
        .evaluate((span) => getComputedStyle(span).color);
    /** The icon on show: one of the three, by its class. */
    const icon = () =>
      themeButton(page)
        .locator('svg')
        .evaluateAll((icons) => icons.filter((svg) => getComputedStyle(svg).display !== 'none').map((svg) => svg.getAttribute('class')));
    expect(await namedTheme(page)).toBe('system');
    expect(await icon()).toEqual([expect.stringContaining('theme-switch__icon--system')]);
    const light = { background: await background(), keyword: await keyword() };

    // One press: light (the system is light too, so the colours stay).
    await themeButton(page).click();
    expect(await namedTheme(page)).toBe('light');
    expect(await icon()).toEqual([expect.stringContaining('theme-switch__icon--light')]);
    expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe('light');
    expect(await background()).toBe(light.background);

    // Two: dark.
    await themeButton(page).click();
    expect(await namedTheme(page)).toBe('dark');
    expect(await icon()).toEqual([expect.stringContaining('theme-switch__icon--dark')]);
    expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    const dark = { background: await background(), keyword: await keyword() };
    expect(dark.background).toBe('rgb(21, 20, 15)');
    expect(dark.keyword).not.toBe(light.keyword);
    expect(await themeButton(page).getAttribute('title')).toBe('Theme: dark (switch to system)');

    await page.reload({ waitUntil: 'load' });
    expect(await page.evaluate(() => (window as unknown as { firstPaint: unknown }).firstPaint)).toEqual({
      theme: 'dark',
      parsing: true,
    });
    expect(await namedTheme(page)).toBe('dark');
    expect(await background()).toBe(dark.background);
    expect(await keyword()).toBe(dark.keyword);

    // Another page of the site starts dark too.
    await page.goto(`${served.url}/`, { waitUntil: 'load' });
    expect(await page.evaluate(() => (window as unknown as { firstPaint: unknown }).firstPaint)).toEqual({
      theme: 'dark',
      parsing: true,
    });

    // Three: back to the system's.
    await themeButton(page).click();
    expect(await namedTheme(page)).toBe('system');
    await page.reload({ waitUntil: 'load' });
    expect(await page.evaluate(() => (window as unknown as { firstPaint: unknown }).firstPaint)).toEqual({ theme: null, parsing: true });
    expect(await background()).toBe(light.background);
    expect(problems).toEqual([]);
    await done();
  });

  it('lets a reader on a dark system choose light, with the keyboard', async () => {
    const { page, done } = await open('/', { colorScheme: 'dark' });
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(await background()).toBe('rgb(21, 20, 15)');
    await themeButton(page).focus();
    await page.keyboard.press('Enter');
    expect(await namedTheme(page)).toBe('light');
    expect(await background()).toBe('rgb(252, 251, 248)');
    await done();
  });
});

describe('the table of contents', () => {
  it('marks the section in view as the reader scrolls, beside the text on a wide screen', async () => {
    // Reduced motion: no colour transition, so the colours read are the settled ones.
    const { page, problems, done } = await open('/blog/alpha-post/', { viewport: { width: 1280, height: 700 }, reducedMotion: 'reduce' });
    const toc = page.getByRole('navigation', { name: 'Table of contents' });
    const current = () => toc.locator('a[aria-current="true"]').allInnerTexts();
    for (const [id, text] of [
      ['third-section', 'Third section'],
      ['first-section', 'First section'],
      ['fourth-section', 'Fourth section'],
    ] as const) {
      await page.locator(`#${id}`).evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
      await expect.poll(current, { message: id }).toEqual([text]);
    }
    // Sticky: still in view, to the right of the text, after scrolling, and well clear of the window's edge.
    const box = (await toc.boundingBox())!;
    const prose = (await page.locator('.prose').boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeLessThan(700);
    expect(box.x).toBeGreaterThan(prose.x + prose.width);
    expect(1280 - (box.x + box.width)).toBeGreaterThanOrEqual(64);
    // Quiet: every entry in the muted colour and not underlined, but the current one, in the text's colour.
    const looks = await toc.locator('li a').evaluateAll((links) =>
      links.map((link) => {
        const style = getComputedStyle(link);
        return {
          text: link.textContent,
          current: link.hasAttribute('aria-current'),
          color: style.color,
          underline: style.textDecorationLine,
        };
      }),
    );
    const colours = await page.evaluate(() => ({
      muted: getComputedStyle(document.querySelector('.article__description')!).color,
      text: getComputedStyle(document.body).color,
    }));
    expect(looks.length).toBeGreaterThan(4);
    expect(looks.filter((link) => link.current).map((link) => link.text)).toEqual(['Fourth section']);
    for (const link of looks) {
      expect(link.underline, link.text!).toBe('none');
      expect(link.color, link.text!).toBe(link.current ? colours.text : colours.muted);
    }
    expect(problems).toEqual([]);
    await done();
  });

  it('stays folded in a <details> on a phone', async () => {
    const { page, done } = await open('/blog/alpha-post/', { viewport: { width: 360, height: 740 } });
    expect(await page.locator('details.toc').isVisible()).toBe(true);
    expect(await page.locator('details.toc').getAttribute('open')).toBeNull();
    expect(await page.getByRole('navigation', { name: 'Table of contents' }).isVisible()).toBe(false);
    await done();
  });
});

describe('back to the top', () => {
  for (const viewport of [
    { width: 360, height: 780 },
    { width: 1280, height: 800 },
  ]) {
    it(`a long post (one with a table of contents) has a link back to the top at its end, at ${viewport.width} px`, async () => {
      const { page, problems, done } = await open('/blog/alpha-post/', { viewport });
      const link = page.locator('.back-to-top').getByRole('link', { name: 'Back to top' });
      await link.scrollIntoViewIfNeeded();
      expect(await page.evaluate(() => scrollY)).toBeGreaterThan(300);
      await link.click();
      await page.waitForURL(/#main$/);
      // At the top of the content, just under the header; the keyboard's focus goes there too.
      await expect.poll(() => page.evaluate(() => scrollY)).toBeLessThanOrEqual(64);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
      expect(problems).toEqual([]);
      await done();
    });
  }

  it('the table of contents beside the text has one too; a short post has none', async () => {
    const { page, done } = await open('/blog/alpha-post/');
    const toc = page.getByRole('navigation', { name: 'Table of contents' });
    expect(await toc.getByRole('link', { name: 'Back to top' }).getAttribute('href')).toBe('#main');
    await page.goto(`${served.url}/blog/beta-post/`, { waitUntil: 'load' });
    expect(await page.locator('.toc').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Back to top' }).count()).toBe(0);
    await done();
  });
});

describe('with JavaScript off', () => {
  it('every page reads, and shows no control that needs a script', async () => {
    for (const urlPath of PAGES) {
      const { page, problems, done } = await open(urlPath, { javaScriptEnabled: false });
      expect((await page.locator('main').innerText()).length, urlPath).toBeGreaterThan(20);
      expect(await page.locator('[data-theme-switch]').isVisible(), urlPath).toBe(false);
      // The only buttons left are forms' submit buttons, which work without a script.
      const buttons = await page.locator('button').evaluateAll((elements) =>
        elements
          .filter((b) => (b as HTMLElement).checkVisibility())
          .map((b) => ({
            text: b.textContent,
            submits: (b as HTMLButtonElement).type === 'submit' && (b as HTMLButtonElement).form !== null,
          })),
      );
      expect(
        buttons.filter((button) => !button.submits),
        urlPath,
      ).toEqual([]);
      expect(await siteProblems(page, problems), urlPath).toEqual([]);
      await done();
    }
  });

  it('keeps heading links and the table of contents working, and code readable', async () => {
    const { page, done } = await open('/blog/alpha-post/', { javaScriptEnabled: false });
    await page.getByRole('link', { name: 'Link to this section: Fourth section' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/#fourth-section$/);
    await page.getByRole('navigation', { name: 'Table of contents' }).getByRole('link', { name: 'First section' }).click();
    await page.waitForURL(/#first-section$/);
    expect(await page.locator('.code-block pre').innerText()).toContain('const link =');
    expect(await page.locator('.code-block__language').innerText()).toBe('js');
    await done();
  });
});

describe('with the default settings', () => {
  it('no page asks another host for anything but the videos its post embeds', async () => {
    for (const urlPath of [...PAGES, '/search/?q=alpha']) {
      const { page, problems, done } = await open(urlPath);
      // Scrolled to the end, so lazy images load too.
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await page.waitForLoadState('networkidle');
      expect(await siteProblems(page, problems), urlPath).toEqual([]);
      await done();
    }
  });
});
