/**
 * axe-core over the built fixture site in Chromium: no WCAG 2.x A/AA violations (WCAG 2.2 AA
 * tags) on each kind of page, in the light and in the dark colour scheme (each has its palette),
 * and with dark chosen in the theme switch on a light system.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { recordingContext } from '../helpers/browser.ts';
import { fixtureSiteInChromium } from '../helpers/fixture-browser.ts';
import { chooseTheme } from '../helpers/theme-button.ts';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const PAGES: Record<string, string> = {
  home: '/',
  'article with a table of contents, code, a table and images': '/blog/alpha-post/',
  'MDX article with highlighted code and a callout': '/blog/gamma/',
  'article with a callout of every form and kind': '/blog/toolkit-callouts/',
  'category with a landing page (hero, intro)': '/category/artificial-intelligence/',
  'category index with descriptions': '/categories/',
  'author with a profile (avatar, bio, links)': '/author/jonas-mueller/',
  'article with co-authors and "Related:" link cards': '/blog/delta/',
  'article with annotated code (titles, marked lines and words, diffs, line numbers, a terminal)': '/blog/toolkit-code/',
  'article with diagrams of every kind': '/blog/toolkit-diagrams/',
  "article with every writer's form at once (issue 38)": '/blog/toolkit-all/',
  'article with video facades': '/blog/toolkit-embeds/',
  'article with long URLs, a wide table and headings with their own ids': '/blog/toolkit-wide/',
  tag: '/tag/edge-ai/',
  archive: '/blog/',
  'archive by year and month': '/archive/',
  'series page (numbered parts)': '/series/the-writers-toolkit/',
  'article in a series (the series box and its pager)': '/blog/toolkit-series-2/',
  'search with results': '/search/?q=alpha',
  '404': '/no-such-page/',
};

/**
 * The same axe-core that @axe-core/playwright bundles, minified: it is injected twice per analysis,
 * and the default unminified copy (1.5 MB) takes seconds to send and compile on a busy machine.
 */
const AXE_SOURCE = readFileSync(
  createRequire(createRequire(import.meta.url).resolve('@axe-core/playwright')).resolve('axe-core/axe.min.js'),
  'utf8',
);

type Violation = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];

/** One line per failing element: rule, impact, selector, what is wrong. */
const describeViolations = (label: string, violations: Violation[]) =>
  violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${label}: ${violation.id} (${violation.impact}) ${node.target.join(' ')} — ${(node.failureSummary ?? violation.help).replace(/\s*\n\s*/g, ' ')}`,
    ),
  );

const served = fixtureSiteInChromium();
let context: BrowserContext;

beforeAll(async () => {
  ({ context } = await recordingContext(served.browser, served.url, { viewport: { width: 1280, height: 900 } }));
});

describe('axe finds no WCAG 2.2 AA violations, light and dark', () => {
  for (const [name, target] of Object.entries(PAGES)) {
    it(`${name} ${target}`, async () => {
      const page = await context.newPage();
      await page.goto(`${served.url}${target}`, { waitUntil: 'load' });
      const found: string[] = [];
      if (target.startsWith('/search/')) await page.locator('.search-result').first().waitFor();
      // One load, both schemes: the markup is the same, only the colours change.
      for (const [colorScheme, chosen] of [
        ['light', 'system'],
        ['dark', 'system'],
        ['light', 'dark'],
      ] as const) {
        await page.emulateMedia({ colorScheme });
        await chooseTheme(page, chosen);
        expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(colorScheme === 'dark');
        // axe.run in the page itself ("legacy" mode): the pages have no frames of their own, and the
        // default runPartial/finishRun opens a second page for every analysis.
        const results = await new AxeBuilder({ page, axeSource: AXE_SOURCE })
          .withTags(WCAG_TAGS)
          .options({ resultTypes: ['violations'] })
          .setLegacyMode(true)
          .analyze();
        found.push(...describeViolations(`${colorScheme}, theme ${chosen}`, results.violations));
      }
      expect(found).toEqual([]);
      await page.close();
    });
  }
});

describe('axe finds no WCAG 2.2 AA violations on a phone, light and dark', () => {
  for (const target of ['/blog/alpha-post/', '/']) {
    it(`${target} at 360 px, with the menu open and closed`, async () => {
      const { context: phone } = await recordingContext(served.browser, served.url, { viewport: { width: 360, height: 780 } });
      const page = await phone.newPage();
      await page.goto(`${served.url}${target}`, { waitUntil: 'load' });
      const found: string[] = [];
      for (const open of [false, true]) {
        if (open) await page.locator('.site-menu summary').click();
        expect(await page.getByRole('navigation', { name: 'Menu', exact: true }).isVisible()).toBe(open);
        for (const colorScheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme });
          const results = await new AxeBuilder({ page, axeSource: AXE_SOURCE })
            .withTags(WCAG_TAGS)
            .options({ resultTypes: ['violations'] })
            .setLegacyMode(true)
            .analyze();
          found.push(...describeViolations(`${colorScheme}, menu ${open ? 'open' : 'closed'}`, results.violations));
        }
      }
      expect(found).toEqual([]);
      await phone.close();
    });
  }
});
