import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distFiles, distSnapshot } from '../helpers/crawl.ts';
import { writeTestImage } from '../helpers/fixture-site.ts';
import { makeProjectCopy, runScript } from '../helpers/project-copy.ts';

let root = '';

beforeAll(async () => {
  const content = await mkdtemp(path.join(tmpdir(), 'blog-safe-content-'));
  await mkdir(path.join(content, 'beta-post'));
  await writeFile(
    path.join(content, 'beta-post/index.md'),
    '---\ntitle: "Beta"\ndescription: "D"\npubDate: "2026-03-05"\nheroImage: "./hero.webp"\nheroImageAlt: "A hero"\ncategory: "C"\n---\nBody.\n',
  );
  await writeFile(
    path.join(content, 'other.md'),
    '---\ntitle: "Other"\ndescription: "D"\npubDate: "2026-03-06"\ncategory: "C"\n---\nBody.\n\n![An inline picture](/inline.webp)\n',
  );
  root = await makeProjectCopy({ contentDir: content, name: 'safe' });
  await rm(content, { recursive: true });
  await writeTestImage(path.join(root, 'src/content/blog/beta-post/hero.webp'), 800, 450, 20);
  await writeTestImage(path.join(root, 'public/inline.webp'), 900, 500, 200);
  const first = runScript(root, 'build');
  expect(first.status, first.stderr).toBe(0);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('a failed build', () => {
  it('names the file, the field and the fix, prints no stack trace, and leaves dist/ untouched', async () => {
    const before = distSnapshot(path.join(root, 'dist'));
    expect(Object.keys(before)).toContain('blog/beta-post/index.html');
    await writeFile(
      path.join(root, 'src/content/blog/bad.md'),
      '---\ntitle: "Bad"\ndescription: "D"\npubDate: "2026-02-30"\ncategory: "C"\n---\nBody.\n',
    );
    const result = runScript(root, 'build');
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('src/content/blog/bad.md:4  pubDate  "2026-02-30" is not a real date: Feb 2026 has 28 days');
    expect(result.stderr).toContain('dist/ is unchanged');
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/^\s+at /m);
    expect(distSnapshot(path.join(root, 'dist'))).toEqual(before);
    await rm(path.join(root, 'src/content/blog/bad.md'));
  });

  it('reports an image that cannot be decoded, naming the post, without replacing dist/', async () => {
    const before = distSnapshot(path.join(root, 'dist'));
    const hero = path.join(root, 'src/content/blog/beta-post/hero.webp');
    const good = readFileSync(hero);
    await writeFile(hero, good.subarray(0, Math.floor(good.length / 2)));
    const result = runScript(root, 'build');
    await writeFile(hero, good);
    const output = `${result.stdout}${result.stderr}`;
    expect(result.status).not.toBe(0);
    expect(output).toContain('src/content/blog/beta-post/index.md');
    expect(output).toContain('heroImage');
    expect(output).not.toMatch(/^\s+at /m);
    expect(distSnapshot(path.join(root, 'dist'))).toEqual(before);
  });
});

describe('the image cache', () => {
  it('rebuilds when its folder was deleted but Astro still has cached Markdown', async () => {
    await rm(path.join(root, '.cache/astro/blog-images'), { recursive: true, force: true });
    const result = runScript(root, 'build');
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
    // Everything is made again (the feeds' hero enclosures are made while rendering, so
    // the build hook finds those few already there).
    expect(result.stdout).toMatch(/image variants: [1-9]\d* made/);
    const html = readFileSync(path.join(root, 'dist/blog/other/index.html'), 'utf8');
    const variants = [...html.matchAll(/\/_img\/(inline-[^" ]+\.webp)/g)].map((m) => m[1]!);
    expect(variants.length).toBeGreaterThan(0);
    for (const name of variants) expect(distFiles(path.join(root, 'dist'))).toContain(path.join('_img', name));
  });
});

describe('the content cache', () => {
  it('renders cached posts again when the Markdown plugins change', async () => {
    const plugin = path.join(root, 'src/lib/markdown/rehype-table-scroll.ts');
    const other = () => readFileSync(path.join(root, 'dist/blog/other/index.html'), 'utf8');
    expect(other()).not.toContain('data-plugin-changed');
    // Only the plugin changes, not the post or the config: Astro alone would reuse the cached HTML.
    const code = readFileSync(plugin, 'utf8');
    const marker = "tree.children.push({ type: 'element', tagName: 'p', properties: { dataPluginChanged: '' }, children: [] });";
    expect(code).toContain('    let count = 0;');
    await writeFile(plugin, code.replace('    let count = 0;', `    ${marker}\n    let count = 0;`));
    try {
      const result = runScript(root, 'build');
      expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
      expect(result.stdout).toContain('rendering every post again');
      expect(other()).toContain('data-plugin-changed');
    } finally {
      await writeFile(plugin, code);
    }
  });
});
