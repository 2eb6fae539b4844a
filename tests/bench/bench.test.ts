import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hugoMissing } from '../../scripts/dev/bench/hugo.ts';
import { PROJECT_ROOT } from '../helpers/project-copy.ts';

/**
 * Runs the benchmark with `args` (options separated by spaces) into a new temporary folder, expects it to succeed and returns its
 * printed tables, its JSON report and the folder (for the caller to remove).
 */
async function runBench(prefix: string, args: string) {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  const out = path.join(dir, 'bench.json');
  const result = spawnSync(process.execPath, ['scripts/dev/bench.ts', ...args.split(' '), '--dir', dir, '--out', out], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    timeout: 580_000,
  });
  // On failure the bench says what went wrong (for --dev, what the server answered) and prints its last lines.
  expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
  return { dir, stdout: result.stdout, report: JSON.parse(await readFile(out, 'utf8')) };
}

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
    const { dir, stdout, report } = await runBench('blog-bench-test-', '--posts 20');
    outDir = dir;
    expect(stdout).toMatch(/\| cold +\|/);

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

  it.each([
    [['--help'], /^npm run bench: Unknown option '--help'/],
    [['--posts'], /^npm run bench: Option '--posts <value>' argument missing/],
    [['--posts', 'many'], /^npm run bench: --posts must be a whole number of at least 2, not "many"$/],
    [['--runs', 'warm'], /^npm run bench: --runs must include cold/],
    [['--runs', 'cold,hot'], /^npm run bench: --runs takes cold, warm, full and edit, not "hot"$/],
    [['--dev-timeout', 'soon'], /^npm run bench: --dev-timeout must be a number of seconds, not "soon"$/],
  ])('%j is refused in one line that says what to give, with no stack trace', (args, message) => {
    const result = spawnSync(process.execPath, ['scripts/dev/bench.ts', ...args], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('--vs-hugo without Hugo says how to install it, in one line', () => {
    const result = spawnSync(process.execPath, ['scripts/dev/bench.ts', '--posts', '20', '--vs-hugo'], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      env: { ...process.env, HUGO: '/nonexistent/hugo' },
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toMatch(/^--vs-hugo needs Hugo.*apt-get install -y hugo/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  // The dev server inherits this test's environment: under VITEST Astro leaves its page handler out
  // (a server that listens and answers "Cannot GET"), so the bench's dev run must clear it.
  it('--dev starts astro dev twice on the warm caches, times the first article and a saved edit', { timeout: 600_000 }, async () => {
    const { dir, stdout, report } = await runBench('blog-bench-dev-test-', '--posts 6 --runs cold --no-floor --dev --dev-timeout 150');
    try {
      expect(stdout).toMatch(/\| dev start +\|/);
      expect(report.dev.map((row: { start: string }) => row.start)).toEqual(['first', 'again']);
      for (const row of report.dev) {
        expect(row.firstArticleSeconds).toBeGreaterThan(0);
        // Within the timeout, so the page showed the saved edit.
        expect(row.editShownSeconds).toBeGreaterThan(0);
        expect(row.editShownSeconds).toBeLessThan(150);
        expect(row.peakRssMB).toBeGreaterThan(50);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  // Not skipped without Hugo: .ci/run installs it, and a missing Hugo fails here saying how to install it.
  it('--vs-hugo builds the same posts with Hugo, cold and warm, and gives time per page for both', { timeout: 600_000 }, async () => {
    expect(hugoMissing()).toBeNull();
    const { dir, stdout, report } = await runBench('blog-bench-hugo-test-', '--posts 20 --runs cold,warm --no-floor --vs-hugo --keep');
    try {
      expect(stdout).toMatch(/\| Hugo run +\|/);
      const [cold, warm] = report.rows;
      const [hugoCold, hugoWarm] = report.hugo.rows;
      expect(report.hugo.version).toMatch(/^hugo v\d/);
      expect([hugoCold.run, hugoWarm.run]).toEqual(['cold', 'warm']);
      // Hugo made the same four widths of the same 24 images, once.
      expect(hugoCold.variantsMade).toBe(cold.imageVariants.made);
      expect(hugoWarm.variantsMade).toBe(0);
      // The same page types: within a few pages of the blog's count.
      for (const row of report.hugo.rows) expect(Math.abs(row.pages - cold.pages)).toBeLessThan(cold.pages * 0.05);
      expect(report.hugo.comparison.map((c: { run: string }) => c.run)).toEqual(['cold', 'warm']);
      for (const c of report.hugo.comparison) {
        // Within 2%: the times per page are rounded to 0.01 ms, and Hugo's can be under 1 ms.
        expect(Math.abs(c.ratio / (c.blogMsPerPage / c.hugoMsPerPage) - 1)).toBeLessThan(0.02);
        expect(c.hugoMsPerPage).toBeGreaterThan(0);
      }
      expect(report.hugo.comparison[1].blogMsPerPage).toBeCloseTo((warm.seconds * 1000) / warm.pages, 1);

      const site = path.join(
        dir,
        (await readdir(dir)).find((name) => name.endsWith('-hugo'))!,
        'public',
      );
      const files = new Set((await readdir(site, { recursive: true })).map((file) => file.split(path.sep).join('/')));
      for (const file of ['index.xml', 'sitemap.xml', 'blog/page/2/index.html', 'tags/index.html', 'categories/index.html'])
        expect(files, file).toContain(file);
      expect([...files].filter((file) => /^categories\/[^/]+\/index\.xml$/.test(file)).length).toBeGreaterThan(3);
      expect([...files].some((file) => /^tags\/[^/]+\/index\.xml$/.test(file))).toBe(false);
      expect([...files].filter((file) => /^authors\/[^/]+\/index\.html$/.test(file)).length).toBeGreaterThan(3);
      const article = [...files].find((file) => /^blog\/[^/]+\/index\.html$/.test(file) && !file.startsWith('blog/page/'))!;
      const html = await readFile(path.join(site, article), 'utf8');
      const hero = /<img[^>]*fetchpriority="high"[^>]*>/.exec(html)?.[0] ?? '';
      const srcset = /srcset="([^"]+)"/.exec(hero)?.[1] ?? '';
      expect(srcset.split(', ').map((candidate) => candidate.split(' ')[1])).toEqual(['480w', '800w', '1200w', '1600w']);
      expect(srcset).toMatch(/\.webp 480w/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
