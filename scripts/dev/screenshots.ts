/**
 * Screenshots of built pages at phone and desktop widths, light and dark:
 * `npm run screenshots -- [/path/ …]` (serves dist/ on a loopback port; needs
 * Debian's chromium). Files go to .cache/screenshots/. `--dist=DIR` shoots another built site,
 * `--full` whole pages rather than the first screen.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../../tests/helpers/browser.ts';
import { serveDist } from '../../tests/helpers/serve.ts';

const pages = process.argv.slice(2).filter((arg) => arg.startsWith('/'));
const targets = pages.length > 0 ? pages : ['/', '/category/artificial-intelligence/', '/blog/edge-inference-on-a-budget/'];
const outDir = path.resolve('.cache/screenshots');
const fullPage = process.argv.includes('--full');

/** Scrolls through the page so lazy images below the first screen load before a full-page shot. */
async function loadLazyImages(page: Page): Promise<void> {
  await page.evaluate(async () => {
    for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) {
      scrollTo(0, y);
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    scrollTo(0, 0);
    await Promise.all([...document.images].map((img) => img.decode().catch(() => undefined)));
  });
}

await mkdir(outDir, { recursive: true });

const distArg = process.argv.find((arg) => arg.startsWith('--dist='));
const server = await serveDist(path.resolve(distArg ? distArg.slice('--dist='.length) : 'dist'));
const browser = await launchChromium();
for (const scheme of ['light', 'dark'] as const) {
  for (const width of [360, 1280]) {
    const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme });
    for (const target of targets) {
      await page.goto(`${server.url}${target}`, { waitUntil: 'networkidle' });
      if (fullPage) await loadLazyImages(page);
      const name = `${target.replace(/\W+/g, '_').replace(/^_|_$/g, '') || 'home'}-${width}-${scheme}.png`;
      await page.screenshot({ path: path.join(outDir, name), fullPage });
      console.log(path.join(outDir, name));
    }
    await page.close();
  }
}
await browser.close();
await server.close();
