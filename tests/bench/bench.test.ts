import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/project-copy.ts';

/**
 * `npm run bench -- --posts 20`, so the benchmark never rots. No time is
 * asserted (the machine may be busy); the figures must be there and sane.
 */
describe('npm run bench', () => {
  let outDir = '';
  afterAll(async () => {
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it('builds 20 posts cold, warm, full and after an edit, and reports every figure as JSON', { timeout: 600_000 }, async () => {
    outDir = await mkdtemp(path.join(tmpdir(), 'blog-bench-test-'));
    const out = path.join(outDir, 'bench.json');
    const result = spawnSync(process.execPath, ['scripts/dev/bench.ts', '--posts', '20', '--out', out], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      timeout: 580_000,
    });
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).toMatch(/\| cold +\|/);
    const report = JSON.parse(await readFile(out, 'utf8'));

    expect(report.posts).toBe(20);
    expect(report.machine.nproc).toBeGreaterThan(0);
    expect(report.rows.map((row: { run: string }) => row.run)).toEqual(['cold', 'warm', 'full', 'edit']);
    const [cold, warm, full, edit] = report.rows;
    for (const row of report.rows) {
      expect(row.seconds).toBeGreaterThan(0);
      // 20 posts, their tag, category, author and archive pages
      expect(row.pages).toBeGreaterThan(100);
      expect(row.pagesPerSecond).toBeGreaterThan(0);
      expect(row.peakRssMB).toBeGreaterThan(50);
      expect(row.imageVariants.referenced).toBe(cold.imageVariants.referenced);
    }
    // Every page is the same set whatever the caches did.
    expect(new Set(report.rows.map((row: { pages: number }) => row.pages)).size).toBe(1);

    // Cold makes every variant and card; later builds reuse them all.
    expect(cold.imageVariants.made).toBe(cold.imageVariants.referenced);
    expect(cold.imageVariants.encodingSeconds).toBeGreaterThan(0);
    expect(cold.socialCards.drawn).toBeGreaterThan(20);
    for (const row of [warm, full, edit]) {
      expect(row.imageVariants.made).toBe(0);
      expect(row.socialCards.drawn).toBe(0);
    }

    // Listing pages come from the page cache, except when it was dropped.
    expect(cold.pagesCopied).toBe(0);
    expect(full.pagesCopied).toBe(0);
    expect(warm.pagesCopied).toBeGreaterThan(cold.pages / 2);
    expect(edit.pagesCopied).toBeGreaterThan(cold.pages / 2);

    // The floor made the same variants with plain sharp.
    expect(report.floor.variants).toBe(cold.imageVariants.made);
    expect(report.floor.seconds).toBeGreaterThan(0);
    expect(report.ratios.coldImageToFloor).toBeGreaterThan(0);
    expect(report.ratios.editToFull).toBeGreaterThan(0);
  });
});
