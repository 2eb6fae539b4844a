import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBenchProject } from '../helpers/bench-posts.ts';
import { writeTestImage } from '../helpers/fixture-site.ts';
import { makeProjectCopy, PROJECT_ROOT, runScriptAsync } from '../helpers/project-copy.ts';
import { SAMPLE_SITE_ONLY, SAMPLES_HERE } from '../helpers/samples.ts';

/**
 * `npm run check` over tests/fixtures/check/: a set of posts with seeded
 * mistakes at known lines. One run must report every one of them, each as
 * `file:line  field  message`, and nothing about the valid posts.
 */
const FIXTURE = path.join(PROJECT_ROOT, 'tests/fixtures/check');
const roots: string[] = [];

/** [file:line, field, what the message says] for every seeded problem, in the order they are printed. */
const SEEDED: Array<[string, string, RegExp]> = [
  ['bad-date.md:4', 'pubDate', /^"2026-02-30" is not a real date: Feb 2026 has 28 days/],
  ['body-problems.md:11', 'body', /^image "\/images\/chart\.webp" has no alt text/],
  ['body-problems.md:13', 'body', /^links to "\/blog\/no-such-post\/", but no post has the slug "no-such-post"/],
  ['body-problems.md:13', 'body', /^image "\/images\/gone\.webp" does not exist/],
  [
    'body-problems.md:15',
    'body',
    /^links to "https:\/\/blog\.example\.com\/blog\/draft-post\/", which is src\/content\/blog\/draft-post\.md, a draft/,
  ],
  ['dup-one.md:4', 'slug', /^"same-slug" is also the slug of src\/content\/blog\/dup-two\.md/],
  ['dup-two.md:6', 'slug', /^"same-slug" is also the slug of src\/content\/blog\/dup-one\.md/],
  ['folder-post/index.md:6', 'heroImage', /^"\.\/hero\.webp" does not exist \(looked for src\/content\/blog\/folder-post\/hero\.webp\)/],
  [
    'folder-post/index.md:10',
    'body',
    /^image "\.\/diagram\.webp" does not exist \(looked for src\/content\/blog\/folder-post\/diagram\.webp\)/,
  ],
  ['hero-missing.md:5', 'heroImage', /^"\/nope\.webp" does not exist \(looked for public\/nope\.webp\)/],
  ['hero-no-alt.md:6', 'heroImageAlt', /^is required when heroImage is set/],
  ['hero-not-image.md:6', 'heroImage', /^"\/notes\.webp" is not an image/],
  ['no-frontmatter.md:1', 'frontmatter', /^is missing: start the file with a line "---"/],
  ['several-problems.md:4', 'pubdate', /^is not a known field; did you mean "pubDate"\?/],
  ['several-problems.md:6', 'readingTime', /^"soon" is not a reading time/],
  ['tabs.md:7', 'frontmatter', /indented with a tab/],
  ['unfinished.md:3', 'description', /placeholder from `npm run new`/],
  ['unfinished.md:12', 'body', /"TODO:" placeholder from `npm run new`/],
  ['updated-before.md:5', 'updatedDate', /^is before pubDate/],
];

/** The `file:line  field  message` lines of a report, without the leading indent. */
const problemLines = (stderr: string) =>
  stderr
    .split('\n')
    .filter((line) => /^ {2}\S+:\d+ {2}/.test(line))
    .map((line) => line.trim());

let root = '';

beforeAll(async () => {
  root = await makeProjectCopy({ contentDir: path.join(FIXTURE, 'blog'), publicDir: path.join(FIXTURE, 'public'), name: 'check' });
  roots.push(root);
  await writeTestImage(path.join(root, 'public/hero.webp'), 320, 180, 200);
  await writeTestImage(path.join(root, 'public/images/chart.webp'), 320, 180, 40);
});

afterAll(async () => {
  if (!process.env['KEEP_FIXTURES']) await Promise.all(roots.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('npm run check on a set of seeded bad posts', () => {
  it('reports every seeded problem, with its file, line and field, in one run', async () => {
    const result = await runScriptAsync(root, 'check:posts');
    expect(result.status, result.stderr).toBe(1);
    const lines = problemLines(result.stderr);
    const found = lines.map((line) => {
      const [, where, field, message] = /^src\/content\/blog\/(\S+) {2}(\S+) {2}(.+)$/.exec(line) ?? [];
      return { where, field, message };
    });
    expect(found.map((p) => `${p.where}  ${p.field}`)).toEqual(SEEDED.map(([where, field]) => `${where}  ${field}`));
    SEEDED.forEach(([where, , says], i) => expect(found[i]!.message, where).toMatch(says));
    const posts = new Set(SEEDED.map(([where]) => where.split(':')[0])).size;
    expect(result.stderr).toMatch(
      new RegExp(`^✗ ${SEEDED.length} problems in ${posts} posts\\. Fix them and run \`npm run check:posts\` again\\.`, 'm'),
    );
    expect(lines.filter((line) => /^src\/content\/blog\/(good|draft)-post\.md:/.test(line))).toEqual([]);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('stops before the TypeScript check when posts have problems, and says so', async () => {
    const result = await runScriptAsync(root, 'check');
    expect(result.status).toBe(1);
    expect(problemLines(result.stderr)).toHaveLength(SEEDED.length);
    expect(result.stderr).toContain('astro check');
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/Getting diagnostics|\[types\]/);
  });
});

// The 1,000 posts are copies of the sample posts (tests/helpers/bench-posts.ts).
describe.skipIf(!SAMPLES_HERE)(`npm run check on 1,000 posts made from the samples ${SAMPLE_SITE_ONLY}`, () => {
  it('decodes each image and parses each body once, then on an unchanged rerun reads the posts and nothing else', async () => {
    const bench = await makeBenchProject(1000);
    roots.push(bench);
    /** The counts `--stats` prints: what the run read, parsed and decoded (not how long it took). */
    const counted = async () => {
      const result = await runScriptAsync(bench, 'check:posts', {}, ['--stats']);
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/^✓ 1000 posts checked in [\d.]+s: no problems\./m);
      const [, read, parsed, decoded] = /^stats: (\d+) files read, (\d+) bodies parsed, (\d+) images decoded$/m.exec(result.stdout) ?? [];
      expect(read, result.stdout).toBeDefined();
      return { read: Number(read), parsed: Number(parsed), decoded: Number(decoded) };
    };
    // Every hero is its own file; body images are shared by the posts made from one sample.
    const heroes = (await readdir(path.join(bench, 'public/bench'))).length;
    expect(heroes).toBeGreaterThan(0);
    // The first run decodes every hero and body image and remembers those that passed in the
    // cache folder, with the references of every body; a rerun finds all of them there.
    const first = await counted();
    expect(first.read).toBe(1000);
    expect(first.parsed).toBe(1000);
    expect(first.decoded).toBeGreaterThan(heroes);
    const again = await counted();
    expect(again).toEqual({ read: 1000, parsed: 0, decoded: 0 });
  });
});
