import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTestImage } from '../helpers/fixture-site.ts';
import { astroBuildAsync, makeProjectCopy, runScriptAsync } from '../helpers/project-copy.ts';

/**
 * A guest editor who may commit one plain Markdown post (PRODUCT.md, "Guests"), trying to make
 * the build read or write files outside the project, or add rules to `_redirects`. Each post is
 * built with `npm run build` in its own project copy, which must refuse it with one
 * `file:line  field  message` line and no stack trace, leave no file outside the site, and
 * publish nothing from outside the project.
 *
 * The files outside are real images in a folder beside the project copies (their parent is the
 * OS's temporary folder): a post that reached them would have them encoded and published.
 */

const BASE = [
  'title: "A Guest Post"',
  'description: "Written by a guest who tries every path."',
  'keywords: [testing, guests]',
  'pubDate: "2026-03-04"',
  'category: "Testing"',
];
const post = (fields: string[], body = 'A short body.\n') => `---\n${[...BASE, ...fields].join('\n')}\n---\n\n${body}`;

/** The folder outside every project copy, and the climb from a copy's public/ to it. */
let outside = '';
let climb = '';
const template = { content: '', public: '' };
const roots: string[] = [];

interface GuestPost {
  name: string;
  text: () => string;
  /** Files to make in the post's folder: name -> link target (absolute). */
  links?: () => Record<string, string>;
  field: string;
  says: RegExp;
}

const CASES: GuestPost[] = [
  {
    name: 'a redirect page planted in src/pages/, to run as an Astro page on the next build',
    text: () => post(['redirectFrom: ["/../src/pages/planted.astro"]']),
    field: 'redirectFrom',
    says: /"\/\.\.\/src\/pages\/planted\.astro" has a "\." or "\.\." segment/,
  },
  {
    name: 'a redirect page written outside the project',
    text: () => post([`redirectFrom: ["/../../${climb}/planted.html"]`]),
    field: 'redirectFrom',
    says: /has a "\." or "\.\." segment/,
  },
  {
    name: 'a redirect page written outside through encoded dots',
    text: () => post([`redirectFrom: ["/%2e%2e/%2E%2E/${climb}/planted.html"]`]),
    field: 'redirectFrom',
    says: /has a "\." or "\.\." segment \(written or percent-encoded\)/,
  },
  {
    name: 'a newline adding a catch-all rule to _redirects',
    text: () => post(['redirectFrom: ["/a /blog/b/ 200\\n/* https://evil.example 301!"]']),
    field: 'redirectFrom',
    says: /holds a space, a line break, a control character or a backslash/,
  },
  {
    name: 'a malformed escape in redirectFrom',
    text: () => post(['redirectFrom: ["/%zz/"]']),
    field: 'redirectFrom',
    says: /^has a malformed percent escape \("%zz"\)/,
  },
  {
    name: 'a malformed escape in heroImage',
    text: () => post(['heroImage: "/%zz.webp"', 'heroImageAlt: "x"']),
    field: 'heroImage',
    says: /^"\/%zz\.webp" has a malformed percent escape \("%zz"\)/,
  },
  {
    name: 'a reference-style body image outside public/',
    text: () => post([], `Intro.\n\n![s][r]\n\n[r]: /../../${climb}/secret.png\n`),
    field: 'body',
    says: /^image "\/\.\.\/\.\.\/.*\/secret\.png" points outside public\//,
  },
  {
    name: 'a body image whose alt text has brackets',
    text: () => post([], `Intro.\n\n![chart [fig. 1] of results](/../../${climb}/secret.png)\n`),
    field: 'body',
    says: /^image "\/\.\.\/\.\.\/.*\/secret\.png" points outside public\//,
  },
  {
    name: 'an HTML <picture> source outside public/',
    text: () => post([], `Intro.\n\n<picture>\n<source srcset="/../../${climb}/secret.png">\n<img src="/hero.webp" alt="x">\n</picture>\n`),
    field: 'body',
    says: /points outside public\//,
  },
  {
    name: 'a hero beside the post that is a link to a file outside',
    text: () => post(['heroImage: "./hero-link.png"', 'heroImageAlt: "x"']),
    links: () => ({ 'hero-link.png': path.join(outside, 'secret.png') }),
    field: 'heroImage',
    says: /^"\.\/hero-link\.png" is a link to ".*secret\.png", outside src\/content\//,
  },
  {
    name: 'a body image beside the post that is a link to a file outside',
    text: () => post([], 'Intro.\n\n![a diagram](./diagram-link.png)\n'),
    links: () => ({ 'diagram-link.png': path.join(outside, 'secret.png') }),
    field: 'body',
    says: /^image "\.\/diagram-link\.png" is a link to ".*secret\.png", outside src\/content\//,
  },
];

beforeAll(async () => {
  outside = await mkdtemp(path.join(tmpdir(), 'blog-outside-'));
  climb = path.basename(outside);
  await writeTestImage(path.join(outside, 'secret.png'), 64, 64, 30);
  const folder = await mkdtemp(path.join(tmpdir(), 'blog-guest-template-'));
  template.content = path.join(folder, 'blog');
  template.public = path.join(folder, 'public');
  await mkdir(template.content, { recursive: true });
  await writeTestImage(path.join(template.public, 'hero.webp'), 320, 180, 200);
  await writeFile(path.join(template.content, 'good-post.md'), post([]).replace('A Guest Post', 'The Good Post'));
  roots.push(folder);
});

afterAll(async () => {
  if (process.env['KEEP_FIXTURES']) return;
  await Promise.all([outside, ...roots].filter(Boolean).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Every file under a folder, relative to it. */
const filesUnder = (folder: string) => (existsSync(folder) ? readdirSync(folder, { recursive: true }).map(String).sort() : []);

describe('npm run build with a hostile guest post', () => {
  it.concurrent.each(CASES)('refuses $name', async (guest) => {
    const root = await makeProjectCopy({ contentDir: template.content, publicDir: template.public, name: 'guest' });
    roots.push(root);
    const file = 'src/content/blog/guest.md';
    await writeFile(path.join(root, file), guest.text());
    for (const [name, target] of Object.entries(guest.links?.() ?? {})) await symlink(target, path.join(root, 'src/content/blog', name));
    const outsideBefore = filesUnder(outside);

    const result = await runScriptAsync(root, 'build');
    const output = `${result.stdout}${result.stderr}`;
    expect(result.status, output).toBe(1);
    const lines = result.stderr.split('\n').filter((line) => /^ {2}\S+:\d+ {2}/.test(line));
    // A linked file is also named on a line of its own (tools/check/project-files.ts), which may sort first.
    const first = /^ {2}(\S+):(\d+) {2}(\S+) {2}(.+)$/.exec(lines.find((line) => line.startsWith(`  ${file}:`)) ?? '');
    expect(first, output).not.toBeNull();
    expect(first![1]).toBe(file);
    expect(first![3]).toBe(guest.field);
    expect(first![4]).toMatch(guest.says);
    // One line each, no stack trace, and nothing written anywhere.
    expect(output).not.toMatch(/^\s+at /m);
    expect(output).not.toMatch(/\b\w*(Error|Exception)\b:/);
    expect(existsSync(path.join(root, 'dist'))).toBe(false);
    expect(existsSync(path.join(root, 'src/pages/planted.astro'))).toBe(false);
    expect(filesUnder(outside)).toEqual(outsideBefore);
  });
});

describe('a bare astro build', () => {
  it('stops in one line that says to run npm run build, and writes nothing', async () => {
    const root = await makeProjectCopy({ contentDir: template.content, publicDir: template.public, name: 'guest-bare-astro' });
    roots.push(root);
    await writeFile(path.join(root, 'src/content/blog/guest.md'), post(['redirectFrom: ["/../src/pages/planted.astro"]']));
    const result = await astroBuildAsync(root, { entry: false });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      '✗ Build the site with `npm run build`: `astro build` alone would skip the post check and write into dist/ before the site is complete. Nothing was written.',
    );
    expect(existsSync(path.join(root, 'dist'))).toBe(false);
    expect(existsSync(path.join(root, 'src/pages/planted.astro'))).toBe(false);
  });
});

describe('astro build let through as npm run build does, with no post check before it', () => {
  it('still refuses a body image outside public/ or behind a link, and publishes nothing from outside', async () => {
    const root = await makeProjectCopy({ contentDir: template.content, publicDir: template.public, name: 'guest-astro' });
    roots.push(root);
    await symlink(path.join(outside, 'secret.png'), path.join(root, 'src/content/blog/diagram-link.png'));
    for (const [name, body] of [
      ['reference.md', `Intro.\n\n![s][r]\n\n[r]: /../../${climb}/secret.png\n`],
      ['linked.md', 'Intro.\n\n![a diagram](./diagram-link.png)\n'],
    ] as const) {
      await writeFile(path.join(root, 'src/content/blog', name), post([`slug: "${name.replace('.md', '')}"`], body));
      const result = await astroBuildAsync(root);
      const output = `${result.stdout}${result.stderr}`;
      expect(result.status, output).not.toBe(0);
      expect(output).toMatch(
        new RegExp(
          `src/content/blog/${name}(?::\\d+)? {2}body {2}image ".*(secret|diagram-link)\\.png" (points outside public/|is a link to)`,
        ),
      );
      // The post is named once, not again inside its own message.
      expect(output).not.toMatch(new RegExp(`${name} {2}body {2}src/content/`));
      const secret = readFileSync(path.join(outside, 'secret.png'));
      for (const entry of filesUnder(path.join(root, 'dist'))) {
        const full = path.join(root, 'dist', entry);
        if (statSync(full).isFile()) expect(readFileSync(full).equals(secret), entry).toBe(false);
      }
      await rm(path.join(root, 'src/content/blog', name));
    }
  });
});
