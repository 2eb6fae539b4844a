/**
 * Highlighted code under the CSP in real Chromium, on the built fixture site: its colours come
 * from classes (src/lib/markdown/code-theme.ts, src/styles/code-theme.css) and differ between the
 * light and the dark scheme, whether the system or the theme switch picks it; the pages raise no
 * CSP violation; and the policy really refuses a style attribute (`style-src-attr 'none'`).
 */
import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { recordingContext } from '../helpers/browser.ts';
import { fixtureSiteInChromium } from '../helpers/fixture-browser.ts';

const served = fixtureSiteInChromium();

/** Records every CSP violation the page reports, from before its first byte is parsed. */
const recordViolations = () => {
  const violations: string[] = [];
  (window as unknown as { violations: string[] }).violations = violations;
  document.addEventListener('securitypolicyviolation', (event) =>
    violations.push(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} (${event.sample})`),
  );
};

/** The violations so far, once the browser has had time to report the last ones (they are queued as tasks). */
const violations = (page: Page) =>
  page.evaluate(() => new Promise((resolve) => setTimeout(() => resolve((window as unknown as { violations: string[] }).violations), 50)));

async function open(urlPath: string, options: BrowserContextOptions & { theme?: 'light' | 'dark' } = {}) {
  const { theme, ...contextOptions } = options;
  const { context, problems } = await recordingContext(served.browser, served.url, {
    viewport: { width: 1280, height: 900 },
    ...contextOptions,
  });
  await context.addInitScript(recordViolations);
  // The theme switch's choice, as the head script reads it (src/lib/theme/theme-script.ts).
  // Init scripts run in every document, about:blank and frames included, where storage may be denied.
  if (theme)
    await context.addInitScript((chosen) => {
      try {
        localStorage.setItem('theme', chosen);
      } catch {
        // not the site's document
      }
    }, theme);
  const page = await context.newPage();
  await page.goto(`${served.url}${urlPath}`, { waitUntil: 'load' });
  return { page, problems, done: () => context.close() };
}

/** Computed colours of gamma's TypeScript block: the block, a keyword and a comment. */
const colours = (page: Page) =>
  page.locator('.prose pre.astro-code[data-language="ts"]').evaluate((pre) => {
    const colour = (element: Element | null) => (element ? getComputedStyle(element).color : 'missing');
    return {
      block: colour(pre),
      keyword: colour(pre.querySelector('.cl-d73a49')),
      comment: colour(pre.querySelector('.cl-6a737d')),
      styleAttributes: pre.querySelectorAll('[style]').length,
    };
  });

const LIGHT = { block: 'rgb(36, 41, 46)', keyword: 'rgb(185, 43, 57)', comment: 'rgb(87, 96, 106)', styleAttributes: 0 };
const DARK = { block: 'rgb(225, 228, 232)', keyword: 'rgb(249, 117, 131)', comment: 'rgb(139, 148, 158)', styleAttributes: 0 };

describe('highlighted code', () => {
  it("takes the light or the dark theme's colours from the system, and the theme switch's over it", async () => {
    const seen: Array<{ scheme: string; theme: string | undefined; got: unknown; want: unknown }> = [];
    for (const [colorScheme, theme, want] of [
      ['light', undefined, LIGHT],
      ['dark', undefined, DARK],
      ['dark', 'light', LIGHT],
      ['light', 'dark', DARK],
    ] as const) {
      const { page, problems, done } = await open('/blog/gamma/', { colorScheme, ...(theme ? { theme } : {}) });
      seen.push({ scheme: colorScheme, theme, got: await colours(page), want });
      expect(await violations(page)).toEqual([]);
      expect(problems).toEqual([]);
      await done();
    }
    for (const { got, want, ...which } of seen) expect(got, JSON.stringify(which)).toEqual(want);
    expect(LIGHT.keyword).not.toBe(DARK.keyword);
  });

  it("shows a font style only one theme gives in that theme's scheme (code-theme.css's fl-/fd- classes)", async () => {
    const fontStyles = async (colorScheme: 'light' | 'dark') => {
      const { page, done } = await open('/blog/gamma/', { colorScheme });
      const styles = await page
        .locator('.prose pre.astro-code')
        .first()
        .evaluate((pre) => {
          const line = pre.querySelector('.line')!;
          return ['fl-i', 'fd-i', 'f-i', 'fd-b'].map((name) => {
            const span = document.createElement('span');
            span.className = name;
            span.textContent = 'x';
            line.append(span);
            const { fontStyle, fontWeight } = getComputedStyle(span);
            return `${name}: ${fontStyle} ${fontWeight}`;
          });
        });
      await done();
      return styles;
    };
    expect(await fontStyles('light')).toEqual(['fl-i: italic 400', 'fd-i: normal 400', 'f-i: italic 400', 'fd-b: normal 400']);
    expect(await fontStyles('dark')).toEqual(['fl-i: normal 400', 'fd-i: italic 400', 'f-i: italic 400', 'fd-b: normal 700']);
  });
});

/** What each Copy button of the toolkit's annotated blocks (toolkit-code.md) puts on the clipboard, in order. */
const COPIED = [
  [
    'export async function load(posts: string[]) {',
    '  const cache = new Map<string, number>();',
    '  return posts.map((post, index) => cache.set(post, index));',
    '}',
  ].join('\n'),
  'npm install @shikijs/transformers\nnpm run build',
  [
    '--- a/astro.config.ts',
    '+++ b/astro.config.ts',
    '@@ -1,2 +1,2 @@',
    "-const site = 'http://example.com';",
    "+const site = 'https://example.com';",
    ' export default { site };',
  ].join('\n'),
  'const answer = 42;\nconsole.log(answer);',
  'result = compute_the_very_long_function_name_for_testing(first_argument_value, second_argument_value, third_argument)',
];

describe('annotated code', () => {
  it('copies the code without its marks: no notation comments, removed lines, line numbers or prompts', async () => {
    const { page, problems, done } = await open('/blog/toolkit-code/', { permissions: ['clipboard-read', 'clipboard-write'] });
    const copied: string[] = [];
    const buttons = page.locator('.code-block__copy');
    for (let index = 0; index < (await buttons.count()); index++) {
      await buttons.nth(index).click();
      await expect.poll(() => buttons.nth(index).textContent()).toBe('Copied');
      copied.push(await page.evaluate(() => navigator.clipboard.readText()));
    }
    expect(copied).toEqual(COPIED);
    expect(await violations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await done();
  });

  it('draws marks, numbers and prompts from classes, in both schemes, and a long line scrolls inside its block at 360 px', async () => {
    const looks: Record<string, unknown> = {};
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, done } = await open('/blog/toolkit-code/', { colorScheme, viewport: { width: 360, height: 740 } });
      looks[colorScheme] = await page.evaluate(() => {
        const style = (selector: string, pseudo?: string) => {
          const element = document.querySelector(selector)!;
          const computed = getComputedStyle(element, pseudo);
          return { background: computed.backgroundColor, content: computed.content, select: computed.userSelect };
        };
        return {
          highlighted: style('.prose .line.highlighted').background,
          added: style('.prose .astro-code:not([data-language="diff"]) .line.add').background,
          removed: style('.prose .line.remove').background,
          addedSign: style('.prose .astro-code:not([data-language="diff"]) .line.add', '::after').content,
          word: style('.prose .highlighted-word').background,
          number: style('.prose .line-numbers .line', '::before'),
          prompt: style('.prose .code-prompt').select,
          pageWidth: document.documentElement.scrollWidth,
          longBlockScrolls: (() => {
            const pre = [...document.querySelectorAll<HTMLElement>('.prose pre')].at(-1)!;
            return pre.scrollWidth > pre.clientWidth && pre.getBoundingClientRect().right <= 360;
          })(),
        };
      });
      await done();
    }
    expect(looks['light']).toEqual({
      highlighted: 'rgb(247, 233, 219)',
      added: 'rgb(222, 241, 224)',
      removed: 'rgb(251, 231, 229)',
      addedSign: '"+" / "added"',
      word: 'rgb(247, 233, 219)',
      number: { background: 'rgba(0, 0, 0, 0)', content: '"1" / ""', select: 'none' },
      prompt: 'none',
      pageWidth: 360,
      longBlockScrolls: true,
    });
    expect(looks['dark']).toMatchObject({
      highlighted: 'rgb(34, 26, 19)',
      added: 'rgb(15, 29, 15)',
      removed: 'rgb(47, 20, 17)',
      pageWidth: 360,
    });
  });

  it('keeps a scrolling block reachable by keyboard', async () => {
    const { page, done } = await open('/blog/toolkit-code/', { viewport: { width: 360, height: 740 } });
    const focusable = await page.locator('.prose pre').evaluateAll((pres) => pres.map((pre) => pre.tabIndex));
    expect(focusable).toEqual([0, 0, 0, 0, 0]);
    await done();
  });
});

describe('the Content-Security-Policy', () => {
  it('raises no violation on pages with code, search and listings, and refuses a style attribute', async () => {
    for (const urlPath of ['/blog/alpha-post/', '/blog/gamma/', '/blog/toolkit-code/', '/', '/search/', '/blog/']) {
      const { page, problems, done } = await open(urlPath);
      expect(await violations(page), urlPath).toEqual([]);
      expect(problems, urlPath).toEqual([]);
      await done();
    }
    const { page, done } = await open('/blog/gamma/');
    const outline = await page.evaluate(() => {
      document.body.setAttribute('style', 'outline: 3px solid red');
      return getComputedStyle(document.body).outlineStyle;
    });
    expect(outline).toBe('none');
    expect(await violations(page)).toEqual(['style-src-attr blocked inline ()']);
    await done();
  });
});
