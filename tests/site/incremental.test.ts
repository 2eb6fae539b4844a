import { linkSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTestImage } from '../helpers/fixture-site.ts';
import { makeProjectCopy, runScript } from '../helpers/project-copy.ts';
import { SITE } from '#src/site.config.ts';

/**
 * Listing and article pages carry cache keys (src/lib/build/page-keys.ts), so a
 * rebuild copies unchanged ones from Astro's page cache. A copied page must
 * never be stale, and what a page records for the sitemap (noindex, lastmod)
 * must survive the copy. The search index is copied when no article changed.
 */
let root = '';
const OLDER_POSTS = SITE.feedItems;
const html = (urlPath: string) => readFileSync(path.join(root, 'dist', urlPath, 'index.html'), 'utf8');

function post(slug: string, title: string, day: number, tags: string[], category = 'Notes'): string {
  return `---\ntitle: "${title}"\ndescription: "About ${slug}."\npubDate: "2026-02-${String(day).padStart(2, '0')}"\nheroImage: "/hero.webp"\nheroImageAlt: "A hero"\ncategory: "${category}"\nkeywords: [${tags.join(',')}]\n---\n\nBody of ${slug}.\n`;
}

/**
 * The pages a build rendered, as output files ("blog/first/index.html", "rss.xml"): those whose
 * copy in Astro's page cache changed (a page Astro renders is written there; one it copies is only
 * read). Astro 7.4's log, with pages rendered four at a time, may print a page's name and its
 * "(restored)" or "(+12ms)" apart, so the log does not tell.
 */
function renderedBy(build: () => void): Set<string> {
  const pages = path.join(root, '.cache/astro/dist');
  const stamps = () =>
    new Map(
      readdirSync(pages, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => {
          const file = path.join(entry.parentPath, entry.name);
          return [path.relative(pages, file), statSync(file).ctimeMs] as const;
        }),
    );
  const before = stamps();
  build();
  return new Set([...stamps()].filter(([file, ctime]) => before.get(file) !== ctime).map(([file]) => file));
}
const page = (urlPath: string) => `${urlPath.replace(/^\//, '')}index.html`;

beforeAll(async () => {
  const content = await mkdtemp(path.join(tmpdir(), 'blog-incremental-content-'));
  await writeFile(path.join(content, 'first.md'), post('first', 'First Post', 1, ['shared', 'only-first']));
  await writeFile(path.join(content, 'second.md'), post('second', 'Second Post', 2, ['shared']));
  await writeFile(path.join(content, 'third.md'), post('third', 'Third Post', 3, ['other']));
  // Its own category and tags, and not next to first: nothing on its page shows first.
  await writeFile(path.join(content, 'fourth.md'), post('fourth', 'Fourth Post', 4, ['apart'], 'Elsewhere'));
  // An older archive, so the feed has more posts than it carries (SITE.feedItems).
  for (let n = 1; n <= OLDER_POSTS; n += 1) {
    const minute = String(n).padStart(2, '0');
    await writeFile(
      path.join(content, `older-${minute}.md`),
      `---\ntitle: "Older Post ${minute}"\ndescription: "An older post."\npubDate: "2026-01-10T09:${minute}:00Z"\ncategory: "Archive"\nkeywords: [older-${minute}]\n---\n\nOlder body ${minute}.\n`,
    );
  }
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
      let result: ReturnType<typeof runScript> | undefined;
      const rendered = renderedBy(() => {
        result = runScript(root, 'build');
      });
      expect(result!.status, result!.stderr).toBe(0);
      // The tag page of posts that did not change is copied, not rendered.
      expect(rendered.has(page('/tag/other/'))).toBe(false);
      // Every page listing or linking the renamed post shows the new title:
      // listings, its own page, and the articles that show it as related or next.
      for (const urlPath of [
        '/blog/',
        '/tag/shared/',
        '/tag/only-first/',
        '/category/notes/',
        '/author/hifi-studio-and-mobile/',
        '/blog/first/',
        '/blog/second/',
        '/blog/third/',
      ]) {
        expect(html(urlPath), urlPath).toContain('First Post, Renamed');
        expect(rendered.has(page(urlPath)), urlPath).toBe(true);
      }
      // An article that shows nothing of the renamed post is copied.
      expect(rendered.has(page('/blog/fourth/'))).toBe(false);
      // Feeds carrying it are made again; the others are copied.
      expect(rendered.has('rss.xml')).toBe(true);
      expect(rendered.has('category/notes/rss.xml')).toBe(true);
      expect(rendered.has('category/elsewhere/rss.xml')).toBe(false);
      expect(readFileSync(path.join(root, 'dist/rss.xml'), 'utf8')).toContain('First Post, Renamed');
      // Its words changed, so the search index is made again.
      expect(result!.stdout).toContain(`search index: ${OLDER_POSTS + 4} posts in 1 shard, 1 made and 0 copied`);
    });
  });

  it('copies every article and the search index when nothing changed, however the build is started', () => {
    // The shell's `_` names the launcher (npm, npx, env, make); it once ended
    // up in every page's code and emptied the page cache (integrations/astro-internals/).
    let result: ReturnType<typeof runScript> | undefined;
    const rendered = renderedBy(() => {
      result = runScript(root, 'build', { _: '/usr/local/bin/another-launcher' });
    });
    expect(result!.status, result!.stderr).toBe(0);
    // The speed-ups of integrations/astro-internals/ still fit the installed Astro.
    expect(result!.stdout + result!.stderr).not.toContain("Astro's internals have changed");
    for (const slug of ['first', 'second', 'third', 'fourth', 'older-01']) expect(rendered.has(page(`/blog/${slug}/`)), slug).toBe(false);
    expect(result!.stdout).toContain(`search index: ${OLDER_POSTS + 4} posts, unchanged, copied from cache`);
    const entry = JSON.parse(readFileSync(path.join(root, 'dist/pagefind/pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, { page_count: number }>;
    };
    expect(Object.values(entry.languages)[0]?.page_count).toBe(OLDER_POSTS + 4);
    // Articles copied from the cache keep their lastmod in the sitemap.
    const sitemap = readFileSync(path.join(root, 'dist/sitemap-0.xml'), 'utf8');
    expect(sitemap).toMatch(/\/blog\/fourth\/<\/loc><lastmod>2026-02-04T/);
  });

  it('carries the newest posts in the feed, as many as SITE.feedItems', () => {
    const feed = readFileSync(path.join(root, 'dist/rss.xml'), 'utf8');
    const links = [...feed.matchAll(/<item>[\s\S]*?<link>([^<]+)<\/link>/g)].map((match) => new URL(match[1]!).pathname);
    expect(links).toHaveLength(SITE.feedItems);
    expect(links.slice(0, 5)).toEqual([
      '/blog/fourth/',
      '/blog/third/',
      '/blog/second/',
      '/blog/first/',
      `/blog/older-${String(OLDER_POSTS).padStart(2, '0')}/`,
    ]);
    // The oldest posts are on the site, not in the feed.
    expect(links).not.toContain('/blog/older-01/');
    expect(html('/blog/older-01/')).toContain('Older Post 01');
  });

  it('keeps pages copied from the cache that are noindex out of the sitemap', () => {
    let result: ReturnType<typeof runScript> | undefined;
    const rendered = renderedBy(() => {
      result = runScript(root, 'build');
    });
    expect(result!.status, result!.stderr).toBe(0);
    expect(rendered.has(page('/tag/only-first/'))).toBe(false);
    expect(html('/tag/only-first/')).toContain('name="robots" content="noindex"');
    const sitemap = readFileSync(path.join(root, 'dist/sitemap-0.xml'), 'utf8');
    expect(sitemap).toContain('/tag/shared/');
    expect(sitemap).not.toContain('/tag/only-first/');
    expect(sitemap).not.toContain('/tag/other/');
  });

  it('never changes a published page while it builds', async () => {
    // The live site is serving /blog/second/ (a link to it stands for a reader's open file, or a
    // deploy reading it). Rendering it again must write a new file, not change the one being served.
    const published = path.join(root, 'published-second.html');
    linkSync(path.join(root, 'dist/blog/second/index.html'), published);
    const file = path.join(root, 'src/content/blog/second.md');
    await writeFile(file, readFileSync(file, 'utf8').replace('title: "Second Post"', 'title: "Second Post, Renamed"'));
    const result = runScript(root, 'build');
    expect(result.status, result.stderr).toBe(0);
    expect(html('/blog/second/')).toContain('Second Post, Renamed');
    expect(readFileSync(published, 'utf8')).toContain('Second Post');
    expect(readFileSync(published, 'utf8')).not.toContain('Second Post, Renamed');
  });
});
