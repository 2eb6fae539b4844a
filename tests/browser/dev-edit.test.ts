import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WRITE_AFTER_SHOWN_MS } from '../../integrations/astro-internals/dev-store-memory.ts';
import { addParagraph, devEnvironment } from '../../scripts/dev/bench/dev-server.ts';
import { launchChromium } from '../helpers/browser.ts';
import { makeProjectCopy, PROJECT_ROOT } from '../helpers/project-copy.ts';

const PORT = 4391;
const POST = 'src/content/blog/evaluating-rag-pipelines.md';
const URL_OF_POST = `http://127.0.0.1:${PORT}/blog/evaluating-rag-pipelines/`;

let root: string;
let server: ChildProcess;
let output = '';
let browser: Browser;

async function answered(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const status = await fetch(url).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`astro dev did not answer ${url}:\n${output.slice(-2000)}`);
}

beforeAll(async () => {
  root = await makeProjectCopy({
    contentDir: path.join(PROJECT_ROOT, 'src/content/blog'),
    publicDir: path.join(PROJECT_ROOT, 'public'),
    name: 'dev-edit',
  });
  server = spawn(process.execPath, ['node_modules/astro/bin/astro.mjs', 'dev', '--host', '127.0.0.1', '--port', String(PORT)], {
    cwd: root,
    env: { ...devEnvironment(process.env), NO_COLOR: '1', ASTRO_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  for (const stream of [server.stdout!, server.stderr!]) stream.on('data', (chunk: Buffer) => (output += chunk.toString()));
  [browser] = await Promise.all([launchChromium(), answered(URL_OF_POST, 120_000)]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (server?.pid !== undefined && server.exitCode === null) {
    const gone = new Promise((resolve) => server.once('exit', resolve));
    process.kill(-server.pid, 'SIGTERM');
    await gone;
  }
  if (root) await rm(root, { recursive: true, force: true });
});

describe('npm run dev, a post saved while the browser shows it', () => {
  it('shows the edit after one reload, and writes the content store afterwards', { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    let loads = 0;
    page.on('load', () => loads++);
    await page.goto(URL_OF_POST);
    // The live-reload client connected before the save.
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((entry) => entry.name.includes('/@vite/client')));
    await page.waitForTimeout(500);
    const loadsBefore = loads;

    const file = path.join(root, POST);
    const marker = `Saved while the browser showed it, at ${Date.now()}.`;
    await writeFile(file, addParagraph(await readFile(file, 'utf8'), marker));
    await page.waitForFunction((text) => document.body.innerText.includes(text), marker, { timeout: 30_000, polling: 50 });
    await page.waitForLoadState('load');
    // Astro's write of the store comes WRITE_AFTER_SHOWN_MS after the change was shown, and must not reload the page again.
    await page.waitForTimeout(WRITE_AFTER_SHOWN_MS + 3000);
    expect(loads - loadsBefore, output.slice(-2000)).toBe(1);
    expect(await readFile(path.join(root, '.astro/data-store.json'), 'utf8')).toContain(marker);
    expect(output).not.toMatch(/Astro's internals have changed/);
    await page.close();
  });
});
