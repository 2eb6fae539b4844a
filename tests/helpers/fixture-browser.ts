import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { launchChromium } from './browser.ts';
import { serveDist } from './serve.ts';

/**
 * The built fixture site served on loopback, and a Chromium to read it with, for the tests of
 * one file: both start before its first test and close after its last.
 */
export function fixtureSiteInChromium(): { readonly browser: Browser; readonly url: string } {
  let browser: Browser | undefined;
  let site: Awaited<ReturnType<typeof serveDist>> | undefined;
  beforeAll(async () => {
    site = await serveDist(path.join(inject('fixtureRoot'), 'dist'));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });
  return {
    get browser() {
      if (!browser) throw new Error('Chromium is not started yet: use it inside a test or a later beforeAll');
      return browser;
    },
    get url() {
      if (!site) throw new Error('the fixture site is not served yet: use it inside a test or a later beforeAll');
      return site.url;
    },
  };
}
