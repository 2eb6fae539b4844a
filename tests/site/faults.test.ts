import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readdirSync, readFileSync, rmSync, statfsSync, truncateSync, writeFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distFiles, distSnapshot } from '../helpers/crawl.ts';
import { writeFillerPosts, writeFixtureImages } from '../helpers/fixture-site.ts';
import { makeProjectCopy, runScript } from '../helpers/project-copy.ts';
import { findSystemFault, systemFaultLine } from '#src/lib/build/system-errors.ts';

/**
 * Faults a deploy meets, on copies of a small fixture project: builds killed
 * part-way, caches damaged (as a CI cache restored from a dying runner leaves
 * them, or a deploy step editing dist/ in place), a full disk. Each copy is
 * compared with a clean build of the same posts in another copy.
 */
const CACHE = '.cache/astro';
const ENV = { BLOG_CACHE_DIR: CACHE, NO_COLOR: '1', ASTRO_TELEMETRY_DISABLED: '1' };
let content = '';
let clean: Record<string, string> = {};
const copies: string[] = [];

/** Beside the filler posts: a hero next to its post, a shared hero, a body image. */
const POSTS = {
  'beta-post/index.md':
    '---\ntitle: "Beta"\ndescription: "A post with its own hero and a picture."\npubDate: "2026-03-05"\nheroImage: "./hero.webp"\nheroImageAlt: "A hero"\ncategory: "Web Development"\n---\n\nBody.\n\n![An inline picture](/images/inline.webp)\n',
  'alpha.md':
    '---\ntitle: "Alpha"\ndescription: "A post with a shared hero."\npubDate: "2026-03-06"\nheroImage: "/hero-alpha.webp"\nheroImageAlt: "A hero"\ncategory: "Artificial Intelligence"\n---\n\nBody.\n',
};

async function fixtureCopy(parent?: string): Promise<string> {
  const root = await makeProjectCopy({ contentDir: content, name: 'faults', ...(parent && { parent }) });
  await writeFixtureImages(root);
  copies.push(root);
  return root;
}

function build(root: string) {
  const result = runScript(root, 'build');
  return { ...result, output: `${result.stdout}\n${result.stderr}` };
}

/**
 * Every file under `dir` whose name matches, as paths relative to it. Left
 * out: node_modules (a link to the project's) and the old sites a detached
 * process is deleting after a build (`.dist-old-*`, scripts/build.ts).
 */
function filesNamed(dir: string, pattern: RegExp, under = dir): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(under, { withFileTypes: true })) {
    const full = path.join(under, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.dist-old-')) found.push(...filesNamed(dir, pattern, full));
    } else if (pattern.test(entry.name)) found.push(path.relative(dir, full));
  }
  return found;
}

/** What a failed or killed build must not leave behind: its staging folder and half-written cache files. */
function leftovers(root: string): string[] {
  return [...readdirSync(root).filter((name) => name.startsWith('.dist-build-')), ...filesNamed(root, /\.tmp$/)];
}

/** Resolves once `done()` holds, checking every 50 ms; fails after `timeout` ms. */
async function poll(done: () => boolean, timeout: number): Promise<void> {
  const until = Date.now() + timeout;
  while (!done()) {
    if (Date.now() > until) throw new Error(`still waiting after ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Starts `npm run build`'s script and SIGKILLs it as soon as its output matches `moment`. */
function killBuildWhen(root: string, moment: RegExp): Promise<{ signal: NodeJS.Signals | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/build.ts'], { cwd: root, env: { ...process.env, ...ENV } });
    let output = '';
    const watch = (chunk: Buffer) => {
      output += chunk.toString();
      if (moment.test(output)) child.kill('SIGKILL');
    };
    child.stdout.on('data', watch);
    child.stderr.on('data', watch);
    child.on('error', reject);
    child.on('close', (_code, signal) => resolve({ signal, output }));
  });
}

beforeAll(async () => {
  content = await mkdtemp(path.join(tmpdir(), 'blog-faults-content-'));
  await writeFillerPosts(content, 8);
  for (const [file, text] of Object.entries(POSTS)) {
    await mkdir(path.dirname(path.join(content, file)), { recursive: true });
    await writeFile(path.join(content, file), text);
  }
  const reference = await fixtureCopy();
  const result = build(reference);
  expect(result.status, result.output).toBe(0);
  clean = distSnapshot(path.join(reference, 'dist'));
});

afterAll(async () => {
  for (const root of copies) await rm(root, { recursive: true, force: true });
  await rm(content, { recursive: true, force: true });
});

describe('a build killed part-way', () => {
  let root = '';
  beforeAll(async () => {
    root = await fixtureCopy();
    const first = build(root);
    expect(first.status, first.output).toBe(0);
    expect(distSnapshot(path.join(root, 'dist'))).toEqual(clean);
  });

  it.each([
    ['as it starts rendering pages', /generating static routes/],
    ['while it renders pages', /(├─ .*index\.html[^\n]*\n[\s\S]*){6}/],
    ['while it draws social cards and indexes the site', /\[blog-images\] \d+ image variants/],
  ])('%s leaves dist/ byte for byte as it was, and the next build right', async (_moment, moment) => {
    // Every cache emptied, so the killed build is part-way through writing all of them.
    await rm(path.join(root, CACHE), { recursive: true, force: true });
    const killed = await killBuildWhen(root, moment);
    expect(killed.signal, `the build ended before it could be killed:\n${killed.output}`).toBe('SIGKILL');
    expect(distSnapshot(path.join(root, 'dist'))).toEqual(clean);
    const next = build(root);
    expect(next.status, next.output).toBe(0);
    expect(distSnapshot(path.join(root, 'dist'))).toEqual(clean);
    expect(leftovers(root)).toEqual([]);
  });
});

describe('damaged caches', () => {
  let root = '';
  beforeAll(async () => {
    root = await fixtureCopy();
    // Built twice: the second build copies its pages from the page cache, as every warm build does.
    for (const run of [build(root), build(root)]) expect(run.status, run.output).toBe(0);
  });

  it('are found, made again and named in the log; the site equals a clean build and every image decodes', async () => {
    const cache = path.join(root, CACHE);
    const dist = path.join(root, 'dist');
    const cut = (file: string) => truncateSync(file, Math.floor(readFileSync(file).length / 3));
    const variants = filesNamed(path.join(dist, '_img'), /\.webp$/).sort();
    const cards = filesNamed(path.join(dist, '_social'), /\.jpg$/).sort();
    const pages = filesNamed(path.join(cache, 'dist'), /^index\.html$/).sort();
    expect(variants.length).toBeGreaterThan(4);
    expect(cards.length).toBeGreaterThan(3);
    expect(pages.length).toBeGreaterThan(6);
    // As a CI cache restored from a dying runner leaves them: cut short, or overwritten.
    for (const name of variants.slice(0, 3)) cut(path.join(cache, 'blog-images', name));
    for (const name of cards.slice(0, 2)) cut(path.join(cache, 'social-cards', name));
    for (const page of pages.slice(0, 5)) writeFileSync(path.join(cache, 'dist', page), '<p>junk</p>');
    const searchFile = filesNamed(path.join(cache, 'search-index'), /\.pf_meta$/)[0]!;
    cut(path.join(cache, 'search-index', searchFile));
    writeFileSync(path.join(cache, 'checked-images.json'), '{"junk":');
    // A deploy step editing published files in place: image variants are hard links into the cache,
    // so the cache's is damaged too; pages are Astro's copies, so the next build publishes the page again.
    appendFileSync(path.join(dist, pages.at(-1)!), '<!-- edited in place -->');
    cut(path.join(dist, '_img', variants.at(-1)!));

    const result = build(root);
    expect(result.status, result.output).toBe(0);
    expect(result.output).toContain(
      '⚠ 13 damaged cache entries made again (1 checked-image record, 4 image variants, 5 pages, 1 search index file, 2 social cards)',
    );
    expect(distSnapshot(dist)).toEqual(clean);
    for (const file of distFiles(dist).filter((name) => /\.(webp|jpg)$/.test(name))) {
      await expect(sharp(path.join(dist, file)).raw().toBuffer(), file).resolves.toBeInstanceOf(Buffer);
    }

    // Made again once: the next build reuses everything and finds nothing damaged.
    const again = build(root);
    expect(again.status, again.output).toBe(0);
    expect(again.output).not.toContain('damaged');
    expect(again.output).toMatch(/image variants: 0 made/);
    expect(again.output).toMatch(/social cards: 0 drawn/);
    expect(again.output).toContain('unchanged, copied from cache');
    expect(distSnapshot(dist)).toEqual(clean);
  });
});

describe('a full disk', () => {
  let mountPoint = '';
  let root = '';
  let before: Record<string, string> = {};
  const filler = () => path.join(mountPoint, 'filler');
  /**
   * Fills the disk, leaving `spare` bytes free, once the detached deletes of sites replaced by
   * earlier builds (`.dist-old-*`) are done: one finishing afterwards would free space again.
   */
  const fill = async (spare: number) => {
    await poll(() => !readdirSync(root).some((name) => name.startsWith('.dist-old-')), 30_000);
    rmSync(filler(), { force: true });
    const { bavail, bsize } = statfsSync(mountPoint);
    writeFileSync(filler(), Buffer.alloc(Math.max(0, bavail * bsize - spare)));
  };

  beforeAll(async () => {
    mountPoint = await mkdtemp(path.join(tmpdir(), 'blog-faults-disk-'));
    // CI runs as root; elsewhere this fails, saying why, rather than passing untested.
    const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=40m', 'tmpfs', mountPoint], { encoding: 'utf8' });
    if (mount.status !== 0)
      throw new Error(
        `could not mount a small tmpfs to fill (${(mount.stderr || mount.error?.message || '').trim()}); this test needs root`,
      );
    root = await fixtureCopy(mountPoint);
    const first = build(root);
    expect(first.status, first.output).toBe(0);
    before = distSnapshot(path.join(root, 'dist'));
  });

  afterAll(() => {
    if (mountPoint) spawnSync('umount', ['-l', mountPoint]);
  });

  it('ends the build in one line naming the file, leaves dist/ and the caches consistent and removes what it wrote', async () => {
    // The images must be made again, into a disk with room for some of them only.
    await rm(path.join(root, CACHE, 'blog-images'), { recursive: true });
    await rm(path.join(root, CACHE, 'social-cards'), { recursive: true });
    await fill(600_000);
    const result = build(root);
    expect(result.status).toBe(1);
    const errors = result.stderr.split('\n').filter((line) => line.startsWith('✗'));
    expect(errors, result.output).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^✗ The build failed: the disk is full \(writing [^)\s]+\)\. dist\/ is unchanged; free some space and build again\.$/,
    );
    expect(result.output).not.toMatch(/^\s+at /m);
    expect(result.output).not.toMatch(/ENOTEMPTY|ENOSPC/);
    expect(distSnapshot(path.join(root, 'dist'))).toEqual(before);
    expect(leftovers(root)).toEqual([]);

    // With room again, the next build is right: nothing half-written was kept.
    await rm(filler());
    const next = build(root);
    expect(next.status, next.output).toBe(0);
    expect(next.output).not.toContain('damaged');
    expect(distSnapshot(path.join(root, 'dist'))).toEqual(before);
  });

  /** What `npm run check:posts` says when the disk fills as it records the images it decoded. */
  const CHECK_DISK_FULL =
    '✗ The check failed: the disk is full (writing .cache/astro/checked-images.json). No post was changed; free some space and run `npm run check:posts` again.';

  it('ends `npm run check:posts` the same way', async () => {
    // The check remembers the images it decoded; it must write that record again.
    await rm(path.join(root, CACHE, 'checked-images.json'));
    await fill(0);
    try {
      const result = runScript(root, 'check:posts');
      expect(result.status).toBe(1);
      expect(result.stderr.trim()).toBe(CHECK_DISK_FULL);
      expect(existsSync(path.join(root, CACHE, 'checked-images.json'))).toBe(false);
      expect(leftovers(root)).toEqual([]);
    } finally {
      await rm(filler());
    }
  });

  it("ends it the same way when only an author's new avatar is left to record", async () => {
    // The record covers every post's images; the profile check then decodes a new avatar and must write it.
    expect(runScript(root, 'check:posts').status).toBe(0);
    await mkdir(path.join(root, 'public/avatars'), { recursive: true });
    await copyFile(path.join(root, 'public/hero-alpha.webp'), path.join(root, 'public/avatars/new.webp'));
    await mkdir(path.join(root, 'src/content/authors'), { recursive: true });
    const profile = path.join(root, 'src/content/authors/new-author.md');
    await writeFile(profile, '---\nname: "New Author"\navatar: "/avatars/new.webp"\n---\n\nBio.\n');
    await fill(0);
    try {
      const result = runScript(root, 'check:posts');
      expect(result.status).toBe(1);
      expect(result.stderr.trim()).toBe(CHECK_DISK_FULL);
      expect(leftovers(root)).toEqual([]);
    } finally {
      await rm(filler());
      await rm(profile);
    }
  });
});

describe('a disk out of inodes', () => {
  let mountPoint = '';
  afterAll(() => {
    if (mountPoint) spawnSync('umount', ['-l', mountPoint]);
  });

  it('is told from a full one', async () => {
    mountPoint = await mkdtemp(path.join(tmpdir(), 'blog-faults-inodes-'));
    const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=8m,nr_inodes=40', 'tmpfs', mountPoint], { encoding: 'utf8' });
    if (mount.status !== 0)
      throw new Error(
        `could not mount a small tmpfs to fill (${(mount.stderr || mount.error?.message || '').trim()}); this test needs root`,
      );
    // Room for bytes, none for another file: the same ENOSPC as a full disk.
    let error: unknown;
    for (let n = 0; n < 100 && !error; n += 1) {
      try {
        writeFileSync(path.join(mountPoint, `f${n}`), '');
      } catch (caught) {
        error = caught;
      }
    }
    expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    const fault = findSystemFault(error)!;
    expect(
      systemFaultLine({ failed: 'The build failed', fault, root: mountPoint, consequence: 'dist/ is unchanged.', again: 'build again' }),
    ).toMatch(
      /^The build failed: the disk has no room for more files: it is out of inodes \(writing f\d+\)\. dist\/ is unchanged; delete some files and build again\.$/,
    );
  });
});
