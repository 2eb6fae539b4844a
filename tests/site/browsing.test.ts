import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { htmlPages, distText } from '../helpers/crawl.ts';
import { distHas, page } from '../helpers/dist.ts';
import { TOOLKIT_POSTS } from '../helpers/fixture-posts.ts';

let dist = '';
beforeAll(() => {
  dist = path.join(inject('fixtureRoot'), 'dist');
});

/**
 * The fixture's published posts, newest first: the hand-written four, then 30
 * fillers dated January, then the five FAQ-form posts dated December 2025, then the toolkit's
 * posts dated November 2025: one per form (annotated code…), and the three parts of the fixture
 * series (newest first here; their reading order is tests/site/series.test.ts's).
 */
const HAND_WRITTEN = ['/blog/gamma/', '/blog/beta-post/', '/blog/alpha-post/', '/blog/delta/'];
const FILLERS = Array.from({ length: 30 }, (_, i) => `/blog/filler-${String(30 - i).padStart(2, '0')}/`);
const FAQ_FORMS = ['/blog/faq-off/', '/blog/faq-qa/', '/blog/faq-common/', '/blog/faq-bold/', '/blog/faq-numbered/'];
/** The toolkit's posts (one per writer's form, the series parts), dated November 2025, newest first. */
const TOOLKIT = TOOLKIT_POSTS;
const ALL_PUBLISHED = [...HAND_WRITTEN, ...FILLERS, ...FAQ_FORMS, ...TOOLKIT];

const cardLinks = (urlPath: string) => [...page(dist, urlPath).querySelectorAll('.card__title a')].map((a) => a.getAttribute('href'));
const robots = (urlPath: string) => page(dist, urlPath).querySelector('meta[name="robots"]')?.getAttribute('content') ?? null;

function collectPages(first: string, nth: (n: number) => string): string[][] {
  const pages: string[][] = [];
  for (let n = 1; distHas(dist, n === 1 ? first : nth(n)); n += 1) pages.push(cardLinks(n === 1 ? first : nth(n)) as string[]);
  return pages;
}

describe('home page', () => {
  it('features the newest post with its hero, then the latest posts as cards', () => {
    const doc = page(dist, '/');
    expect(doc.querySelectorAll('h1')).toHaveLength(1);
    expect(doc.querySelector('.featured__title a')!.getAttribute('href')).toBe('/blog/gamma/');
    const hero = doc.querySelector('.featured img')!;
    expect(hero.getAttribute('fetchpriority')).toBe('high');
    expect(hero.getAttribute('srcset')).toMatch(/\.webp 1600w/);
    expect(cardLinks('/')).toEqual(ALL_PUBLISHED.slice(1, 10));
    const card = doc.querySelector('.card')!;
    expect(card.querySelector('.card__description')!.textContent).toBe(
      'A post in a folder with its hero beside it. </script><script>alert(2)</script> "quotes" & <tags>',
    );
    expect(card.querySelector('time')!.textContent).toBe('March 5, 2026');
    expect(card.querySelector('.card__category a')!.textContent).toBe('Artificial Intelligence');
    expect(card.textContent).toMatch(/\d+ min read/);
    expect(card.querySelector('img')!.getAttribute('srcset')).toMatch(/480w/);
  });

  it('links to the archive and every category', () => {
    const hrefs = [...page(dist, '/').querySelectorAll('main a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toContain('/blog/');
    expect(hrefs).toContain('/categories/');
    for (const category of [
      '/category/artificial-intelligence/',
      '/category/finance-and-crypto/',
      '/category/web-development/',
      '/category/c-plus-plus/',
    ]) {
      expect(hrefs).toContain(category);
    }
  });
});

describe('archive /blog/', () => {
  it('lists every published post newest first over numbered pages', () => {
    const pages = collectPages('/blog/', (n) => `/blog/${n}/`);
    expect(pages.map((p) => p.length)).toEqual(
      Array.from({ length: Math.ceil(ALL_PUBLISHED.length / 10) }, (_, i) => Math.min(10, ALL_PUBLISHED.length - i * 10)),
    );
    expect(pages.flat()).toEqual(ALL_PUBLISHED);
  });

  it('has previous/next links and page numbers', () => {
    const doc = page(dist, '/blog/2/');
    expect(doc.querySelector('.pagination a[rel="prev"]')!.getAttribute('href')).toBe('/blog/');
    expect(doc.querySelector('.pagination a[rel="next"]')!.getAttribute('href')).toBe('/blog/3/');
    expect(doc.querySelector('.pagination a[aria-current="page"]')!.textContent).toContain('2');
    expect([...doc.querySelectorAll('.pagination ol a')].map((a) => a.getAttribute('href'))).toEqual([
      '/blog/',
      '/blog/2/',
      '/blog/3/',
      '/blog/4/',
      '/blog/5/',
    ]);
    expect(page(dist, '/blog/').querySelector('.pagination a[rel="prev"]')).toBeNull();
    expect(page(dist, '/blog/5/').querySelector('.pagination a[rel="next"]')).toBeNull();
    expect(distHas(dist, '/blog/6/')).toBe(false);
    expect(page(dist, '/blog/3/').querySelector('title')!.textContent).toContain('page 3 of 5');
  });
});

describe('category and tag pages', () => {
  it('paginates a category with its heading, count and index link', () => {
    const pages = collectPages('/category/artificial-intelligence/', (n) => `/category/artificial-intelligence/${n}/`);
    const expected = ALL_PUBLISHED.filter(
      (url) =>
        ['/blog/beta-post/', '/blog/alpha-post/', ...FAQ_FORMS, ...TOOLKIT].includes(url) ||
        /filler-(01|04|07|10|13|16|19|22|25|28)/.test(url),
    );
    expect(pages.flat()).toEqual(expected);
    expect(pages.map((p) => p.length)).toEqual([10, 8]);
    const doc = page(dist, '/category/artificial-intelligence/');
    expect(doc.querySelector('h1')!.textContent).toBe('Artificial Intelligence');
    expect(doc.querySelector('.listing__count')!.textContent).toContain('18 posts');
    expect(doc.querySelector('.listing__count a')!.getAttribute('href')).toBe('/categories/');
    expect(robots('/category/artificial-intelligence/')).toBeNull();
  });

  it('gives tricky names valid, distinct URLs', () => {
    for (const url of [
      '/category/c-plus-plus/',
      '/category/finance-and-crypto/',
      '/tag/c-plus-plus/',
      '/tag/c-sharp/',
      '/tag/finance-and-crypto/',
      '/tag/日本語のタグ/',
      '/author/jonas-mueller/',
    ]) {
      expect(distHas(dist, url), url).toBe(true);
    }
    expect(page(dist, '/tag/日本語のタグ/').querySelector('h1')!.textContent).toBe('日本語のタグ');
    expect(page(dist, '/tag/c-sharp/').querySelector('h1')!.textContent).toBe('C#');
  });

  it('merges spellings that share a slug under one stable name', () => {
    const doc = page(dist, '/tag/machine-learning/');
    expect(doc.querySelector('h1')!.textContent).toBe('Machine Learning');
    expect(cardLinks('/tag/machine-learning/')).toEqual(['/blog/beta-post/', '/blog/alpha-post/', '/blog/delta/']);
    expect(page(dist, '/blog/beta-post/').querySelector('.tag-list a[href="/tag/machine-learning/"]')!.textContent).toBe(
      'Machine Learning',
    );
  });

  it('uses keywords as tags when a post has no tags', () => {
    expect(cardLinks('/tag/edge-ai/')).toContain('/blog/alpha-post/');
    expect(cardLinks('/tag/web-performance/')).not.toContain('/blog/beta-post/'); // beta has tags, so its keywords are not tags
  });

  it('marks one-post terms noindex and keeps them out of the sitemap', () => {
    for (const url of ['/tag/c-sharp/', '/tag/solo-tag-only-here/', '/category/c-plus-plus/', '/tag/日本語のタグ/']) {
      expect(robots(url), url).toBe('noindex');
    }
    expect(robots('/tag/c-plus-plus/')).toBeNull();
    const sitemap = readFileSync(path.join(dist, 'sitemap-0.xml'), 'utf8');
    expect(sitemap).toContain('/tag/c-plus-plus/');
    expect(sitemap).not.toContain('/tag/c-sharp/');
    expect(sitemap).not.toContain('/category/c-plus-plus/');
    expect(sitemap).not.toContain('solo-tag-only-here');
  });

  it('lists every term with its post count on /categories/ and /tags/', () => {
    const counts = (url: string) =>
      Object.fromEntries(
        [...page(dist, url).querySelectorAll('.term-index li')].map((li) => [
          li.querySelector('a')!.textContent,
          li.querySelector('.term-index__count')!.textContent,
        ]),
      );
    expect(counts('/categories/')).toEqual({
      'Artificial Intelligence': '18 posts',
      'C++': '1 post',
      'Finance & Crypto': '11 posts',
      'Web Development': '16 posts',
      Writing: '3 posts',
    });
    const tags = counts('/tags/');
    expect(tags['Machine Learning']).toBe('3 posts');
    expect(tags['C++']).toBe('2 posts');
    for (const [name, count] of Object.entries(tags)) {
      const link = [...page(dist, '/tags/').querySelectorAll('.term-index a')].find((a) => a.textContent === name)!;
      const total = page(dist, link.getAttribute('href')!).querySelector('.listing__count')!.textContent!;
      expect(total, name).toContain(count);
    }
  });

  it("lists an author's posts", () => {
    expect(cardLinks('/author/jonas-mueller/')).toEqual(['/blog/alpha-post/', '/blog/delta/']);
    expect(page(dist, '/author/jonas-mueller/').querySelector('h1')!.textContent).toBe('Jonas Müller');
  });
});

describe('article breadcrumbs and 404', () => {
  it('shows Home › Category › Post on articles', () => {
    const crumbs = [...page(dist, '/blog/gamma/').querySelectorAll('.breadcrumbs li')].map((li) => li.textContent!.trim());
    expect(crumbs).toEqual(['Home', 'Finance & Crypto', 'Gamma in MDX']);
  });

  it('has a 404 page with the newest posts and the categories', () => {
    const doc = page(dist, '/404.html');
    const hrefs = [...doc.querySelectorAll('main a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toContain('/blog/gamma/');
    expect(hrefs).toContain('/category/finance-and-crypto/');
    expect(doc.querySelector('meta[name="robots"]')!.getAttribute('content')).toBe('noindex');
  });
});

describe('drafts and scheduled posts', () => {
  it('leak nowhere in the production output', () => {
    const secrets = [
      'Secret Draft Zebra',
      'draft-post',
      'zebra-draft-only-tag',
      'Drafty Category',
      'drafty-category',
      'Future Quokka',
      'future-post',
      'quokka-future-only-tag',
      'Futuristic',
      'futuristic-category',
    ];
    const leaks = distText(dist).flatMap(({ file, text }) => secrets.filter((s) => text.includes(s)).map((s) => `${file}: ${s}`));
    expect(leaks).toEqual([]);
  });
});

describe('links', () => {
  it('every internal link on every page resolves to a file in dist/', () => {
    const broken: string[] = [];
    for (const url of htmlPages(dist)) {
      for (const a of page(dist, url).querySelectorAll('a[href^="/"]')) {
        const href = a.getAttribute('href')!;
        if (!distHas(dist, href)) broken.push(`${url} -> ${href}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
