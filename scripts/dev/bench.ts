/**
 * `npm run bench -- --posts 1000 [--images]`
 *
 * Builds a synthetic blog of N posts (scripts/dev/bench/corpus.ts) in a temporary
 * copy of this project and measures, each as a separate `scripts/build.ts`
 * process (what `npm run build` runs):
 *
 *   cold   no caches, no dist/
 *   warm   the same again, every cache kept (unchanged pages are copied from
 *          Astro's incremental page cache)
 *   full   every cache kept except the page cache, so every page is rendered
 *          (posts' HTML, images and cards still come from the caches)
 *   edit   one post's body changed, then built on the warm caches
 *   floor  the variants the cold build made, made again by a plain sharp
 *          script on every core (scripts/dev/bench/floor.ts), in the same run
 *
 * For each: wall time, HTML pages written (and how many any route outputs
 * were copied from the page cache), pages/s, image variants made and reused
 * with the wall time during which encoding ran, social cards drawn, CPU time
 * and the peak resident memory of the whole process tree. Prints a table and
 * the same figures as JSON.
 *
 * Options: --images (distinct images per post; otherwise 12 shared heroes and
 * 12 shared inline images), --out file.json, --keep (keep the project copy),
 * --echo (show build output), --no-floor, --dir <folder> (where the copy goes;
 * default the OS temp folder), --corpus-only (write the copy, build nothing),
 * --runs cold,warm (which builds to run, in this order; default all four),
 * --vs-hugo (the same corpus built by Hugo in the same run, cold after the
 * cold build and warm after the warm one; scripts/dev/bench/hugo.ts),
 * --dev (after the builds, `astro dev` started twice on their warm caches: time
 * to the first article, time for a saved edit to show, peak memory;
 * scripts/dev/bench/dev-server.ts), --dev-timeout <s> (how long each dev
 * measurement may wait for an answer; default 600).
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { dropPageCache } from '../../integrations/build-steps.ts';
import { writeCorpus, type CorpusPost } from './bench/corpus.ts';
import { compareWithHugo, hugoBuild, hugoMissing, hugoTable, hugoVersion, type HugoRow } from './bench/hugo.ts';
import { measureDev, type DevRow } from './bench/dev-server.ts';
import { writeHugoSite } from './bench/hugo-site.ts';
import { measure, type Measured } from './bench/measure.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const NODE = process.execPath;
const CODE = ['astro.config.ts', 'tsconfig.json', 'package.json', 'package-lock.json', 'integrations', 'scripts', 'src', 'tools', 'public'];
const CACHE = '.cache/astro';
const TIME = '/usr/bin/time';

/** A bad option ends the benchmark in one line that says what to give instead, not a stack trace. */
function usageError(message: string): never {
  console.error(`npm run bench: ${message}`);
  process.exit(2);
}

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        posts: { type: 'string', default: '1000' },
        images: { type: 'boolean', default: false },
        out: { type: 'string' },
        keep: { type: 'boolean', default: false },
        echo: { type: 'boolean', default: false },
        'no-floor': { type: 'boolean', default: false },
        dir: { type: 'string' },
        'corpus-only': { type: 'boolean', default: false },
        runs: { type: 'string', default: 'cold,warm,full,edit' },
        'vs-hugo': { type: 'boolean', default: false },
        dev: { type: 'boolean', default: false },
        'dev-timeout': { type: 'string', default: '600' },
      },
    });
  } catch (error) {
    // parseArgs names the option: "Unknown option '--help'", "Option '--posts <value>' argument missing".
    usageError(`${(error as Error).message}. The options are listed at the top of scripts/dev/bench.ts.`);
  }
})();
if (values['vs-hugo']) {
  const missing = hugoMissing();
  if (missing) {
    console.error(missing);
    process.exit(1);
  }
}
const runs = new Set(values.runs.split(',').map((run) => run.trim()));
for (const run of runs)
  if (!['cold', 'warm', 'full', 'edit'].includes(run)) usageError(`--runs takes cold, warm, full and edit, not "${run}"`);
if (!runs.has('cold')) usageError('--runs must include cold: the other builds start from its caches');
const devTimeout = Number(values['dev-timeout']);
if (!(devTimeout > 0)) usageError(`--dev-timeout must be a number of seconds, not "${values['dev-timeout']}"`);
const postCount = Number(values.posts);
if (!Number.isInteger(postCount) || postCount < 2) usageError(`--posts must be a whole number of at least 2, not "${values.posts}"`);

export interface BuildRow {
  run: 'cold' | 'warm' | 'full' | 'edit';
  seconds: number;
  /** HTML pages in dist/ after the build. */
  pages: number;
  /** Route outputs (pages, feeds) Astro copied from its incremental cache instead of rendering. */
  pagesCopied: number;
  pagesPerSecond: number;
  /** Referenced, made in this build, reused; seconds of the build hook; wall seconds during which any encoding ran. */
  imageVariants: { referenced: number; made: number; reused: number; seconds: number; encodingSeconds: number | null } | null;
  socialCards: { total: number; drawn: number; reused: number; seconds: number } | null;
  /** User + system CPU seconds of the whole process tree (GNU time), when available. */
  cpuSeconds: number | null;
  peakRssMB: number;
  /** 1-minute load average when the build started: other work on the machine shows here. */
  loadBefore: number;
  /** Seconds since start at which each build phase ended, from the build's own log. */
  phases: Record<string, number>;
  /** Peak tree RSS (MB) within each phase (sampled every 100 ms, recorded once a second). */
  peakRssByPhaseMB: Record<string, number>;
}

export interface FloorRow {
  seconds: number;
  variants: number;
  peakRssMB: number;
}

const log = (text: string) => console.error(text);
const round = (n: number) => Math.round(n * 100) / 100;

async function makeCopy(): Promise<string> {
  const parent = values.dir ? path.resolve(values.dir) : tmpdir();
  await mkdir(parent, { recursive: true });
  const root = await mkdtemp(path.join(parent, `blog-bench-${postCount}-`));
  for (const entry of CODE) {
    if (!existsSync(path.join(ROOT, entry))) continue;
    await cp(path.join(ROOT, entry), path.join(root, entry), {
      recursive: true,
      // The sample site's posts, author profiles and category intros stay out: the corpus is the
      // whole site, so the Hugo comparison builds the same pages and images.
      filter: (source) => !['blog', 'authors', 'categories'].some((dir) => source.startsWith(path.join(ROOT, 'src/content', dir))),
    });
  }
  await mkdir(path.join(root, 'src/content/blog'), { recursive: true });
  await symlink(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  return root;
}

async function countHtml(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.html')).length;
}

/** When each phase of the build ended: the first log line after the previous phase's that shows it. */
function phases(result: Measured): Record<string, number> {
  const markers: Array<[string, RegExp]> = [
    ['checked', /\[content\]|\[vite\]|\[config\]|\[content-cache\]/],
    ['contentSynced', /Synced content/],
    ['bundled', /generating static routes/],
    ['rendered', /✓ Completed in/],
    ['sitemap', /\[@astrojs\/sitemap\]/],
    ['images', /image variants:/],
    ['cards', /social cards:/],
    ['search', /\[search-index\] search index/],
    ['astroDone', /\[build\] Complete!/],
    ['done', /Site written/],
  ];
  const found: Record<string, number> = {};
  let from = 0;
  for (const [name, pattern] of markers) {
    const index = result.lines.findIndex((line, i) => i >= from && pattern.test(line.text));
    if (index === -1) continue;
    found[name] = round(result.lines[index]!.at);
    from = index + 1;
  }
  return found;
}

const buildEnv = (): NodeJS.ProcessEnv => ({ ...process.env, NO_COLOR: '1', ASTRO_TELEMETRY_DISABLED: '1' });

function devTable(rows: Array<DevRow & { start: string }>): string {
  const header = ['dev start', 'first article s', 'edit shown s', 'peak RSS MB', 'load'];
  const body = rows.map((r) => [
    r.start,
    r.firstArticleSeconds.toFixed(2),
    r.editShownSeconds.toFixed(2),
    String(r.peakRssMB),
    r.loadBefore.toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...body.map(line)].join('\n');
}

async function build(root: string, run: BuildRow['run']): Promise<BuildRow> {
  log(`  ${run} build…`);
  const loadBefore = round(loadavg()[0]!);
  const timeFile = path.join(root, '.cache/bench-time.txt');
  await mkdir(path.dirname(timeFile), { recursive: true });
  const gnuTime = existsSync(TIME);
  const [command, args] = gnuTime ? [TIME, ['-f', '%U %S', '-o', timeFile, NODE, 'scripts/build.ts']] : [NODE, ['scripts/build.ts']];
  const result = await measure(command, args, {
    cwd: root,
    env: { ...buildEnv(), BLOG_CACHE_DIR: CACHE },
    echo: values.echo,
  });
  if (result.status !== 0) throw new Error(`The ${run} build failed:\n${result.output.split('\n').slice(-40).join('\n')}`);
  const pages = await countHtml(path.join(root, 'dist'));
  const images = /(\d+) image variants: (\d+) made, (\d+) reused[^\n]* in ([\d.]+)s(?: \(encoding: ([\d.]+)s\))?/.exec(result.output);
  const cards = /(\d+) social cards: (\d+) drawn, (\d+) reused[^\n]* in ([\d.]+)s/.exec(result.output);
  const cpu = gnuTime ? (await readFile(timeFile, 'utf8')).trim().split(/\s+/).slice(-2).map(Number) : [];
  const row: BuildRow = {
    run,
    seconds: round(result.seconds),
    pages,
    pagesCopied: result.lines.filter((line) => /\((?:cached|restored)\)\s*$/.test(line.text)).length,
    pagesPerSecond: Math.round(pages / result.seconds),
    imageVariants: images
      ? {
          referenced: Number(images[1]),
          made: Number(images[2]),
          reused: Number(images[3]),
          seconds: Number(images[4]),
          encodingSeconds: images[5] === undefined ? null : Number(images[5]),
        }
      : null,
    socialCards: cards ? { total: Number(cards[1]), drawn: Number(cards[2]), reused: Number(cards[3]), seconds: Number(cards[4]) } : null,
    cpuSeconds: cpu.length === 2 && cpu.every(Number.isFinite) ? round(cpu[0]! + cpu[1]!) : null,
    peakRssMB: Math.round(result.peakRss / 2 ** 20),
    loadBefore,
    phases: phases(result),
    peakRssByPhaseMB: {},
  };
  let from = 0;
  for (const [name, end] of Object.entries(row.phases)) {
    const inPhase = result.timeline.filter(([at]) => at > from && at <= end + 1).map(([, rss]) => rss);
    if (inPhase.length > 0) row.peakRssByPhaseMB[name] = Math.round(Math.max(...inPhase) / 2 ** 20);
    from = end;
  }
  log(
    `    ${row.seconds}s, ${pages} pages (${row.pagesCopied} outputs copied), ${row.pagesPerSecond} pages/s, peak RSS ${row.peakRssMB} MB`,
  );
  return row;
}

/** Drops Astro's incremental page cache (its manifest and page copies), nothing else. */
async function dropPageCacheOf(root: string): Promise<void> {
  await dropPageCache(path.join(root, CACHE));
  await rm(path.join(root, CACHE, 'dist'), { recursive: true, force: true });
}

/** Changes one paragraph of one post's body (not its title, tags or date). */
async function editOnePost(root: string, posts: CorpusPost[]): Promise<string> {
  const post = posts[Math.floor(posts.length / 2)]!;
  const file = path.join(root, post.file);
  const text = await readFile(file, 'utf8');
  const at = text.indexOf('\n## ');
  await writeFile(file, `${text.slice(0, at)}\n\nThis paragraph was added by the benchmark's one-post edit.\n${text.slice(at)}`);
  return post.file;
}

/** The variants the build published, made again by the plain-sharp script. */
async function floor(root: string): Promise<FloorRow> {
  const cacheDir = path.join(root, CACHE, 'blog-images');
  const manifest = JSON.parse(await readFile(path.join(cacheDir, 'manifest.json'), 'utf8')) as Record<
    string,
    { source: string; width: number }
  >;
  const published = new Set(await readdir(path.join(root, 'dist/_img')));
  const jobs = Object.entries(manifest)
    .filter(([name]) => published.has(name))
    .map(([, job]) => ({ source: job.source, width: job.width }));
  const jobsFile = path.join(root, '.cache/floor-jobs.json');
  await writeFile(jobsFile, JSON.stringify(jobs));
  log(`  floor: ${jobs.length} variants with plain sharp on ${availableParallelism()} cores…`);
  const result = await measure(NODE, [path.join(ROOT, 'scripts/dev/bench/floor.ts'), jobsFile, path.join(root, '.cache/floor-out')], {
    cwd: ROOT,
    env: process.env,
  });
  if (result.status !== 0) throw new Error(`The floor script failed:\n${result.output}`);
  const parsed = JSON.parse(result.lines.at(-1)!.text) as { seconds: number; variants: number };
  await rm(path.join(root, '.cache/floor-out'), { recursive: true, force: true });
  log(`    ${round(parsed.seconds)}s for ${parsed.variants} variants`);
  return { seconds: round(parsed.seconds), variants: parsed.variants, peakRssMB: Math.round(result.peakRss / 2 ** 20) };
}

function machine() {
  return {
    nproc: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown',
    ramGB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

function table(rows: BuildRow[], floorRow: FloorRow | null): string {
  const header = [
    'run',
    'wall s',
    'pages',
    'copied',
    'pages/s',
    'variants made',
    'reused',
    'encoding s',
    'cards drawn',
    'CPU s',
    'peak RSS MB',
    'load',
  ];
  const cell = (value: number | null | undefined, digits = 0) => (value === null || value === undefined ? '-' : value.toFixed(digits));
  const body = rows.map((row) => [
    row.run,
    cell(row.seconds, 1),
    cell(row.pages),
    cell(row.pagesCopied),
    cell(row.pagesPerSecond),
    cell(row.imageVariants?.made),
    cell(row.imageVariants?.reused),
    cell(row.imageVariants?.encodingSeconds, 1),
    cell(row.socialCards?.drawn),
    cell(row.cpuSeconds, 0),
    cell(row.peakRssMB),
    cell(row.loadBefore, 1),
  ]);
  if (floorRow)
    body.push([
      'floor (plain sharp)',
      cell(floorRow.seconds, 1),
      '-',
      '-',
      '-',
      cell(floorRow.variants),
      '-',
      cell(floorRow.seconds, 1),
      '-',
      '-',
      cell(floorRow.peakRssMB),
      '-',
    ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...body.map(line)].join('\n');
}

const started = new Date();
log(`Benchmark: ${postCount} posts, ${values.images ? 'distinct images per post' : 'shared images'}`);
const root = await makeCopy();
log(`  project copy: ${root}`);
const writing = performance.now();
const corpus = await writeCorpus(root, { posts: postCount, images: values.images, imageCache: path.join(ROOT, '.cache/bench/images') });
log(
  `  corpus written in ${round((performance.now() - writing) / 1000)}s (${corpus.imagesDrawn} images drawn, the rest from .cache/bench/images)`,
);

// Outside the project copy, so neither build sees the other's files.
const hugoSite = values['vs-hugo'] ? `${root}-hugo` : null;
if (hugoSite) {
  await writeHugoSite(root, hugoSite, corpus.posts);
  log(`  Hugo site: ${hugoSite}`);
}

if (values['corpus-only']) {
  console.log(root);
  process.exit(0);
}

try {
  const hugoRows: HugoRow[] = [];
  // Each Hugo build right after the blog's of the same kind, so both meet the same load.
  const hugo = async (run: HugoRow['run']) => {
    if (!hugoSite) return;
    log(`  Hugo ${run} build…`);
    const row = await hugoBuild(hugoSite, run, values.echo);
    log(`    ${row.seconds}s, ${row.pages} pages, ${row.variantsMade} variants made, peak RSS ${row.peakRssMB} MB`);
    hugoRows.push(row);
  };
  const cold = await build(root, 'cold');
  await hugo('cold');
  const floorRow = values['no-floor'] ? null : await floor(root);
  const rows: BuildRow[] = [cold];
  if (runs.has('warm')) {
    rows.push(await build(root, 'warm'));
    await hugo('warm');
  }
  if (runs.has('full')) {
    await dropPageCacheOf(root);
    rows.push(await build(root, 'full'));
  }
  const edited = runs.has('edit') ? await editOnePost(root, corpus.posts) : null;
  if (edited) rows.push(await build(root, 'edit'));
  const devRows: Array<DevRow & { start: 'first' | 'again' }> = [];
  if (values.dev) {
    // A post from the first third, so not the one the edit build changed.
    const post = corpus.posts[Math.floor(corpus.posts.length / 3)]!;
    for (const start of ['first', 'again'] as const) {
      log(`  dev server (${start} start)…`);
      const dev = await measureDev(root, post, {
        env: { ...buildEnv(), BLOG_CACHE_DIR: CACHE },
        echo: values.echo,
        timeoutMs: devTimeout * 1000,
      });
      log(`    first article ${dev.firstArticleSeconds}s, edit shown ${dev.editShownSeconds}s, peak RSS ${dev.peakRssMB} MB`);
      devRows.push({ start, ...dev });
    }
  }
  const row = (run: BuildRow['run']) => rows.find((r) => r.run === run);
  const [warm, full, edit] = [row('warm'), row('full'), row('edit')];
  const encoding = cold.imageVariants?.encodingSeconds ?? null;
  const vsHugo = hugoSite ? compareWithHugo(rows, hugoRows) : null;
  const report = {
    date: started.toISOString(),
    command: `npm run bench -- --posts ${postCount}${values.images ? ' --images' : ''}${values.runs === 'cold,warm,full,edit' ? '' : ` --runs ${values.runs}`}${hugoSite ? ' --vs-hugo' : ''}${values.dev ? ' --dev' : ''}`,
    machine: machine(),
    posts: postCount,
    images: values.images ? 'distinct' : 'shared',
    editedPost: edited,
    rows,
    floor: floorRow,
    dev: values.dev ? devRows : null,
    hugo: hugoSite ? { version: hugoVersion(), rows: hugoRows, comparison: vsHugo } : null,
    ratios: {
      /** Cold build's image encoding wall time over the plain-sharp floor's. */
      coldImageToFloor: floorRow && encoding !== null && floorRow.seconds > 0 ? round(encoding / floorRow.seconds) : null,
      /** One-post edit over a full build on a warm cache. */
      editToFull: edit && full ? round(edit.seconds / full.seconds) : null,
      /** One-post edit over an unchanged rebuild. */
      editToWarm: edit && warm ? round(edit.seconds / warm.seconds) : null,
    },
  };
  console.log(table(rows, floorRow));
  if (vsHugo) console.log(`\n${hugoTable(hugoRows, vsHugo)}`);
  if (devRows.length > 0) console.log(`\n${devTable(devRows)}`);
  const summary = [
    ...(warm ? [`warm ${warm.pagesPerSecond} pages/s`] : []),
    ...(full ? [`full ${full.pagesPerSecond} pages/s`] : []),
    ...(report.ratios.editToFull !== null ? [`edit/full ${Math.round(report.ratios.editToFull * 100)}%`] : []),
    ...(report.ratios.coldImageToFloor !== null ? [`cold image encoding / plain-sharp floor ${report.ratios.coldImageToFloor}x`] : []),
    ...devRows.map((dev) => `dev (${dev.start} start): first article ${dev.firstArticleSeconds}s, edit shown ${dev.editShownSeconds}s`),
    ...(vsHugo ?? []).map((c) => `${c.run} time per page / Hugo's ${c.ratio}x`),
  ];
  console.log(`\n${summary.join(' · ')}`);
  console.log(`\n${JSON.stringify(report, null, 2)}`);
  if (values.out) await writeFile(values.out, `${JSON.stringify(report, null, 2)}\n`);
} finally {
  if (!values.keep) {
    await rm(root, { recursive: true, force: true });
    if (hugoSite) await rm(hugoSite, { recursive: true, force: true });
  } else log(`  kept ${root}${hugoSite ? ` and ${hugoSite}` : ''}`);
}
