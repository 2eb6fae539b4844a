import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseFeed } from '@rowanmanning/feed-parser';
import { XMLParser } from 'fast-xml-parser';
import { SyntaxValidator } from 'fast-xml-validator';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { htmlPages } from '../helpers/crawl.ts';
import { distHas, page } from '../helpers/dist.ts';
import { PUBLISHED } from '../helpers/fixture-posts.ts';

const SITE = 'https://blog.example.com';
const NASTY = '</script><script>alert(1)</script> "quotes" & <tags>';
const BETA_TITLE = `Beta Post ${NASTY}`;

let dist = '';
beforeAll(() => {
  dist = path.join(inject('fixtureRoot'), 'dist');
});

const read = (urlPath: string) => readFileSync(path.join(dist, urlPath), 'utf8');

function feed(urlPath: string) {
  const xml = read(urlPath);
  expect(SyntaxValidator.validate(xml), `${urlPath} is well-formed XML`).toBe(true);
  return { xml, parsed: parseFeed(xml) };
}

/** Every URL in an HTML fragment: href, src and each srcset candidate. */
function urlsIn(html: string): string[] {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const found: string[] = [];
  for (const el of document.querySelectorAll('[href], [src], [srcset]')) {
    for (const name of ['href', 'src']) if (el.hasAttribute(name)) found.push(el.getAttribute(name)!);
    const srcset = el.getAttribute('srcset');
    if (srcset) found.push(...srcset.split(',').map((candidate) => candidate.trim().split(/\s+/)[0]!));
  }
  return found;
}

describe('/rss.xml', () => {
  it('is a well-formed RSS 2.0 feed with language, lastBuildDate and a self link', () => {
    const { xml, parsed } = feed('rss.xml');
    expect(parsed.meta.type).toBe('rss');
    expect(parsed.language).toBe('en');
    expect(parsed.self).toBe(`${SITE}/rss.xml`);
    const lastBuild = /<lastBuildDate>([^<]+)<\/lastBuildDate>/.exec(xml)![1]!;
    // The newest change among the posts (alpha's update on Mar 10), not the time of the build.
    expect(new Date(lastBuild).toISOString()).toBe('2026-03-10T04:00:00.000Z');
  });

  it('has one item per published post, newest first, with unique guids and valid dates', () => {
    const { xml, parsed } = feed('rss.xml');
    expect(parsed.items).toHaveLength(PUBLISHED);
    const guids = [...xml.matchAll(/<guid[^>]*>([^<]+)<\/guid>/g)].map((m) => m[1]);
    expect(new Set(guids).size).toBe(PUBLISHED);
    const dates = parsed.items.map((item) => item.published!.getTime());
    expect(dates.every((time) => Number.isFinite(time))).toBe(true);
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    expect(parsed.items[0]!.url).toBe(`${SITE}/blog/gamma/`);
    expect(xml).not.toMatch(/Secret Draft Zebra|Future Quokka/);
  });

  it('carries each whole post with absolute URLs only', () => {
    const { parsed } = feed('rss.xml');
    const alpha = parsed.items.find((item) => item.url === `${SITE}/blog/alpha-post/`)!;
    // The body's last section, not just the description.
    expect(alpha.content).toContain('About four gigabytes for a 7B model at 4 bits.');
    expect(alpha.description).toBe('The fixture post that exercises every field and body feature.');
    const gamma = parsed.items.find((item) => item.url === `${SITE}/blog/gamma/`)!;
    expect(gamma.content).toContain('The answer is 42.');
    for (const item of parsed.items) {
      expect(item.url).toMatch(/^https:\/\/blog\.example\.com\/blog\/[^/]+\/$/);
      for (const url of urlsIn(item.content!)) expect(url, `${item.url} links ${url}`).toMatch(/^(https?:|mailto:)/);
    }
    // Own-domain links and body images point at the site, absolute.
    expect(urlsIn(alpha.content!)).toEqual(expect.arrayContaining([`${SITE}/blog/beta-post/`, `${SITE}/blog/gamma/#details`]));
    expect(urlsIn(alpha.content!).some((url) => url.startsWith(`${SITE}/_img/`))).toBe(true);
  });

  it('makes raw HTML safe for feed readers', () => {
    const { parsed } = feed('rss.xml');
    const beta = parsed.items.find((item) => item.url === `${SITE}/blog/beta-post/`)!;
    expect(beta.content).toContain('A raw paragraph with an event handler.');
    expect(beta.content).not.toMatch(/<script|onclick|onerror|javascript:|rawScriptRan|evil\.example/i);
    // Its video facade is a plain link to the video in the feed: no iframe, no page-only play mark.
    expect(beta.content).toContain('<p><a href="https://www.youtube.com/watch?v=M7lc1UVf-VE">An allowed video</a></p>');
    expect(beta.content).not.toMatch(/<iframe|youtube-nocookie|data-page-only/);
    expect(beta.content).toContain('<summary>More</summary>');
  });

  it('gives the hero as an enclosure that exists in dist/ with its length and type', () => {
    const { parsed } = feed('rss.xml');
    const withHero = parsed.items.filter((item) => item.media.length > 0);
    // alpha, beta, gamma and every fourth filler (4, 8, … 28) have heroes; delta does not.
    expect(withHero.length).toBe(3 + 7);
    expect(parsed.items.find((item) => item.url === `${SITE}/blog/delta/`)!.media).toHaveLength(0);
    for (const item of withHero) {
      const media = item.media[0]!;
      expect(media.mimeType).toBe('image/webp');
      expect(media.url).toMatch(/^https:\/\/blog\.example\.com\/_img\/.+\.webp$/);
      const file = path.join(dist, new URL(media.url).pathname);
      expect(media.length).toBe(statSync(file).size);
    }
  });

  it('lists the category and the tags as categories, and the author', () => {
    const { xml, parsed } = feed('rss.xml');
    const alpha = parsed.items.find((item) => item.url === `${SITE}/blog/alpha-post/`)!;
    expect(alpha.categories.map((c) => c.label)).toEqual([
      'Artificial Intelligence',
      'C++',
      'Machine Learning',
      'edge ai',
      'on-device inference',
    ]);
    expect(alpha.authors.map((a) => a.name)).toEqual(['Jonas Müller']);
    expect(xml).toContain('<dc:creator>Jonas Müller</dc:creator>');
  });

  it('escapes titles, descriptions and alt text', () => {
    const { xml, parsed } = feed('rss.xml');
    const beta = parsed.items.find((item) => item.url === `${SITE}/blog/beta-post/`)!;
    expect(beta.title).toBe(BETA_TITLE);
    expect(beta.description).toBe(`A post in a folder with its hero beside it. ${NASTY.replace('alert(1)', 'alert(2)')}`);
    expect(xml).not.toContain('<script>');
  });
});

describe('category feeds', () => {
  it('exist for every category, with exactly that category’s posts', () => {
    const categories = htmlPages(dist).filter((p) => /^\/category\/[^/]+\/$/.test(p));
    expect(categories.length).toBeGreaterThan(3);
    for (const categoryPage of categories) {
      const { parsed } = feed(`${categoryPage}rss.xml`);
      const name = page(dist, categoryPage).querySelector('h1')!.textContent!.trim();
      const count = Number(/(\d+) posts?/.exec(page(dist, categoryPage).querySelector('.listing__count')!.textContent!)![1]);
      expect(parsed.items, categoryPage).toHaveLength(count);
      for (const item of parsed.items) expect(item.categories[0]!.label).toBe(name);
      expect(parsed.self).toBe(`${SITE}${categoryPage}rss.xml`);
    }
  });
});

describe('feed discovery', () => {
  it('every page links the site feed; category pages and posts also link their category feed', () => {
    for (const urlPath of htmlPages(dist)) {
      const links = [...page(dist, urlPath).querySelectorAll('link[rel="alternate"][type="application/rss+xml"]')].map((l) =>
        l.getAttribute('href'),
      );
      expect(links, urlPath).toContain(`${SITE}/rss.xml`);
      for (const link of links) expect(distHas(dist, new URL(link!).pathname), link!).toBe(true);
    }
    expect([...page(dist, '/blog/alpha-post/').querySelectorAll('link[rel="alternate"]')].map((l) => l.getAttribute('href'))).toContain(
      `${SITE}/category/artificial-intelligence/rss.xml`,
    );
    expect(
      [...page(dist, '/category/c-plus-plus/').querySelectorAll('link[rel="alternate"]')].map((l) => l.getAttribute('href')),
    ).toContain(`${SITE}/category/c-plus-plus/rss.xml`);
  });
});

describe('sitemap and robots.txt', () => {
  const xmlParser = new XMLParser({ isArray: (name) => name === 'url' || name === 'sitemap' });
  const locs = () => {
    const index = xmlParser.parse(read('sitemap-index.xml'));
    const entries: Array<{ loc: string; lastmod?: string }> = [];
    for (const sitemap of index.sitemapindex.sitemap) {
      expect(sitemap.loc).toMatch(/^https:\/\/blog\.example\.com\/sitemap-\d+\.xml$/);
      const xml = read(new URL(sitemap.loc).pathname);
      expect(SyntaxValidator.validate(xml)).toBe(true);
      entries.push(...xmlParser.parse(xml).urlset.url);
    }
    return entries;
  };

  it('lists every indexable page and nothing else, with absolute locations', () => {
    const entries = locs();
    for (const entry of entries) expect(entry.loc).toMatch(/^https:\/\/blog\.example\.com\//);
    const listed = entries.map((entry) => new URL(entry.loc).pathname).sort();
    const indexable = htmlPages(dist)
      .filter((urlPath) => urlPath !== '/404.html' && urlPath !== '/404/')
      .filter((urlPath) => page(dist, urlPath).querySelector('meta[name="robots"][content*="noindex"]') === null)
      .sort();
    expect(listed).toEqual(indexable);
    expect(listed).not.toContain('/404/');
    expect(listed.some((p) => p.includes('draft') || p.includes('future'))).toBe(false);
    // A one-post tag is noindex and left out.
    expect(listed).not.toContain('/tag/solo-tag-only-here/');
  });

  it('gives posts a lastmod in W3C date-time format from updatedDate or pubDate', () => {
    const entries = locs();
    const byPath = new Map(entries.map((entry) => [new URL(entry.loc).pathname, entry.lastmod]));
    const posts = entries.filter((entry) => /\/blog\/[^/]+\/$/.test(new URL(entry.loc).pathname) && !/\/blog\/\d+\/$/.test(entry.loc));
    expect(posts).toHaveLength(PUBLISHED);
    for (const post of posts) expect(post.lastmod, post.loc).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
    // alpha: updatedDate "2026-03-10", midnight in New York (EDT).
    expect(byPath.get('/blog/alpha-post/')).toBe('2026-03-10T04:00:00.000Z');
    // delta: no update, pubDate "Feb 10 2026" (EST).
    expect(byPath.get('/blog/delta/')).toBe('2026-02-10T05:00:00.000Z');
  });

  it('robots.txt allows crawling and points at the sitemap with the site URL', () => {
    const robots = read('robots.txt');
    expect(robots).toMatch(/^User-agent: \*$/m);
    expect(robots).toContain(`Sitemap: ${SITE}/sitemap-index.xml`);
  });
});
