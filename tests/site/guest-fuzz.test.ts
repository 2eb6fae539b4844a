import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTestImage } from '../helpers/fixture-site.ts';
import { makeProjectCopy, runScriptAsync } from '../helpers/project-copy.ts';

/**
 * Two thousand generated guest posts (seeded: the same posts on every run) mixing hostile
 * fields, paths and nesting, checked by one `npm run check:posts`: every post that reaches
 * outside the project or asks for an unsafe address is refused on a line of its own, and the
 * report is plain lines with no stack trace and no control character. Then a sample of the
 * posts the check accepted is built with `npm run build`: it builds, writes nothing outside
 * dist/, and publishes nothing from outside the project.
 */
const SEED = 34;
const POSTS = 2000;
const BUILT = 40;

/** Text an attacker puts in a title or keyword: expressions, markup, terminal escapes, annotations. */
const HOSTILE_TEXT = [
  '{process.exit(1)}',
  '${process.env.HOME}',
  '<script>alert(1)</script>',
  '</title><script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '\n::error file=src/app.ts,line=1::pwned',
  '\r::warning::forged',
  '\x1b[2J\x1b[H cleared',
  '\x1b]8;;https://evil.example\x07link\x1b]8;;\x07',
  '\u202eevil\u202c',
  'Ünïcödé & “quotes”',
  'C++ & Rust',
];
const text = fc.oneof(fc.constantFrom(...HOSTILE_TEXT), fc.constantFrom('Edge inference', 'Budget phones', 'Quantisation'));

/** Paths out of the project, written every way, and paths that are fine. */
const OUTSIDE_IMAGES = [
  '/../../OUTSIDE/secret.png',
  '/%2e%2e/%2e%2e/OUTSIDE/secret.png',
  '/..%2f..%2fOUTSIDE/secret.png',
  '../../../../OUTSIDE/secret.png',
  '/%zz.png',
];
const UNSAFE_REDIRECTS = [
  '/../src/pages/planted.astro',
  '/%2e%2e/x.html',
  '/a /blog/b/ 200\n/* https://evil.example 301!',
  '/a\\..\\b',
  '/%zz/',
];
const IMAGE_FORMS = [
  (src: string) => `![an image](${src})`,
  (src: string) => `![s][r]\n\n[r]: ${src}`,
  (src: string) => `![chart [fig. 1] of results](${src})`,
  (src: string) => `<img src="${src}" alt="x">`,
  (src: string) => `<picture>\n<source srcset="${src} 2x">\n<img src="/hero.webp" alt="x">\n</picture>`,
];

interface Generated {
  file: string;
  text: string;
  /** Whether the post reaches outside or asks for an unsafe address, and must be refused. */
  hostile: boolean;
}

const generatedPost = fc.record({
  title: text,
  keywords: fc.array(text, { minLength: 1, maxLength: 4 }),
  heroOutside: fc.option(fc.constantFrom(...OUTSIDE_IMAGES), { freq: 6 }),
  redirect: fc.option(fc.oneof(fc.constantFrom(...UNSAFE_REDIRECTS), fc.constant('SAFE')), { freq: 3 }),
  image: fc.option(fc.tuple(fc.nat(IMAGE_FORMS.length - 1), fc.constantFrom(...OUTSIDE_IMAGES, '/hero.webp')), { freq: 2 }),
  // Mostly what real posts nest; one post in ten past the checker's limit of 100.
  nesting: fc.oneof({ weight: 9, arbitrary: fc.nat(12) }, { weight: 1, arbitrary: fc.integer({ min: 101, max: 150 }) }),
  nestingForm: fc.constantFrom('- ', '> ', '1. '),
});
type Draw = typeof generatedPost extends fc.Arbitrary<infer T> ? T : never;

/** The post file a draw stands for; OUTSIDE in its paths is the folder beside the project. */
function render(draw: Draw, index: number, climb: string): Generated {
  const slug = `guest-${index}`;
  const outside = (src: string) => src.replace('OUTSIDE', climb);
  const fields: Record<string, unknown> = {
    title: `${draw.title} ${index}`,
    description: `Generated guest post ${index}: ${draw.title}`,
    keywords: draw.keywords.map((keyword, n) => `${keyword} ${n}`),
    pubDate: '2026-03-04',
    category: 'Testing',
    slug,
  };
  if (draw.heroOutside) Object.assign(fields, { heroImage: outside(draw.heroOutside), heroImageAlt: 'x' });
  if (draw.redirect) fields['redirectFrom'] = [draw.redirect === 'SAFE' ? `/old/${slug}/` : draw.redirect];
  // A list item's children are indented by its marker's width; a quote nests by repeating its marker.
  const quote = draw.nestingForm === '> ';
  const nested = Array.from(
    { length: draw.nesting },
    (_, depth) =>
      `${' '.repeat(quote ? 0 : depth * draw.nestingForm.length)}${draw.nestingForm.repeat(quote ? depth + 1 : 1)}level ${depth}`,
  ).join('\n');
  const image = draw.image ? IMAGE_FORMS[draw.image[0]]!(outside(draw.image[1])) : '';
  const body = `Intro for ${index}.\n\n${nested}\n\n${image}\n\nThe end.\n`;
  const hostile =
    Boolean(draw.heroOutside) ||
    (draw.redirect !== null && draw.redirect !== 'SAFE') ||
    (draw.image !== null && draw.image[1] !== '/hero.webp') ||
    draw.nesting > 100;
  return { file: `src/content/blog/${slug}.md`, text: `---\n${yaml.dump(fields)}---\n\n${body}`, hostile };
}

let outside = '';
let template = { content: '', public: '' };
const roots: string[] = [];

beforeAll(async () => {
  outside = await mkdtemp(path.join(tmpdir(), 'blog-fuzz-outside-'));
  await writeTestImage(path.join(outside, 'secret.png'), 64, 64, 30);
  const folder = await mkdtemp(path.join(tmpdir(), 'blog-fuzz-template-'));
  roots.push(folder);
  template = { content: path.join(folder, 'blog'), public: path.join(folder, 'public') };
  await mkdir(template.content, { recursive: true });
  await writeTestImage(path.join(template.public, 'hero.webp'), 320, 180, 200);
});
afterAll(async () => {
  if (process.env['KEEP_FIXTURES']) return;
  await Promise.all([outside, ...roots].map((dir) => rm(dir, { recursive: true, force: true })));
});

const filesUnder = (folder: string) => (existsSync(folder) ? readdirSync(folder, { recursive: true }).map(String).sort() : []);

describe(`${POSTS} generated guest posts`, () => {
  it('are each refused on a plain line when hostile, and the rest build without reaching outside', async () => {
    const climb = path.basename(outside);
    const posts = fc.sample(generatedPost, { seed: SEED, numRuns: POSTS }).map((draw, index) => render(draw, index, climb));
    const hostile = posts.filter((post) => post.hostile);
    expect(hostile.length).toBeGreaterThan(POSTS / 4);

    const root = await makeProjectCopy({ contentDir: template.content, publicDir: template.public, name: 'guest-fuzz' });
    roots.push(root);
    for (const post of posts) await writeFile(path.join(root, post.file), post.text);
    const check = await runScriptAsync(root, 'check:posts');
    expect(check.status, check.stderr.slice(0, 2000)).toBe(1);
    // Plain lines: no stack frame, no control character but the line ends, no line of a post's text.
    const lines = check.stderr.split('\n').filter(Boolean);
    expect(check.stderr).not.toMatch(/^\s+at /m);
    for (const line of lines) {
      expect(line, JSON.stringify(line)).not.toMatch(/[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u);
      expect(line, JSON.stringify(line)).toMatch(/^(✗ |⚠ | {2,4}\S+:\d+ {2}\S+ {2}|\(|The site|Nothing|Run |Fix )/);
    }
    const refused = new Set(lines.map((line) => /^ {2}(\S+):\d+ {2}/.exec(line)?.[1]).filter(Boolean));
    for (const post of hostile) expect(refused.has(post.file), `${post.file} was not refused:\n${post.text}`).toBe(true);

    // The sample the check accepted, built as an editor would.
    const accepted = posts.filter((post) => !refused.has(post.file));
    for (const post of accepted.slice(BUILT)) await rm(path.join(root, post.file));
    for (const post of posts.filter((p) => refused.has(p.file))) await rm(path.join(root, post.file));
    const outsideBefore = filesUnder(outside);
    const build = await runScriptAsync(root, 'build');
    expect(build.status, `${build.stdout.slice(-2000)}${build.stderr}`).toBe(0);
    expect(build.stderr).not.toMatch(/^\s+at /m);
    expect(filesUnder(outside)).toEqual(outsideBefore);
    expect(existsSync(path.join(root, 'src/pages/planted.astro'))).toBe(false);
    const secret = readFileSync(path.join(outside, 'secret.png'));
    for (const entry of filesUnder(path.join(root, 'dist'))) {
      const file = path.join(root, 'dist', entry);
      if (statSync(file).isFile() && statSync(file).size === secret.length) expect(readFileSync(file).equals(secret), entry).toBe(false);
    }
    // One rule per old address form: each safe redirect is "/old/x" and "/old/x/".
    const redirects = accepted.slice(0, BUILT).filter((post) => post.text.includes('redirectFrom')).length;
    const rules = existsSync(path.join(root, 'dist/_redirects'))
      ? readFileSync(path.join(root, 'dist/_redirects'), 'utf8')
          .split('\n')
          .filter((line) => line && !line.startsWith('#'))
      : [];
    expect(rules).toHaveLength(redirects * 2);
    for (const rule of rules) expect(rule).toMatch(/^\/old\/guest-\d+\/? {2}\/blog\/guest-\d+\/ {2}301$/);
  });
});
