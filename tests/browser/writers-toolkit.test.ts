/**
 * Issue 38's forms together on one page (tests/fixtures/site/content/blog/toolkit-all.md), as a
 * phone and a wide desktop show it in light and dark: every form is drawn, none widens the page,
 * and nothing is blocked by the CSP or logged as an error. axe covers the same page
 * (accessibility.test.ts); each form's own details have their own tests.
 */
import { describe, expect, it } from 'vitest';
import { recordingContext } from '../helpers/browser.ts';
import { fixtureSiteInChromium } from '../helpers/fixture-browser.ts';

const served = fixtureSiteInChromium();

/** One element each form draws, by what a reader sees. */
const FORMS: Record<string, string> = {
  'a callout': 'aside.callout',
  'a directive callout with its title': 'aside.callout[aria-label="Before you deploy"]',
  'inline math': 'p math',
  'display math in its own box': '.math-display math',
  'a diagram drawn as SVG': 'figure svg.diagram__svg[role="img"]',
  "a code block's title": '.code-block__title',
  'a terminal frame': '.code-block--terminal',
  'a figure with its caption': 'figure figcaption',
  'an image that opens full size': 'a.image-zoom img',
  'a video facade': '.video-embed',
  'a heading with its own id': 'h2#formula',
  'a wide table in its scroll box': '.table-scroll table',
};

describe('every writer’s form on one page', () => {
  for (const viewport of [
    { width: 360, height: 780 },
    { width: 1280, height: 900 },
  ])
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`is drawn whole at ${viewport.width} px in ${colorScheme}, never wider than the window`, async () => {
        const { context, problems } = await recordingContext(served.browser, served.url, { viewport, colorScheme });
        const page = await context.newPage();
        await page.goto(`${served.url}/blog/toolkit-all/`, { waitUntil: 'load' });
        const missing: string[] = [];
        for (const [form, selector] of Object.entries(FORMS)) if ((await page.locator(selector).count()) === 0) missing.push(form);
        expect(missing).toEqual([]);
        // The prices in the opening paragraph stay text: no formula there.
        expect(await page.locator('.prose > p').first().locator('math').count()).toBe(0);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(viewport.width);
        expect(problems).toEqual([]);
        await context.close();
      });
    }
});
