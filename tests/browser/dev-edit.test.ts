import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addParagraph, poll, startDevServer, type DevServer } from '../../scripts/dev/bench/dev-server.ts';
import { launchChromium } from '../helpers/browser.ts';
import { fixtureProjectCopy } from '../helpers/fixture-site.ts';

const POST = 'src/content/blog/alpha-post.md';

let root: string;
let server: DevServer;
let browser: Browser;
const pageOf = (port: number) => `http://127.0.0.1:${port}/blog/alpha-post/`;

beforeAll(async () => {
  root = await fixtureProjectCopy('dev-edit');
  server = await startDevServer(root, { env: { ...process.env, NO_COLOR: '1', ASTRO_TELEMETRY_DISABLED: '1' } });
  [browser] = await Promise.all([launchChromium(), poll(pageOf(server.port), () => true, server.failure, 120_000)]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('npm run dev, a post saved while the browser shows it', () => {
  it('shows the edit without the reader reloading, and keeps it in the content store', { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    let loads = 0;
    page.on('load', () => loads++);
    // The live-reload client connected before the save: Vite's client logs this once the server's
    // "connected" message has come through its socket.
    const connected = page.waitForEvent('console', { predicate: (message) => message.text() === '[vite] connected.', timeout: 30_000 });
    await page.goto(pageOf(server.port));
    await connected;
    const loadsBefore = loads;

    const file = path.join(root, POST);
    const marker = `Saved while the browser showed it, at ${Date.now()}.`;
    await writeFile(file, addParagraph(await readFile(file, 'utf8'), marker));
    // On a timeout, what the server printed says which step stalled (the change seen, the post
    // reloaded, the store written, the reload sent).
    await page
      .waitForFunction((text) => document.body.innerText.includes(text), marker, { timeout: 30_000, polling: 50 })
      .catch((error: Error) => {
        throw new Error(`${error.message}\n--- astro dev's last lines ---\n${server.lastLines()}`);
      });
    await page.waitForLoadState('load');
    expect(loads - loadsBefore, server.output().slice(-2000)).toBeGreaterThanOrEqual(1);
    // Astro shows a change once it has written its store, so a restarted dev server shows it too.
    expect(await readFile(path.join(root, '.astro/data-store.json'), 'utf8')).toContain(marker);
    expect(server.output()).not.toMatch(/Astro's internals have changed/);
    await page.close();
  });
});
