/**
 * `node scripts/dev/lcp.ts <page path> <dist> [<dist> …] [--runs 5]`
 *
 * Largest Contentful Paint of one page of one or more built sites, in Chromium under the
 * throttling Lighthouse's mobile preset applies with DevTools throttling (a 412x823 screen at
 * 1.75x, CPU 4x slower, 562.5 ms round trips, 1.474 Mbps down), each load with an empty cache.
 * The sites are loaded in turn, run after run, so a busy machine weighs on each alike. Prints
 * the LCP of every load and the median per site, in milliseconds, which element it was, and when
 * that element's image request started (what a preload moves).
 */
import { parseArgs } from 'node:util';
import { launchChromium } from '../../tests/helpers/browser.ts';
import { serveDist } from '../../tests/helpers/serve.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { runs: { type: 'string', default: '5' } } });
const [pagePath, ...dists] = positionals;
const runs = Number(values.runs);
if (!pagePath || dists.length === 0 || !Number.isInteger(runs) || runs < 1) {
  console.error('usage: node scripts/dev/lcp.ts <page path, e.g. /blog/my-post/> <dist> [<dist> …] [--runs 5]');
  process.exit(1);
}

const browser = await launchChromium();
const servers = await Promise.all(dists.map((dist) => serveDist(dist)));
const results = dists.map(() => [] as number[]);
const elements = dists.map(() => new Set<string>());
/** When the LCP image's request started, ms after navigation: what a preload moves. */
const fetchStarts = dists.map(() => [] as number[]);
try {
  for (let run = 0; run < runs; run += 1) {
    for (const [i, server] of servers.entries()) {
      const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 562.5,
        downloadThroughput: (1474 * 1024) / 8,
        uploadThroughput: (675 * 1024) / 8,
      });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await page.goto(`${server.url}${pagePath}`, { waitUntil: 'load', timeout: 120_000 });
      const lcp = await page.evaluate(
        () =>
          new Promise<{ at: number; element: string; fetchStart: number }>((resolve) => {
            new PerformanceObserver((list) => {
              const last = list.getEntries().at(-1) as PerformanceEntry & { element?: Element | null; url?: string };
              const resource = performance.getEntriesByType('resource').find((entry) => entry.name === last.url);
              const element = last.element
                ? `${last.element.tagName.toLowerCase()}${last.element.className ? `.${last.element.className}` : ''}`
                : '?';
              resolve({ at: last.startTime, element, fetchStart: resource ? resource.startTime : Number.NaN });
            }).observe({ type: 'largest-contentful-paint', buffered: true });
          }),
      );
      results[i]!.push(Math.round(lcp.at));
      fetchStarts[i]!.push(Math.round(lcp.fetchStart));
      elements[i]!.add(lcp.element);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await Promise.all(servers.map((server) => server.close()));
}
const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
for (const [i, dist] of dists.entries())
  console.log(
    `${dist}: LCP ${results[i]!.join(', ')} ms; median ${median(results[i]!)} ms (element: ${[...elements[i]!].join(', ')}); ` +
      `its request started at ${fetchStarts[i]!.join(', ')} ms, median ${median(fetchStarts[i]!)} ms`,
  );
