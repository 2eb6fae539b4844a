import { readdirSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distSnapshot } from '../helpers/crawl.ts';
import { writeTestImage } from '../helpers/fixture-site.ts';
import { makeProjectCopy, runScriptAsync } from '../helpers/project-copy.ts';

/**
 * Files a guest editor commits besides posts (issue 34): links in public/ and
 * beside posts that lead out of their folder, link loops, and SVGs that run
 * script. Each is added to a copy of a small site that has been built once,
 * and `npm run build` must stop before Astro starts with one
 * `file:line  field  message` line, no stack trace, and dist/ exactly as it
 * was, so nothing from outside the project reaches it.
 */

const SECRET = 'SECRET-DEPLOY-TOKEN-5f2a';
const post = (fields: string, body: string) =>
  `---\ntitle: "A Post"\ndescription: "One sentence."\npubDate: "2026-03-04"\ncategory: "Testing"\n${fields}---\n\n${body}\n`;
const SCRIPT_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">\n<script>fetch('/x?' + document.cookie)</script>\n</svg>\n`;

let template = '';
let outside = '';
const roots: string[] = [];

beforeAll(async () => {
  // What a link could reach: a folder outside the project, with a secret and an image in it.
  outside = await mkdtemp(path.join(tmpdir(), 'blog-outside-'));
  await writeFile(path.join(outside, 'secret.txt'), `${SECRET}\n`);
  await writeTestImage(path.join(outside, 'secret.webp'), 320, 180, 90);

  const content = await mkdtemp(path.join(tmpdir(), 'blog-guest-content-'));
  await writeFile(path.join(content, 'good-post.md'), post('heroImage: "/images/hero.webp"\nheroImageAlt: "Circles"\n', 'A valid post.'));
  template = await makeProjectCopy({ contentDir: content, name: 'guest-files' });
  await rm(content, { recursive: true });
  await writeTestImage(path.join(template, 'public/images/hero.webp'), 320, 180, 200);
  // Links that stay inside their folder are fine, and the site's own SVG passes.
  await symlink('images', path.join(template, 'public/pictures'), 'dir');
  await writeFile(path.join(template, 'public/logo.svg'), readFileSync(path.join(template, 'public/favicon.svg')));
  const built = await runScriptAsync(template, 'build');
  expect(built.status, built.stderr).toBe(0);
}, 300_000);

afterAll(async () => {
  if (process.env['KEEP_FIXTURES']) return;
  await Promise.all([template, outside, ...roots].filter(Boolean).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('the site the cases start from', () => {
  it('publishes what a link inside public/ points at, as a copy', () => {
    const dist = path.join(template, 'dist');
    expect(readFileSync(path.join(dist, 'pictures/hero.webp'))).toEqual(readFileSync(path.join(template, 'public/images/hero.webp')));
    expect(readFileSync(path.join(dist, 'logo.svg'), 'utf8')).toContain('<svg');
  });

  it('sends its SVG files with the CSP where headers exist: the _headers rule "/*" matches them', () => {
    // Netlify and Cloudflare Pages match _headers rules by path ("*" any text) and add every matching rule's headers.
    const rules = readFileSync(path.join(template, 'dist/_headers'), 'utf8').split(/\n(?=\/)/);
    const matching = rules.filter((rule) => {
      const pattern = rule
        .split('\n')[0]!
        .trim()
        .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
        .replaceAll('*', '.*');
      return new RegExp(`^${pattern}$`).test('/images/chart.svg');
    });
    const csp = matching.join('\n').match(/Content-Security-Policy: (.*)/)?.[1] ?? '';
    // No inline script or handlers, and nothing from another host.
    const scriptSources = /script-src ([^;]*)/.exec(csp)?.[1];
    expect(scriptSources, csp).toMatch(/^'self'/);
    expect(scriptSources).not.toContain("'unsafe-inline'");
    expect(csp).toMatch(/default-src 'self'/);
  });
});

interface GuestFile {
  name: string;
  /** Adds the guest's files to a copy of the template (its root). */
  add: (root: string) => Promise<void>;
  /** Every problem line the build prints. */
  lines: (string | RegExp)[];
}

const CASES: GuestFile[] = [
  {
    name: 'a file link in public/ to .git/config',
    add: async (root) => {
      await mkdir(path.join(root, '.git'));
      await writeFile(path.join(root, '.git/config'), `[http]\n\textraheader = AUTHORIZATION: basic ${SECRET}\n`);
      await symlink('../.git/config', path.join(root, 'public/gitconfig.txt'));
    },
    lines: [
      'public/gitconfig.txt:1  file  is a link to "../.git/config", outside public/; copy the file into public/ instead of linking it',
    ],
  },
  {
    name: 'a file link in public/ to a file outside the project',
    add: (root) => symlink(path.join(outside, 'secret.txt'), path.join(root, 'public/notes.txt')),
    lines: [
      /^public\/notes\.txt:1 {2}file {2}is a link to ".*secret\.txt", outside public\/; copy the file into public\/ instead of linking it$/,
    ],
  },
  {
    name: 'a folder link in public/ to a folder outside',
    add: (root) => symlink(outside, path.join(root, 'public/shared'), 'dir'),
    lines: [/^public\/shared:1 {2}file {2}is a link to ".*blog-outside-\w+", outside public\/; copy the file into public\/ instead/],
  },
  {
    name: 'a folder link in public/ to itself (a loop)',
    add: (root) => symlink('.', path.join(root, 'public/again'), 'dir'),
    lines: [
      'public/again:1  file  is a link to ".", a folder that leads back to the link itself, so copying public/ would never end; delete the link',
    ],
  },
  {
    name: 'a link in public/ to itself',
    add: (root) => symlink('loop.webp', path.join(root, 'public/loop.webp')),
    lines: ['public/loop.webp:1  file  is a link to "loop.webp" that loops back on itself; delete the link'],
  },
  {
    name: 'a hero beside a post that links to an image outside',
    add: async (root) => {
      await mkdir(path.join(root, 'src/content/blog/guest'));
      await writeFile(
        path.join(root, 'src/content/blog/guest/index.md'),
        post('heroImage: "./hero.webp"\nheroImageAlt: "A hero"\n', 'A guest post.'),
      );
      await symlink(path.join(outside, 'secret.webp'), path.join(root, 'src/content/blog/guest/hero.webp'));
    },
    // The post's own check names the field that uses the link (src/lib/urls/safe-paths.ts); this one names the link.
    lines: [
      /^src\/content\/blog\/guest\/hero\.webp:1 {2}file {2}is a link to ".*secret\.webp", outside src\/content\/; copy the file into src\/content\//,
      /^src\/content\/blog\/guest\/index\.md:6 {2}heroImage {2}"\.\/hero\.webp" is a link to ".*secret\.webp", outside src\/content\//,
    ],
  },
  {
    name: 'an SVG with a script in public/',
    add: (root) => writeFile(path.join(root, 'public/images/chart.svg'), SCRIPT_SVG),
    lines: [
      'public/images/chart.svg:2  svg  has a <script> element, which runs script; SVG images on this site cannot run script: remove it',
    ],
  },
  {
    name: 'an SVG with a script beside a post',
    add: async (root) => {
      await mkdir(path.join(root, 'src/content/blog/guest'));
      await writeFile(path.join(root, 'src/content/blog/guest/index.md'), post('', 'A diagram:\n\n![The pipeline](./diagram.svg)'));
      await writeFile(path.join(root, 'src/content/blog/guest/diagram.svg'), SCRIPT_SVG.replace('<svg ', '<svg onload="alert(1)" '));
    },
    lines: [
      'src/content/blog/guest/diagram.svg:1  svg  has an event handler onload="…" on <svg>, which runs script; remove the attribute',
      'src/content/blog/guest/diagram.svg:2  svg  has a <script> element, which runs script; SVG images on this site cannot run script: remove it',
    ],
  },
];

/** `  file:line  field  message` lines of the checker's report. */
const problemLines = (stderr: string) =>
  stderr
    .split('\n')
    .filter((line) => /^ {2}\S+:\d+ {2}/.test(line))
    .map((line) => line.trim());

/** Every file and link under a folder, links not followed, with what a file holds. */
function everything(folder: string): { links: string[]; text: string } {
  const entries = readdirSync(folder, { recursive: true, withFileTypes: true });
  const file = (entry: (typeof entries)[number]) => path.join(entry.parentPath, entry.name);
  return {
    links: entries.filter((entry) => entry.isSymbolicLink()).map(file),
    text: entries
      .filter((entry) => entry.isFile())
      .map((entry) => readFileSync(file(entry), 'latin1'))
      .join('\n'),
  };
}

/** A copy of the template, its dist/ included, with its link inside public/ relative again (a copy makes it absolute). */
async function copyOfTemplate(): Promise<string> {
  const root = await makeProjectCopy({
    contentDir: path.join(template, 'src/content/blog'),
    publicDir: path.join(template, 'public'),
    name: 'guest',
  });
  roots.push(root);
  await rm(path.join(root, 'public/pictures'));
  await symlink('images', path.join(root, 'public/pictures'), 'dir');
  await cp(path.join(template, 'dist'), path.join(root, 'dist'), { recursive: true });
  return root;
}

describe('npm run build with a guest file', () => {
  it.concurrent.each(CASES)('$name', async ({ add, lines }) => {
    const root = await copyOfTemplate();
    const before = distSnapshot(path.join(root, 'dist'));
    await add(root);

    const result = await runScriptAsync(root, 'build');
    const output = `${result.stdout}${result.stderr}`;
    expect(result.status, output).toBe(1);
    expect(result.stderr).toMatch(/^✗ \d+ problems? in (?:1 post and )?1 other file\. The site was not built; dist\/ is unchanged\./m);
    const printed = problemLines(result.stderr);
    expect(printed, output).toHaveLength(lines.length);
    for (const [index, expected] of lines.entries()) expect(printed[index]).toMatch(expected);
    // Stopped by the checker, before Astro started: no stack trace, no 10 KB path, no error class names.
    expect(output).not.toMatch(/\[build\]|\[content\]|generating static routes/);
    expect(output).not.toMatch(/^\s+at /m);
    expect(output).not.toMatch(/\b\w*(Error|Exception)\b:|ENAMETOOLONG|ELOOP/);
    for (const line of output.split('\n')) expect(line.length).toBeLessThan(400);
    // dist/ is the site as it was, with nothing from outside the project in it.
    expect(distSnapshot(path.join(root, 'dist'))).toEqual(before);
    const published = everything(path.join(root, 'dist'));
    expect(published.links).toEqual([]);
    expect(published.text).not.toContain(SECRET);
    expect(published.text).not.toContain(readFileSync(path.join(outside, 'secret.webp')).toString('latin1'));
  });

  it('fails `npm run check:posts` the same way', async () => {
    const root = await copyOfTemplate();
    await symlink(path.join(outside, 'secret.txt'), path.join(root, 'public/notes.txt'));
    const result = await runScriptAsync(root, 'check:posts');
    expect(result.status, result.stderr).toBe(1);
    expect(problemLines(result.stderr)).toEqual([
      expect.stringMatching(/^public\/notes\.txt:1 {2}file {2}is a link to ".*secret\.txt", outside public\//),
    ]);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});
