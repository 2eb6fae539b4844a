import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTestImage } from '../helpers/fixture-site.ts';
import { makeProjectCopy, runScript } from '../helpers/project-copy.ts';

/**
 * Listing pages carry cache keys (src/lib/page-keys.ts), so a rebuild copies
 * unchanged ones from Astro's page cache. A copied page must never be stale,
 * and what a page records while rendering (noindex) must survive the copy.
 */
let root = '';
const html = (urlPath: string) => readFileSync(path.join(root, 'dist', urlPath, 'index.html'), 'utf8');

function post(slug: string, title: string, day: number, tags: string[]): string {
  return `---\ntitle: "${title}"\ndescription: "About ${slug}."\npubDate: "2026-02-${String(day).padStart(2, '0')}"\nheroImage: "/hero.webp"\nheroImageAlt: "A hero"\ncategory: "Notes"\nkeywords: [${tags.join(',')}]\n---\n\nBody of ${slug}.\n`;
}

beforeAll(async () => {
  const content = await mkdtemp(path.join(tmpdir(), 'blog-incremental-content-'));
  await writeFile(path.join(content, 'first.md'), post('first', 'First Post', 1, ['shared', 'only-first']));
  await writeFile(path.join(content, 'second.md'), post('second', 'Second Post', 2, ['shared']));
  await writeFile(path.join(content, 'third.md'), post('third', 'Third Post', 3, ['other']));
  root = await makeProjectCopy({ contentDir: content, name: 'incremental' });
  await rm(content, { recursive: true });
  await writeTestImage(path.join(root, 'public/hero.webp'), 800, 450, 120);
  const first = runScript(root, 'build');
  expect(first.status, first.stderr).toBe(0);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('an incremental rebuild', () => {
  it('copies unchanged listing pages and renders the ones whose cards changed', () => {
    const file = path.join(root, 'src/content/blog/first.md');
    const text = readFileSync(file, 'utf8');
    return writeFile(file, text.replace('title: "First Post"', 'title: "First Post, Renamed"')).then(() => {
      const result = runScript(root, 'build');
      expect(result.status, result.stderr).toBe(0);
      // The tag page of posts that did not change is copied, not rendered.
      expect(result.stdout).toMatch(/\/tag\/other\/index\.html \((?:restored|cached)\)/);
      // Every page listing the renamed post shows the new title.
      for (const listing of ['/blog/', '/tag/shared/', '/tag/only-first/', '/category/notes/', '/author/hifi-studio-and-mobile/']) {
        expect(html(listing), listing).toContain('First Post, Renamed');
      }
    });
  });

  it('keeps pages copied from the cache that are noindex out of the sitemap', () => {
    const result = runScript(root, 'build');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/\/tag\/only-first\/index\.html \((?:restored|cached)\)/);
    expect(html('/tag/only-first/')).toContain('name="robots" content="noindex"');
    const sitemap = readFileSync(path.join(root, 'dist/sitemap-0.xml'), 'utf8');
    expect(sitemap).toContain('/tag/shared/');
    expect(sitemap).not.toContain('/tag/only-first/');
    expect(sitemap).not.toContain('/tag/other/');
  });
});
