/**
 * `node scripts/dev/lighthouse.ts <page path> [<page path> …] [--dist dist] [--runs 3]`
 *
 * Lighthouse's mobile audit (its default preset: simulated slow 4G and a 4x slower CPU) of pages
 * of a built site, in Debian's Chromium, served from 127.0.0.1 with brotli as real hosts serve
 * it (Lighthouse charges the bytes on the wire). Prints the four category scores and the timing
 * metrics of every run and the median LCP per page.
 *
 * Lighthouse is not a dependency of the project (it brings ~200 packages nobody else needs): the
 * script runs it through `npx`, which fetches it from the npm registry once, or the binary named
 * by LIGHTHOUSE_BIN. Scores move with the machine's load; measure on a quiet one (`uptime`).
 */
import { envValue } from '#src/lib/build/environment.ts';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import { serveDist } from '../../tests/helpers/serve.ts';

const LIGHTHOUSE_VERSION = '12.8.2';
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { dist: { type: 'string', default: 'dist' }, runs: { type: 'string', default: '3' } },
});
const runs = Number(values.runs);
if (positionals.length === 0 || !Number.isInteger(runs) || runs < 1) {
  console.error('usage: node scripts/dev/lighthouse.ts <page path, e.g. /blog/my-post/> […] [--dist dist] [--runs 3]');
  process.exit(1);
}

interface Report {
  categories: Record<string, { score: number | null }>;
  audits: Record<string, { numericValue?: number }>;
}

const run = promisify(execFile);
const bin = envValue('LIGHTHOUSE_BIN');
const server = await serveDist(path.resolve(values.dist), { compress: true });
const scratch = await mkdtemp(path.join(tmpdir(), 'lighthouse-'));
try {
  for (const pagePath of positionals) {
    const lcps: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      const output = path.join(scratch, `${i}.json`);
      const args = [
        `${server.url}${pagePath}`,
        '--output=json',
        `--output-path=${output}`,
        '--chrome-flags=--headless=new --no-sandbox --disable-gpu',
        '--quiet',
      ];
      const [command, commandArgs] = bin ? [bin, args] : ['npx', ['--yes', `lighthouse@${LIGHTHOUSE_VERSION}`, ...args]];
      await run(command, commandArgs, { env: { ...process.env, CHROME_PATH: envValue('CHROME_PATH') ?? '/usr/bin/chromium' } });
      const report = JSON.parse(await readFile(output, 'utf8')) as Report;
      const scores = Object.entries(report.categories).map(([id, { score }]) => `${id} ${Math.round((score ?? 0) * 100)}`);
      const metric = (id: string) => Math.round(report.audits[id]?.numericValue ?? Number.NaN);
      lcps.push(metric('largest-contentful-paint'));
      console.log(
        `${pagePath}  ${scores.join(', ')}  FCP ${metric('first-contentful-paint')} ms, LCP ${metric('largest-contentful-paint')} ms, ` +
          `TBT ${metric('total-blocking-time')} ms, CLS ${report.audits['cumulative-layout-shift']?.numericValue ?? '?'}`,
      );
    }
    const sorted = [...lcps].sort((a, b) => a - b);
    console.log(`${pagePath}  median LCP ${sorted[Math.floor(sorted.length / 2)]} ms over ${runs} run(s)`);
  }
} finally {
  await server.close();
  await rm(scratch, { recursive: true, force: true });
}
