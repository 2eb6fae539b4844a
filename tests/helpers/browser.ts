import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from 'playwright-core';

/**
 * Debian's Chromium (`apt-get install chromium`); Playwright's own browser downloads are not
 * reachable here. CHROMIUM_PATH points elsewhere if needed.
 */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';

/** Quiet, offline, sandbox-free (containers run as root): nothing but the page talks to the network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/**
 * Launches headless Chromium with a fresh profile (Playwright makes a temporary user-data-dir).
 * Throws, rather than letting callers skip, when Chromium is not installed: the browser tests
 * must fail loudly on a machine that lacks it.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH}; the browser tests need it. ` +
        'Install it with `apt-get update && apt-get install -y chromium` (.ci/run does this), ' +
        'or set CHROMIUM_PATH to a Chromium binary.',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/**
 * A browser context for a site served on loopback that records everything a reader would
 * notice going wrong: console errors, uncaught exceptions, failed or 4xx/5xx requests, and any
 * request leaving the host (those are aborted, so a test never waits on the internet).
 * `expectedStatus` lets the 404 page's own document be a 404.
 */
export async function recordingContext(
  browser: Browser,
  siteUrl: string,
  options: BrowserContextOptions & { expectedStatus?: (url: string) => number | undefined } = {},
): Promise<{ context: BrowserContext; problems: string[] }> {
  const { expectedStatus, ...contextOptions } = options;
  const context = await browser.newContext(contextOptions);
  const origin = new URL(siteUrl).origin;
  const problems: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    problems.push(`off-host request: ${url}`);
    return route.abort('blockedbyclient');
  });
  context.on('console', (message) => {
    if (message.type() !== 'error') return;
    const url = message.location().url;
    // Chromium logs every 4xx as a console error; the response check below judges those.
    if (/^Failed to load resource: the server responded with a status of \d+/.test(message.text())) return;
    problems.push(`console error: ${message.text()}${url ? ` (${url})` : ''}`);
  });
  context.on('weberror', (error) => problems.push(`uncaught error: ${error.error().message}`));
  context.on('requestfailed', (request) => {
    if (new URL(request.url()).origin !== origin) return; // already counted as off-host
    // A click that navigates cancels what the old page was still fetching (its favicon, say):
    // that is the browser moving on, not a failed request. Bad statuses are caught below.
    if (request.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${request.url()} (${request.failure()?.errorText ?? 'unknown'})`);
  });
  context.on('response', (response) => {
    const expected = expectedStatus?.(response.url());
    const status = response.status();
    if (expected !== undefined ? status !== expected : status >= 400) problems.push(`HTTP ${status}: ${response.url()}`);
  });
  return { context, problems };
}
