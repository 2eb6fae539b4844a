/**
 * seo-report.html in Chromium, opened from disk as an editor would: it loads
 * nothing else, its table sorts by a column when the heading is selected, and
 * axe finds no WCAG 2.2 A/AA violation in the light or the dark scheme.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport } from '#tools/seo/report/render.ts';
import { SITE } from '#src/site.config.ts';
import { launchChromium } from '../helpers/browser.ts';
import { auditFixture } from '../helpers/seo-fixture.ts';

const AXE_SOURCE = readFileSync(
  createRequire(createRequire(import.meta.url).resolve('@axe-core/playwright')).resolve('axe-core/axe.min.js'),
  'utf8',
);

let browser: Browser;
let page: Page;
let reportUrl: string;
const requests: string[] = [];
const errors: string[] = [];

beforeAll(async () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'blog-seo-report-')), 'seo-report.html');
  writeFileSync(file, renderReport(await auditFixture(), { site: SITE, generated: new Date('2026-12-01T09:00:00Z') }));
  reportUrl = pathToFileURL(file).href;
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url === reportUrl) return route.continue();
    requests.push(url);
    return route.abort('blockedbyclient');
  });
  page = await context.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(reportUrl);
});

afterAll(async () => {
  await browser?.close();
});

/** The Words column of the table, top to bottom. */
const wordsColumn = () =>
  page.$$eval('table.posts tbody tr', (rows) => rows.map((row) => Number(row.querySelectorAll('td')[3]!.dataset['sort'])));
const sortOf = (name: string) => page.getByRole('columnheader', { name, exact: true }).getAttribute('aria-sort');

describe('seo-report.html in a browser', () => {
  it('loads nothing but itself and runs without errors', () => {
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('sorts the table by a column heading, then reverses it', async () => {
    const before = await wordsColumn();
    expect(before).not.toEqual([...before].sort((a, b) => a - b));
    await page.getByRole('button', { name: 'Words', exact: true }).click();
    expect(await wordsColumn()).toEqual([...before].sort((a, b) => a - b));
    expect(await sortOf('Words')).toBe('ascending');
    expect(await sortOf('Score')).toBeNull();
    await page.getByRole('button', { name: 'Words', exact: true }).click();
    expect(await wordsColumn()).toEqual([...before].sort((a, b) => b - a));
    expect(await sortOf('Words')).toBe('descending');
    // Text columns sort by their text.
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    const titles = await page.$$eval('table.posts tbody tr td:first-child a', (links) =>
      links.map((link) => link.textContent!.toLowerCase()),
    );
    expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b)));
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no accessibility violations in the ${colorScheme} scheme (axe, WCAG 2.2 AA)`, async () => {
      await page.emulateMedia({ colorScheme });
      const results = await new AxeBuilder({ page, axeSource: AXE_SOURCE })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
        .analyze();
      const violations = results.violations.flatMap((violation) =>
        violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')} — ${node.failureSummary ?? violation.help}`),
      );
      expect(violations).toEqual([]);
    });
  }
});
