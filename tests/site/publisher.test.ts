import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { htmlPages } from '../helpers/crawl.ts';
import { page } from '../helpers/dist.ts';
import { FIXTURE_X } from '../helpers/fixture-site.ts';

/**
 * What search engines and link previews read about the site as a whole: its
 * logo (as the articles' publisher and the home page's Organization), its
 * name (WebSite), its locale and its X accounts.
 */
const ORIGIN = 'https://blog.example.com';
type Json = Record<string, unknown>;

let dist = '';
beforeAll(() => {
  dist = path.join(inject('fixtureRoot'), 'dist');
});

const jsonLd = (doc: Document, type: string) =>
  [...doc.querySelectorAll('script[type="application/ld+json"]')]
    .map((script) => JSON.parse(script.textContent!) as Json)
    .filter((data) => data['@type'] === type);
const meta = (doc: Document, key: string) =>
  [...doc.querySelectorAll(`meta[property="${key}"], meta[name="${key}"]`)].map((el) => el.getAttribute('content'));

describe('the site logo', () => {
  it('is a 512x512 PNG in dist/, named as publisher logo by every article and by the home page', async () => {
    const home = page(dist, '/');
    const [org] = jsonLd(home, 'Organization');
    const logo = org!['logo'] as Json;
    expect(logo).toMatchObject({ '@type': 'ImageObject', width: 512, height: 512 });
    expect(logo['url']).toMatch(/^https:\/\/blog\.example\.com\/_img\/logo-[0-9a-f]{12}-512\.png$/);
    const file = path.join(dist, new URL(logo['url'] as string).pathname);
    const info = await sharp(file).metadata();
    expect([info.format, info.width, info.height]).toEqual(['png', 512, 512]);

    const articles = htmlPages(dist).filter((urlPath) => /^\/blog\/(?!\d+\/)[^/]+\/$/.test(urlPath));
    expect(articles.length).toBeGreaterThanOrEqual(30);
    for (const urlPath of articles) {
      const [posting] = jsonLd(page(dist, urlPath), 'BlogPosting');
      expect(posting!['publisher'], urlPath).toEqual({ '@type': 'Organization', name: 'Signal & Noise', url: `${ORIGIN}/`, logo });
    }
  });

  it('is made once and then reused from the cache folder', () => {
    expect(inject('fixtureRebuildLog')).toMatch(/site logo 512x512: reused from cache from favicon\.svg/);
  });
});

describe('the home page', () => {
  it('names the site (WebSite) and the organisation behind it (Organization), the one publishing the articles', () => {
    const home = page(dist, '/');
    const [site] = jsonLd(home, 'WebSite');
    const [org] = jsonLd(home, 'Organization');
    expect(site).toMatchObject({ name: 'Signal & Noise', url: `${ORIGIN}/`, inLanguage: 'en' });
    expect(org).toMatchObject({ name: 'Signal & Noise', url: `${ORIGIN}/` });
    expect(site!['publisher']).toEqual({ '@type': 'Organization', name: 'Signal & Noise', url: `${ORIGIN}/`, logo: org!['logo'] });
    // Only the home page: other listings are not where Google reads them.
    expect(jsonLd(page(dist, '/blog/'), 'WebSite')).toEqual([]);
  });
});

describe('og:locale and the X accounts', () => {
  it('give every page og:locale from the site language, and twitter:site from the settings', () => {
    const pages = htmlPages(dist);
    expect(pages.length).toBeGreaterThan(40);
    for (const urlPath of pages) {
      const doc = page(dist, urlPath);
      expect(meta(doc, 'og:locale'), urlPath).toEqual(['en_US']);
      expect(meta(doc, 'twitter:site'), urlPath).toEqual([FIXTURE_X.site]);
      expect(meta(doc, 'twitter:creator'), urlPath).toHaveLength(1);
    }
  });

  it("make the author's own account the creator of their posts, and the site's account that of everything else", () => {
    // "Jonas Müller" writes alpha-post; the settings spell him "Jonas Mueller" (the same author page).
    expect(meta(page(dist, '/blog/alpha-post/'), 'twitter:creator')).toEqual([FIXTURE_X.authorHandle]);
    expect(meta(page(dist, '/blog/gamma/'), 'twitter:creator')).toEqual([FIXTURE_X.site]);
    expect(meta(page(dist, '/'), 'twitter:creator')).toEqual([FIXTURE_X.site]);
    expect(meta(page(dist, '/author/jonas-mueller/'), 'twitter:creator')).toEqual([FIXTURE_X.site]);
  });
});
