/**
 * Hugo's side of `npm run bench -- --vs-hugo`: builds the site hugo-site.ts wrote, cold (no
 * public/, no processed images, no Hugo cache) or warm (processed images and cache kept,
 * public/ written afresh, as the blog's warm build writes a new dist/), and compares time
 * per page with the blog's builds of the same run.
 */
import { envValue } from '#src/lib/build/environment.ts';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { loadavg } from 'node:os';
import path from 'node:path';
import { measure } from './measure.ts';

export interface HugoRow {
  run: 'cold' | 'warm';
  seconds: number;
  /** HTML pages in public/ after the build. */
  pages: number;
  /** Image variants written into Hugo's resource cache by this build (0 on a warm build). */
  variantsMade: number;
  cpuSeconds: number | null;
  peakRssMB: number;
  loadBefore: number;
}

export interface Comparison {
  run: 'cold' | 'warm';
  blogMsPerPage: number;
  hugoMsPerPage: number;
  /** The blog's time per page over Hugo's. */
  ratio: number;
}

const TIME = '/usr/bin/time';
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The Hugo command: `HUGO` from the environment, else `hugo` on the PATH. */
export const hugoCommand = () => envValue('HUGO') ?? 'hugo';

/** Null when Hugo runs; otherwise a one-line message saying how to install it. */
export function hugoMissing(command = hugoCommand()): string | null {
  const result = spawnSync(command, ['version'], { encoding: 'utf8' });
  if (result.status === 0 && /hugo v\d/i.test(result.stdout)) return null;
  return `--vs-hugo needs Hugo, and "${command} version" did not run: install it with \`apt-get install -y hugo\` (Debian/Ubuntu; the extended build, for webp), or point HUGO at the binary.`;
}

/** The first line of `hugo version`, for the report. */
export function hugoVersion(command = hugoCommand()): string {
  return spawnSync(command, ['version'], { encoding: 'utf8' }).stdout.trim().split('\n')[0] ?? '';
}

/**
 * HTML pages Hugo wrote, not counting the redirect stub it writes at `<listing>/page/1/` for
 * every paginated listing (Hugo 0.111 writes them even with `disableAliases`; the blog has none).
 */
export function isHugoPage(relativePath: string): boolean {
  return relativePath.endsWith('.html') && !/(^|\/)page\/1\/index\.html$/.test(relativePath.split(path.sep).join('/'));
}

async function countFiles(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).length;
}

async function countHtml(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile() && isHugoPage(path.relative(dir, path.join(entry.parentPath, entry.name)))).length;
}

export async function hugoBuild(siteDir: string, run: HugoRow['run'], echo = false): Promise<HugoRow> {
  await rm(path.join(siteDir, 'public'), { recursive: true, force: true });
  if (run === 'cold') {
    await rm(path.join(siteDir, 'resources'), { recursive: true, force: true });
    await rm(path.join(siteDir, '.hugo-cache'), { recursive: true, force: true });
  }
  // Hugo's own "Processed images" figure counts variants taken from its cache too.
  const variantsBefore = await countFiles(path.join(siteDir, 'resources/_gen/images'));
  const loadBefore = round(loadavg()[0]!);
  const timeFile = path.join(siteDir, '.hugo-time.txt');
  const hugo = ['--source', siteDir, '--cacheDir', path.join(siteDir, '.hugo-cache')];
  const gnuTime = existsSync(TIME);
  const [command, args] = gnuTime ? [TIME, ['-f', '%U %S', '-o', timeFile, hugoCommand(), ...hugo]] : [hugoCommand(), hugo];
  const result = await measure(command, args, { cwd: siteDir, env: process.env, echo });
  if (result.status !== 0) throw new Error(`The ${run} Hugo build failed:\n${result.output.split('\n').slice(-40).join('\n')}`);
  const cpu = gnuTime ? (await readFile(timeFile, 'utf8')).trim().split(/\s+/).slice(-2).map(Number) : [];
  return {
    run,
    seconds: round(result.seconds),
    pages: await countHtml(path.join(siteDir, 'public')),
    variantsMade: (await countFiles(path.join(siteDir, 'resources/_gen/images'))) - variantsBefore,
    cpuSeconds: cpu.length === 2 && cpu.every(Number.isFinite) ? round(cpu[0]! + cpu[1]!) : null,
    peakRssMB: Math.round(result.peakRss / 2 ** 20),
    loadBefore,
  };
}

/** Time per page of the blog's and Hugo's builds of each kind both ran, and the ratio. */
export function compareWithHugo(blog: Array<{ run: string; seconds: number; pages: number }>, hugo: HugoRow[]): Comparison[] {
  return hugo.flatMap((row) => {
    const ours = blog.find((b) => b.run === row.run);
    if (!ours || ours.pages === 0 || row.pages === 0) return [];
    const blogMsPerPage = (ours.seconds * 1000) / ours.pages;
    const hugoMsPerPage = (row.seconds * 1000) / row.pages;
    return [
      {
        run: row.run,
        blogMsPerPage: round(blogMsPerPage),
        hugoMsPerPage: round(hugoMsPerPage),
        ratio: round(blogMsPerPage / hugoMsPerPage),
      },
    ];
  });
}

export function hugoTable(rows: HugoRow[], comparison: Comparison[]): string {
  const header = ['Hugo run', 'wall s', 'pages', 'variants made', 'CPU s', 'peak RSS MB', 'load', 'blog ms/page', 'Hugo ms/page', 'ratio'];
  const cell = (value: number | null | undefined, digits = 0) => (value === null || value === undefined ? '-' : value.toFixed(digits));
  const body = rows.map((row) => {
    const c = comparison.find((entry) => entry.run === row.run);
    return [
      row.run,
      cell(row.seconds, 1),
      cell(row.pages),
      cell(row.variantsMade),
      cell(row.cpuSeconds),
      cell(row.peakRssMB),
      cell(row.loadBefore, 1),
      cell(c?.blogMsPerPage, 2),
      cell(c?.hugoMsPerPage, 2),
      c ? `${c.ratio.toFixed(2)}x` : '-',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...body.map(line)].join('\n');
}
