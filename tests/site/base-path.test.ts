import { copyFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distHas } from '../helpers/dist.ts';
import { writeFillerPosts, writeFixtureImages, writeScheduledPost } from '../helpers/fixture-site.ts';
import { makeProjectCopy, PROJECT_ROOT, runScript } from '../helpers/project-copy.ts';
import { siteReferences, type Reference } from '../helpers/references.ts';

/**
 * Hosting in a sub-folder (GitHub project pages): the fixture site built with
 * BASE_PATH=/blog-root/ and crawled. Every URL that points into the site, in
 * pages, stylesheets, feeds and the sitemap, must be under the base and reach
 * a built file.
 */
const BASE = '/blog-root/';
// A preview deploy on another origin than the configured one. The fixture
// posts link to each other with full URLs on the configured domain
// (blog.example.com), which must still count as the site's own.
const SITE_URL = 'https://preview.example.net';
const ORIGIN = new URL(SITE_URL).origin;

let root = '';
let dist = '';
let references: Reference[] = [];
let internal: Reference[] = [];

const show = (refs: Reference[]) => refs.map((r) => `${r.file}  ${r.where}  ${r.url}`);

beforeAll(async () => {
  root = await makeProjectCopy({ contentDir: path.join(PROJECT_ROOT, 'tests/fixtures/site/content/blog'), name: 'base-path' });
  await writeFixtureImages(root);
  await writeFillerPosts(path.join(root, 'src/content/blog'));
  await writeScheduledPost(path.join(root, 'src/content/blog'));
  await copyFile(path.join(PROJECT_ROOT, 'public/favicon.svg'), path.join(root, 'public/favicon.svg'));
  const result = runScript(root, 'build', { BASE_PATH: BASE, SITE_URL });
  expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
  dist = path.join(root, 'dist');
  references = siteReferences(dist, SITE_URL, BASE);
  internal = references.filter((ref) => ref.resolved.origin === ORIGIN);
});

afterAll(async () => {
  if (!process.env['KEEP_FIXTURES']) await rm(root, { recursive: true, force: true });
});

describe(`a site built with BASE_PATH=${BASE}`, () => {
  it('crawls every kind of reference, so the checks below are not vacuous', () => {
    const kinds = new Set(internal.map((ref) => ref.where.replace(/\[rel=[^\]]*\]/, '')));
    for (const kind of [
      'a[href]',
      'img[src]',
      'img[srcset]',
      'link[href]',
      'meta[og:image]',
      '<link>',
      '<guid>',
      '<loc>',
      '<enclosure url>',
      '<atom:link href>',
      'robots Sitemap:',
    ]) {
      expect(kinds, kind).toContain(kind);
    }
    const files = new Set(internal.map((ref) => ref.file));
    for (const file of [
      'index.html',
      '404.html',
      'blog/alpha-post/index.html',
      'rss.xml',
      'category/artificial-intelligence/rss.xml',
      'sitemap-index.xml',
      'sitemap-0.xml',
      'robots.txt',
    ]) {
      expect(files, file).toContain(file);
    }
    expect(internal.some((ref) => ref.where.startsWith('<content:encoded>'))).toBe(true);
  });

  it('puts every internal link, asset and feed URL under the base', () => {
    const outside = internal.filter((ref) => !ref.resolved.pathname.startsWith(BASE));
    expect(show(outside)).toEqual([]);
  });

  it('writes no root-relative URL that skips the base, in any file', () => {
    const rootRelative = references.filter((ref) => ref.url.startsWith('/') && !ref.url.startsWith('//') && !ref.url.startsWith(BASE));
    expect(show(rootRelative)).toEqual([]);
  });

  it('has a built file behind every internal URL', () => {
    // The 404 page names itself /404/ (canonical, og:url); static hosts serve it as 404.html.
    const followed = internal.filter((ref) => !(ref.file === '404.html' && ref.resolved.pathname === `${BASE}404/`));
    const missing = followed.filter((ref) => !distHas(dist, `/${ref.resolved.pathname.slice(BASE.length)}`));
    expect(show(missing)).toEqual([]);
  });

  it('gives feeds and the sitemap absolute URLs on the site URL', () => {
    const relative = references.filter((ref) => ref.file.endsWith('.xml') && !/^https?:\/\//.test(ref.url) && !ref.url.startsWith('#'));
    expect(show(relative)).toEqual([]);
    const feedLinks = internal.filter((ref) => ref.file === 'rss.xml' && ref.where === '<link>').map((ref) => ref.url);
    expect(feedLinks).toContain(`${ORIGIN}${BASE}`);
    expect(feedLinks).toContain(`${ORIGIN}${BASE}blog/alpha-post/`);
  });

  it('uses SITE_URL for canonical URLs and leaves no link to the configured domain behind', () => {
    const canonical = references.find((ref) => ref.file === 'index.html' && ref.where === 'link[href][rel=canonical]');
    expect(canonical?.url).toBe(`${ORIGIN}${BASE}`);
    const configured = references.filter((ref) => ref.resolved.host.endsWith('blog.example.com'));
    expect(show(configured)).toEqual([]);
  });

  it('links a post body to another post and its body image under the base', () => {
    const alpha = internal.filter((ref) => ref.file === 'blog/alpha-post/index.html').map((ref) => ref.resolved.pathname);
    expect(alpha).toContain(`${BASE}blog/beta-post/`);
    expect(alpha).toContain(`${BASE}blog/gamma/`);
    expect(alpha.some((p) => p.startsWith(`${BASE}_img/inline-`))).toBe(true);
    const beta = internal
      .filter((ref) => ref.file === 'blog/beta-post/index.html' && ref.where === 'img[src]')
      .map((ref) => ref.resolved.pathname);
    expect(beta.some((p) => p.startsWith(`${BASE}_img/hero-`))).toBe(true);
  });
});
