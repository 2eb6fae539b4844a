import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishRedirects } from '../../scripts/redirects-output.ts';
import { bodyReferences } from '#tools/check/body-references.ts';
import type { CheckOptions } from '#tools/check/problems.ts';
import { isInside, outputFile, resolveReadable, sitePathProblem, UnsafeOutputError } from '#src/lib/urls/safe-paths.ts';
import type { RedirectRule } from '#src/lib/urls/redirects.ts';
import { SITE } from '#src/site.config.ts';

/**
 * Generated hostile input against the one module that decides what a post may reference
 * (safe-paths.ts) and the code that acts on its answers: paths and bodies are built from the
 * pieces attackers use (climbs written and encoded, separators, line breaks, controls, bidi
 * overrides, malformed escapes, links in and out of the project). Seeded, so a failure is the
 * same on every run (fast-check prints the seed and the smallest failing input), and bounded in
 * runs, so the file takes seconds.
 */
const SEED = 34;
const RUNS = 1500;

const PIECES = [
  '..',
  '.',
  '%2e%2e',
  '%2E%2e',
  '.%2e',
  '%2e',
  '\\',
  '%5c',
  '/',
  '//',
  'a',
  'img',
  'x.webp',
  'é',
  '%C3%A9',
  '日本',
  ' ',
  '%20',
  '\t',
  '\n',
  '%0a',
  '\r',
  '%0d',
  '\u2028',
  '\u202e',
  '%e2%80%ae',
  '\x1b[2J',
  '\0',
  '%00',
  '%zz',
  '%ff',
  '%',
  '?',
  '#',
  '*',
  '!',
  ':',
  'https:',
  'etc',
  'passwd',
  'linked-out',
  'linked-in.webp',
  'loop',
  'outside',
  'src',
  'pages',
];
const piece = fc.constantFrom(...PIECES);
const pathLike = fc.array(piece, { minLength: 1, maxLength: 10 }).map((parts) => parts.join(''));
const sitePath = fc.tuple(fc.constantFrom('/', '', '//', '/..', '\\'), pathLike).map(([start, rest]) => `${start}${rest}`);
const reference = fc.tuple(fc.constantFrom('/', './', '../', '', '/img/', './folder/'), pathLike).map(([start, rest]) => `${start}${rest}`);

let root = '';
let outside = '';

beforeAll(() => {
  root = realpathSync(mkdtempSync(path.join(tmpdir(), 'blog-fuzz-')));
  outside = realpathSync(mkdtempSync(path.join(tmpdir(), 'blog-fuzz-outside-')));
  for (const folder of ['public/img', 'src/content/blog/folder', 'src/pages', 'dist'])
    mkdirSync(path.join(root, folder), { recursive: true });
  writeFileSync(path.join(outside, 'passwd'), 'secret');
  writeFileSync(path.join(root, 'public/img/x.webp'), 'x');
  symlinkSync(path.join(outside, 'passwd'), path.join(root, 'public/linked-out'));
  symlinkSync(path.join(outside, 'passwd'), path.join(root, 'public/img/linked-out'));
  symlinkSync(path.join(outside, 'passwd'), path.join(root, 'src/content/blog/linked-out'));
  symlinkSync(outside, path.join(root, 'public/outside'));
  symlinkSync(path.join(root, 'public/img/x.webp'), path.join(root, 'public/img/linked-in.webp'));
  symlinkSync('loop', path.join(root, 'public/loop'));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('generated hostile paths', () => {
  it('never give a file to write outside the output folder, and agree with the check', () => {
    const out = path.join(root, 'dist');
    fc.assert(
      fc.property(sitePath, (candidate) => {
        const problem = sitePathProblem(candidate);
        let file: string | null = null;
        try {
          file = outputFile(out, candidate, 'fuzz');
        } catch (error) {
          expect(error).toBeInstanceOf(UnsafeOutputError);
        }
        if (file === null) return;
        expect(problem).toBeNull();
        expect(isInside(file, out) && file !== out).toBe(true);
        expect(path.relative(out, file)).not.toMatch(/[\s\p{Cc}\\]|(^|\/)\.\.?(\/|$)/u);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('never resolve a post reference to a file outside public/ or src/content/, links followed', () => {
    const post = path.join(root, 'src/content/blog/post.md');
    const roots = { root, publicDir: path.join(root, 'public') };
    const allowed = [path.join(root, 'public'), path.join(root, 'src/content')];
    fc.assert(
      fc.property(reference, (candidate) => {
        const { file, problem } = resolveReadable(candidate, post, roots);
        if (file === undefined) {
          expect(problem).toMatch(/^(points outside|is a link to|has a malformed percent escape)/);
          expect(problem).not.toMatch(/[\p{Cc}\u2028\u202e]/u);
          return;
        }
        expect(allowed.some((folder) => isInside(file, folder))).toBe(true);
        let real: string | null = null;
        try {
          real = realpathSync(file);
        } catch {
          // Missing or a loop: the caller reports that it does not exist, and nothing is read.
        }
        if (real !== null) expect(allowed.some((folder) => isInside(real, folder))).toBe(true);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('add no file outside the site and exactly the rules they stand for to _redirects', () => {
    const options: CheckOptions = { root, publicDir: path.join(root, 'public'), cacheDir: root, site: SITE, now: new Date(), base: '/' };
    const rule = (from: string): RedirectRule => ({
      from,
      to: '/blog/new/',
      title: 'New',
      origin: { file: 'a.md', line: 1, field: 'redirectFrom' },
    });
    const before = new Set(readdirSync(root, { recursive: true }).map(String));
    fc.assert(
      fc.property(fc.uniqueArray(sitePath, { minLength: 1, maxLength: 4 }), (froms) => {
        const site = mkdtempSync(path.join(root, 'dist/site-'));
        const safe = froms.filter((from) => sitePathProblem(from) === null);
        const problems = publishRedirects(site, froms.map(rule), options);
        expect(problems.length).toBe(froms.length - safe.length);
        if (problems.length === 0 && safe.length > 0) {
          const lines = readFileSync(path.join(site, '_redirects'), 'utf8')
            .split('\n')
            .filter((line) => line && !line.startsWith('#'));
          for (const line of lines) expect(line.split('  ')).toHaveLength(3);
          expect(lines.length).toBeLessThanOrEqual(safe.length * 2);
          expect(lines.length).toBeGreaterThanOrEqual(safe.length);
        }
        rmSync(site, { recursive: true, force: true });
      }),
      { seed: SEED, numRuns: 400 },
    );
    const after = readdirSync(root, { recursive: true }).map(String);
    expect(after.filter((file) => !before.has(file))).toEqual([]);
  });
});

describe('generated post bodies', () => {
  const text = fc.string({ unit: fc.constantFrom('a', ' ', '[', ']', '(', ')', '!', '*', '`', '\\', '\n', '<', '>', '"', 'é', '#') });
  const FORMS: Array<(alt: string, target: string) => string> = [
    (alt, target) => `![${alt}](${target})`,
    (alt, target) => `![${alt}](<${target}> "t")`,
    (alt, target) => `![${alt}][ref]\n\n[ref]: <${target}>`,
    // A label cannot hold brackets (CommonMark), so the collapsed form's alt has none.
    (alt, target) => `![${alt.replace(/[[\]]/g, '') || 'x'}][]\n\n[${alt.replace(/[[\]]/g, '') || 'x'}]: <${target}>`,
    (alt, target) => `<img src="${target}" alt="${alt}">`,
    (_, target) => `<picture>\n<source srcset="${target} 2x">\n<img src="/x.webp" alt="x">\n</picture>`,
  ];
  // Targets as an attacker writes them, less what no form can carry: quotes, angle brackets,
  // and control characters, with which CommonMark (micromark in the build too) sees no image.
  const target = reference.map((value) => value.replace(/["<>\s\\\p{Cc}]/gu, '')).filter((value) => value.length > 0);
  // Alt text with balanced brackets and no characters that end an image early.
  const alt = fc.array(fc.constantFrom('chart', ' ', '[fig. 1]', 'of', 'é', '[a [b]]'), { maxLength: 5 }).map((parts) => parts.join(''));

  it('show every image to the check, in every form, whatever surrounds it', () => {
    fc.assert(
      fc.property(fc.nat(FORMS.length - 1), alt, target, text, (form, altText, src, before) => {
        // The surrounding text ends its block, so it cannot swallow the image (an open fence, say).
        const body = `${before.replace(/[`<\\]/g, '')}\n\n${FORMS[form]!(altText.trim() || 'x', src)}\n`;
        const images = bodyReferences(body).filter((ref) => ref.kind === 'image');
        expect(images.map((ref) => ref.target)).toContain(src);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('never throw, whatever the text', () => {
    fc.assert(
      fc.property(text, (body) => {
        expect(Array.isArray(bodyReferences(body))).toBe(true);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
