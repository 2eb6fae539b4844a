/**
 * An owner's own look and menus, end to end: the fixture's posts built with another palette in
 * src/styles/theme.css (HARBOUR, a blue brand), a menu and a footer of their own in
 * src/site.config.ts (an outside link, social profiles, their own line) and BASE_PATH=/notes/.
 * Chromium shows the new colours in the light and the dark theme (the system's, and the theme
 * switch's), axe finds no WCAG 2.2 AA violation in either, and the menus are valid HTML under the
 * base path. THEME_SCREENSHOTS=/some/dir keeps screenshots of the home page in both themes.
 */
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { HtmlValidate, StaticConfigLoader, type ConfigData } from 'html-validate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, recordingContext } from '../helpers/browser.ts';
import { writeFixtureImages } from '../helpers/fixture-site.ts';
import { HARBOUR, withPalette } from '../helpers/palettes.ts';
import { makeProjectCopy, PROJECT_ROOT, runScriptAsync } from '../helpers/project-copy.ts';
import { serveDist } from '../helpers/serve.ts';
import { chooseTheme } from '../helpers/theme-button.ts';

const BASE = '/notes/';
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const AXE_SOURCE = await readFile(
  createRequire(createRequire(import.meta.url).resolve('@axe-core/playwright')).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** The owner's menus, as they would write them in src/site.config.ts's defaults. */
const MENUS = `nav: [
    { label: 'Home', href: '/' },
    { label: 'Writing', href: '/blog/' },
    { label: 'Search', href: '/search/' },
    { label: 'Source', href: 'https://github.com/example/notes' },
  ],
  footer: {
    links: [
      { label: 'Topics', href: '/categories' },
      { label: 'Feed', href: '/rss.xml' },
    ],
    social: { mastodon: 'https://mastodon.social/@notes', github: 'https://github.com/example' },
    text: 'Notes from the harbour, written by hand.',
  },`;

let root = '';
let served = '';
let browser: Browser;
let site: Awaited<ReturnType<typeof serveDist>>;

beforeAll(async () => {
  root = await makeProjectCopy({ contentDir: path.join(PROJECT_ROOT, 'tests/fixtures/site/content/blog'), name: 'palette' });
  await writeFixtureImages(root);
  const theme = path.join(root, 'src/styles/theme.css');
  await writeFile(theme, withPalette(await readFile(theme, 'utf8'), HARBOUR));
  const settings = path.join(root, 'src/site.config.ts');
  const text = await readFile(settings, 'utf8');
  const menus = /^ {2}nav: \[[\s\S]*?\n {2}footer: \{[\s\S]*?\n {2}\},\n/m;
  if (!menus.test(text)) throw new Error(`${settings} has no nav and footer settings to replace`);
  await writeFile(settings, text.replace(menus, `  ${MENUS}\n`));
  const result = await runScriptAsync(root, 'build', { BASE_PATH: BASE });
  expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
  // Served as a sub-folder host serves it: the site under /notes/.
  served = await mkdtemp(path.join(tmpdir(), 'blog-palette-served-'));
  await mkdir(path.join(served, 'host'));
  await symlink(path.join(root, 'dist'), path.join(served, 'host', BASE.replaceAll('/', '')), 'dir');
  site = await serveDist(path.join(served, 'host'));
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (!process.env['KEEP_FIXTURES'])
    await Promise.all([root, served].filter(Boolean).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** The colours the page draws, as Chromium computes them. */
const drawn = (page: Page) =>
  page.evaluate(() => {
    const style = (selector: string) => getComputedStyle(document.querySelector(selector)!);
    return {
      bg: style('body').backgroundColor,
      text: style('body').color,
      header: style('.site-header').backgroundColor,
      link: style('.card__category a').color,
      footer: style('.site-footer').color,
    };
  });

const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

/** Light and dark by the system's setting, and dark chosen in the theme switch on a light system. */
const SCHEMES = [
  { system: 'light', chosen: 'system', index: 0 },
  { system: 'dark', chosen: 'system', index: 1 },
  { system: 'light', chosen: 'dark', index: 1 },
] as const;

describe('a palette of its own in src/styles/theme.css', () => {
  it('colours every page with it, light and dark, by the system or by the theme switch', async () => {
    const { context, problems } = await recordingContext(browser, site.url, { viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${site.url}${BASE}`, { waitUntil: 'load' });
    for (const { system, chosen, index } of SCHEMES) {
      await page.emulateMedia({ colorScheme: system });
      await chooseTheme(page, chosen);
      expect(await drawn(page), `${system} system, ${chosen} chosen`).toEqual({
        bg: rgb(HARBOUR['--bg']![index]),
        text: rgb(HARBOUR['--text']![index]),
        header: rgb(HARBOUR['--surface']![index]),
        link: rgb(HARBOUR['--accent']![index]),
        footer: rgb(HARBOUR['--muted']![index]),
      });
    }
    expect(problems).toEqual([]);
    await context.close();
  });

  it.each(['', 'blog/gamma/', 'blog/alpha-post/', 'categories/'])(
    'leaves axe nothing to find on /notes/%s, light and dark',
    async (target) => {
      const { context } = await recordingContext(browser, site.url, { viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${site.url}${BASE}${target}`, { waitUntil: 'load' });
      const found: string[] = [];
      for (const { system, chosen } of SCHEMES) {
        await page.emulateMedia({ colorScheme: system });
        await chooseTheme(page, chosen);
        const results = await new AxeBuilder({ page, axeSource: AXE_SOURCE })
          .withTags(WCAG_TAGS)
          .options({ resultTypes: ['violations'] })
          .setLegacyMode(true)
          .analyze();
        found.push(
          ...results.violations.flatMap((violation) =>
            violation.nodes.map((node) => `${system}/${chosen}: ${violation.id} ${node.target.join(' ')} — ${node.failureSummary ?? ''}`),
          ),
        );
      }
      expect(found).toEqual([]);
      await context.close();
    },
  );

  it('is what the home page shows (screenshots, light and dark, at a phone and a desktop width)', async () => {
    const dir = process.env['THEME_SCREENSHOTS'];
    for (const [scheme, width] of [
      ['light', 1280],
      ['dark', 1280],
      ['light', 360],
      ['dark', 360],
    ] as const) {
      const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme });
      await page.goto(`${site.url}${BASE}`, { waitUntil: 'networkidle' });
      const shot = await page.screenshot({
        fullPage: width === 1280,
        ...(dir ? { path: path.join(dir, `palette-home-${width}-${scheme}.png`) } : {}),
      });
      expect(shot.length).toBeGreaterThan(10_000);
      await page.close();
    }
  });
});

describe('menus of its own in src/site.config.ts', () => {
  it('are drawn in the header and the footer, under the base path, as valid HTML', async () => {
    const html = await readFile(path.join(root, 'dist/blog/index.html'), 'utf8');
    const header = html.match(/<nav [^>]*aria-label="Main"[^>]*>([\s\S]*?)<\/nav>/)![1]!;
    expect(
      [...header.matchAll(/<a ([^>]*)>\s*([^<]*?)\s*<\/a>/g)].map((m) => `${m[2]}: ${m[1]!.replace(/ data-astro-cid-\w+/g, '')}`),
    ).toEqual([
      'Home: href="/notes/"',
      'Writing: href="/notes/blog/" aria-current="page"',
      'Search: href="/notes/search/"',
      'Source: href="https://github.com/example/notes" rel="noopener"',
    ]);
    const footer = html.match(/<footer[\s\S]*?<\/footer>/)![0];
    expect(footer).toMatch(/<p[^>]*>Notes from the harbour, written by hand\.<\/p>/);
    const links = [...footer.matchAll(/<a ([^>]*)>\s*([^<]*?)\s*<\/a>/g)].map(
      (m) => `${m[2]}: ${m[1]!.replace(/ data-astro-cid-\w+/g, '')}`,
    );
    expect(links).toEqual([
      'Topics: href="/notes/categories/"',
      'Feed: href="/notes/rss.xml"',
      'Mastodon: href="https://mastodon.social/@notes" rel="me noopener"',
      'GitHub: href="https://github.com/example" rel="me noopener"',
    ]);
    const validator = new HtmlValidate(
      new StaticConfigLoader(JSON.parse(await readFile(path.join(PROJECT_ROOT, '.htmlvalidate.json'), 'utf8')) as ConfigData),
    );
    for (const file of ['index.html', 'blog/index.html']) {
      const report = await validator.validateString(await readFile(path.join(root, 'dist', file), 'utf8'), file);
      expect(report.results.flatMap((result) => result.messages.map((m) => `${file}:${m.line} ${m.ruleId} ${m.message}`))).toEqual([]);
    }
  });
});
