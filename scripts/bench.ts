/**
 * `npm run bench -- --posts 1000 [--images]`
 *
 * Builds a synthetic blog of N posts (scripts/bench/corpus.ts) in a temporary
 * copy of this project and measures, each as a separate `scripts/build.ts`
 * process (what `npm run build` runs):
 *
 *   cold   no caches, no dist/
 *   warm   the same again, every cache kept
 *   edit   one post's body changed, then built again
 *   floor  the variants the cold build made, made again by a plain sharp
 *          script on every core (scripts/bench/floor.ts)
 *
 * For each: wall time, HTML pages written, pages/s, image variants made and
 * reused, social cards drawn, and the peak resident memory of the whole
 * process tree. Prints a table and the same figures as JSON.
 *
 * Options: --images (distinct images per post; otherwise 12 shared ones),
 * --out file.json, --keep (keep the project copy), --echo (show build output),
 * --no-floor.
 */
import { cp, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { cpus, availableParallelism, totalmem, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeCorpus, type CorpusPost } from './bench/corpus.ts';
import { measure, type Measured } from './bench/measure.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const NODE = process.execPath;
const CODE = ['astro.config.ts', 'tsconfig.json', 'package.json', 'package-lock.json', 'integrations', 'scripts', 'src', 'public'];

const { values } = parseArgs({
  options: {
    posts: { type: 'string', default: '1000' },
    images: { type: 'boolean', default: false },
    out: { type: 'string' },
    keep: { type: 'boolean', default: false },
    echo: { type: 'boolean', default: false },
    'no-floor': { type: 'boolean', default: false },
  },
});
const postCount = Number(values.posts);
if (!Number.isInteger(postCount) || postCount < 2) throw new Error(`--posts must be a whole number of at least 2, not "${values.posts}"`);

export interface BuildRow {
  run: 'cold' | 'warm' | 'edit';
  seconds: number;
  pages: number;
  pagesPerSecond: number;
  imageVariants: { referenced: number; made: number; reused: number; seconds: number } | null;
  socialCards: { total: number; drawn: number; reused: number; seconds: number } | null;
  peakRssMB: number;
  /** Seconds since start at which each build phase ended, from the build's own log. */
  phases: Record<string, number>;
}

const log = (text: string) => console.error(text);

async function makeCopy(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), `blog-bench-${postCount}-`));
  for (const entry of CODE) {
    await cp(path.join(ROOT, entry), path.join(root, entry), {
      recursive: true,
      filter: (source) => !source.startsWith(path.join(ROOT, 'src/content/blog')),
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

/** When each phase of `scripts/build.ts` ended, from the first log line that shows it. */
function phases(result: Measured): Record<string, number> {
  const markers: Array<[string, RegExp]> = [
    ['checked', /Syncing content|\[content\]/],
    ['contentSynced', /Synced content/],
    ['bundled', /generating static routes/],
    ['rendered', /Completed in|\[build\] Rearranging|\[@astrojs\/sitemap\]/],
    ['imagesDone', /image variants:/],
    ['cardsDone', /social cards:/],
    ['done', /Site written/],
  ];
  const found: Record<string, number> = {};
  for (const [name, pattern] of markers) {
    const line = result.lines.find((l) => pattern.test(l.text));
    if (line) found[name] = Math.round(line.at * 100) / 100;
  }
  return found;
}

async function build(root: string, run: BuildRow['run']): Promise<BuildRow> {
  log(`  ${run} build…`);
  const result = await measure(NODE, ['scripts/build.ts'], {
    cwd: root,
    env: { ...process.env, BLOG_CACHE_DIR: '.cache/astro', NO_COLOR: '1', ASTRO_TELEMETRY_DISABLED: '1' },
    echo: values.echo,
  });
  if (result.status !== 0) throw new Error(`The ${run} build failed:\n${result.output.split('\n').slice(-40).join('\n')}`);
  const pages = await countHtml(path.join(root, 'dist'));
  const images = /(\d+) image variants: (\d+) made, (\d+) reused[^\n]* in ([\d.]+)s/.exec(result.output);
  const cards = /(\d+) social cards: (\d+) drawn, (\d+) reused[^\n]* in ([\d.]+)s/.exec(result.output);
  const row: BuildRow = {
    run,
    seconds: round(result.seconds),
    pages,
    pagesPerSecond: Math.round(pages / result.seconds),
    imageVariants: images
      ? { referenced: Number(images[1]), made: Number(images[2]), reused: Number(images[3]), seconds: Number(images[4]) }
      : null,
    socialCards: cards ? { total: Number(cards[1]), drawn: Number(cards[2]), reused: Number(cards[3]), seconds: Number(cards[4]) } : null,
    peakRssMB: Math.round(result.peakRss / 2 ** 20),
    phases: phases(result),
  };
  log(`    ${row.seconds}s, ${pages} pages, ${row.pagesPerSecond} pages/s, peak RSS ${row.peakRssMB} MB`);
  return row;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Changes one paragraph of one post's body (not its title, tags or date). */
async function editOnePost(root: string, posts: CorpusPost[]): Promise<string> {
  const post = posts[Math.floor(posts.length / 2)]!;
  const file = path.join(root, post.file);
  const text = await readFile(file, 'utf8');
  const marker = '\n## ';
  const at = text.indexOf(marker);
  await writeFile(file, `${text.slice(0, at)}\n\nThis paragraph was added by the benchmark's one-post edit at ${new Date().toISOString()}.\n${text.slice(at)}`);
  return post.file;
}

/** The variants the cold build made, as jobs for the plain-sharp floor. */
async function floor(root: string): Promise<{ seconds: number; variants: number; peakRssMB: number }> {
  const cacheDir = path.join(root, '.cache/astro/blog-images');
  const manifest = JSON.parse(await readFile(path.join(cacheDir, 'manifest.json'), 'utf8')) as Record<string, { source: string; width: number }>;
  const published = new Set(await readdir(path.join(root, 'dist/_img')));
  const jobs = Object.entries(manifest)
    .filter(([name]) => published.has(name))
    .map(([, job]) => ({ source: job.source, width: job.width }));
  const jobsFile = path.join(root, '.cache/floor-jobs.json');
  await writeFile(jobsFile, JSON.stringify(jobs));
  log(`  floor: ${jobs.length} variants with plain sharp on ${availableParallelism()} cores…`);
  const result = await measure(NODE, [path.join(ROOT, 'scripts/bench/floor.ts'), jobsFile, path.join(root, '.cache/floor-out')], {
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
  const cpu = cpus()[0]?.model ?? 'unknown';
  return { nproc: availableParallelism(), cpu, ramGB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: `${process.platform} ${process.arch}` };
}

function table(rows: BuildRow[], floorRow: Awaited<ReturnType<typeof floor>> | null): string {
  const header = ['run', 'wall s', 'pages', 'pages/s', 'variants made', 'variants reused', 'image s', 'cards drawn', 'peak RSS MB'];
  const body = rows.map((row) => [
    row.run,
    row.seconds.toFixed(2),
    String(row.pages),
    String(row.pagesPerSecond),
    String(row.imageVariants?.made ?? '-'),
    String(row.imageVariants?.reused ?? '-'),
    row.imageVariants ? row.imageVariants.seconds.toFixed(2) : '-',
    String(row.socialCards?.drawn ?? '-'),
    String(row.peakRssMB),
  ]);
  if (floorRow) body.push(['floor (plain sharp)', floorRow.seconds.toFixed(2), '-', '-', String(floorRow.variants), '-', floorRow.seconds.toFixed(2), '-', String(floorRow.peakRssMB)]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [line(header), `|${widths.map((w, i) => (i === 0 ? `-${'-'.repeat(w)}-` : `-${'-'.repeat(w - 1)}:-`)).join('|')}|`, ...body.map(line)].join('\n');
}

const started = new Date();
log(`Benchmark: ${postCount} posts, ${values.images ? 'distinct images per post' : 'shared images'}`);
const root = await makeCopy();
log(`  project copy: ${root}`);
const generated = performance.now();
const corpus = await writeCorpus(root, { posts: postCount, images: values.images, imageCache: path.join(ROOT, '.cache/bench/images') });
log(`  corpus written in ${round((performance.now() - generated) / 1000)}s (${corpus.imagesDrawn} images drawn, the rest from .cache/bench/images)`);

try {
  const rows: BuildRow[] = [];
  rows.push(await build(root, 'cold'));
  rows.push(await build(root, 'warm'));
  const edited = await editOnePost(root, corpus.posts);
  rows.push(await build(root, 'edit'));
  const floorRow = values['no-floor'] ? null : await floor(root);
  const cold = rows[0]!;
  const warm = rows[1]!;
  const edit = rows[2]!;
  const report = {
    date: started.toISOString(),
    command: `npm run bench -- --posts ${postCount}${values.images ? ' --images' : ''}`,
    machine: machine(),
    posts: postCount,
    images: values.images ? 'distinct' : 'shared',
    editedPost: edited,
    rows,
    floor: floorRow,
    ratios: {
      coldImageToFloor: floorRow && cold.imageVariants && floorRow.seconds > 0 ? round(cold.imageVariants.seconds / floorRow.seconds) : null,
      editToWarm: round(edit.seconds / warm.seconds),
    },
  };
  console.log(table(rows, floorRow));
  console.log(
    `\nwarm: ${warm.pagesPerSecond} pages/s · edit/warm: ${Math.round(report.ratios.editToWarm * 100)}%` +
      (report.ratios.coldImageToFloor !== null ? ` · cold image work / plain-sharp floor: ${report.ratios.coldImageToFloor}x` : ''),
  );
  console.log(`\n${JSON.stringify(report, null, 2)}`);
  if (values.out) await writeFile(values.out, `${JSON.stringify(report, null, 2)}\n`);
} finally {
  if (!values.keep) await rm(root, { recursive: true, force: true });
  else log(`  kept ${root}`);
}
