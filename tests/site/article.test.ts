import { existsSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { distHas, page } from '../helpers/dist.ts';

let dist = '';
beforeAll(() => {
  dist = path.join(inject('fixtureRoot'), 'dist');
});

const srcsetCandidates = (img: Element) =>
  img
    .getAttribute('srcset')!
    .split(',')
    .map((c) => {
      const [url, w] = c.trim().split(/\s+/);
      return { url: url!, width: Number(w!.replace('w', '')) };
    });

describe('article page /blog/<slug>/', () => {
  it('exists at the slug URL with title, description, author, category, dates and reading time', () => {
    const doc = page(dist, '/blog/alpha-post/');
    expect(doc.querySelector('title')!.textContent).toBe('Alpha Post: Edge Inference & You | Signal & Noise');
    const header = doc.querySelector('.article__header')!.textContent!;
    expect(header).toContain('The fixture post that exercises every field and body feature.');
    expect(header).toContain('By Jonas Müller');
    expect(header).toContain('Published March 4, 2026');
    expect(header).toContain('Updated March 10, 2026');
    expect(header).toContain('9 min read');
    expect(doc.querySelector('.article__meta a[href="/category/artificial-intelligence/"]')).not.toBeNull();
    expect(doc.querySelector('.article__meta a[href="/author/jonas-mueller/"]')).not.toBeNull();
  });

  it('has exactly one h1 although the body repeats the title, and shows the hero once', () => {
    const doc = page(dist, '/blog/alpha-post/');
    expect(doc.querySelectorAll('h1')).toHaveLength(1);
    expect(doc.querySelector('h1')!.textContent).toBe('Alpha Post: Edge Inference & You');
    const heroes = [...doc.querySelectorAll('img')].filter((img) => img.getAttribute('src')!.includes('hero-alpha'));
    expect(heroes).toHaveLength(1);
  });

  it('shows the hero as responsive webp: >= 4 widths that exist, with size, alt and priority', async () => {
    const doc = page(dist, '/blog/alpha-post/');
    const hero = doc.querySelector('.article__hero img')!;
    expect(hero.getAttribute('alt')).toBe('Alpha hero: a teal gradient with circles');
    expect(hero.getAttribute('width')).toBe('1600');
    expect(hero.getAttribute('height')).toBe('900');
    expect(hero.getAttribute('loading')).toBe('eager');
    expect(hero.getAttribute('fetchpriority')).toBe('high');
    expect(hero.getAttribute('sizes')).toMatch(/\d/);
    const candidates = srcsetCandidates(hero);
    expect(candidates.map((c) => c.width)).toEqual([480, 800, 1200, 1600]);
    for (const candidate of candidates) {
      expect(candidate.url).toMatch(/\.webp$/);
      const file = path.join(dist, candidate.url);
      expect(existsSync(file), candidate.url).toBe(true);
      const meta = await sharp(file).metadata();
      expect(meta.format).toBe('webp');
      expect(meta.width).toBe(candidate.width);
    }
    expect(distHas(dist, '/hero-alpha.webp')).toBe(true); // the original stays reachable
  });

  it('resolves a hero relative to the post and never upscales it', () => {
    const hero = page(dist, '/blog/beta-post/').querySelector('.article__hero img')!;
    expect(srcsetCandidates(hero).map((c) => c.width)).toEqual([480, 800, 1200]);
    for (const c of srcsetCandidates(hero)) expect(existsSync(path.join(dist, c.url))).toBe(true);
  });

  it('gives body images webp variants, dimensions and lazy loading', () => {
    const img = page(dist, '/blog/alpha-post/').querySelector('.prose img')!;
    expect(img.getAttribute('alt')).toBe('An inline diagram of a pipeline');
    expect(img.getAttribute('loading')).toBe('lazy');
    expect(img.getAttribute('width')).toBe('1000');
    expect(img.getAttribute('height')).toBe('600');
    const candidates = srcsetCandidates(img);
    expect(candidates.map((c) => c.width)).toEqual([480, 800, 1000]);
    for (const c of candidates) expect(existsSync(path.join(dist, c.url))).toBe(true);
  });

  it('rewrites links to our own domain as root-relative and keeps other links', () => {
    const hrefs = [...page(dist, '/blog/alpha-post/').querySelectorAll('.prose a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toContain('/blog/beta-post/');
    expect(hrefs).toContain('/blog/gamma/#details');
    expect(hrefs).toContain('https://example.org/page');
    expect(hrefs.filter((h) => h!.includes('blog.example.com'))).toEqual([]);
  });

  it('has a table of contents with working anchors for a long post, and none for a short one', () => {
    const doc = page(dist, '/blog/alpha-post/');
    const anchors = [...doc.querySelectorAll('.toc a')].map((a) => a.getAttribute('href')!);
    expect(anchors).toContain('#first-section');
    expect(anchors).toContain('#a-sub-section');
    for (const anchor of anchors) expect(doc.getElementById(anchor.slice(1)), anchor).not.toBeNull();
    expect(doc.querySelector('details.toc')).not.toBeNull();
    expect(page(dist, '/blog/beta-post/').querySelector('.toc')).toBeNull();
  });

  it('lists tags (keywords when there are no tags), share links, neighbours and related posts', () => {
    const doc = page(dist, '/blog/alpha-post/');
    const tags = [...doc.querySelectorAll('.tag-list a')].map((a) => [a.textContent, a.getAttribute('href')]);
    expect(tags).toContainEqual(['C++', '/tag/c-plus-plus/']);
    expect(tags).toContainEqual(['Machine Learning', '/tag/machine-learning/']);
    const share = [...doc.querySelectorAll('.share a')].map((a) => a.getAttribute('href')!);
    expect(share).toHaveLength(4);
    expect(share.every((href) => href.includes(encodeURIComponent('https://blog.example.com/blog/alpha-post/')))).toBe(true);
    // Only the site's own small scripts (theme switch, table of contents, copy buttons), none from elsewhere.
    expect([...doc.querySelectorAll('script[src]')].filter((script) => !script.getAttribute('src')!.startsWith('/_astro/'))).toEqual([]);
    expect(doc.querySelector('a[rel="next"]')!.getAttribute('href')).toBe('/blog/beta-post/');
    expect(doc.querySelector('a[rel="prev"]')!.getAttribute('href')).toBe('/blog/delta/');
    const related = [...doc.querySelectorAll('.related .card__title a')].map((a) => a.getAttribute('href'));
    expect(related.length).toBeGreaterThanOrEqual(3);
    expect(related.length).toBeLessThanOrEqual(4);
    expect(related[0]).toBe('/blog/beta-post/');
  });

  it('shows dates in the site time zone, never the day before', () => {
    // 23:30 in New York on 6 March is already 7 March in UTC.
    const time = page(dist, '/blog/gamma/').querySelector('.article__meta time')!;
    expect(time.textContent).toBe('March 6, 2026');
  });

  it('keeps code highlighting in Markdown and MDX posts, light and dark colours on every token, as classes', () => {
    for (const urlPath of ['/blog/alpha-post/', '/blog/gamma/']) {
      const block = page(dist, urlPath).querySelector('.prose pre.astro-code');
      expect(block, urlPath).not.toBeNull();
      const tokens = [...block!.querySelectorAll('.line > span')];
      expect(tokens.length, urlPath).toBeGreaterThan(3);
      for (const token of tokens) expect(token.className, urlPath).toMatch(/(?:^| )cl-[0-9a-f]{6}(?: .*)? cd-[0-9a-f]{6}(?: |$)/);
      expect(block!.querySelector('[style]'), urlPath).toBeNull();
    }
  });

  it('puts tables in a focusable, named region that scrolls on narrow screens', () => {
    const region = page(dist, '/blog/alpha-post/').querySelector('.prose .table-scroll')!;
    expect(region.tagName).toBe('SECTION');
    expect(region.getAttribute('tabindex')).toBe('0');
    expect(region.getAttribute('aria-label')).toBe('Table 1');
    expect(region.querySelector('table th')!.textContent).toBe('Model');
  });

  it('renders MDX posts', () => {
    expect(page(dist, '/blog/gamma/').querySelector('.prose')!.textContent).toContain('The answer is 42.');
  });

  it('leaves drafts and future posts out of a production build', () => {
    expect(distHas(dist, '/blog/draft-post/')).toBe(false);
    expect(distHas(dist, '/blog/future-post/')).toBe(false);
  });
});

describe('article hero preload', () => {
  it('preloads the hero from <head> with exactly its srcset and sizes, first', () => {
    for (const slug of ['alpha-post', 'beta-post']) {
      const doc = page(dist, `/blog/${slug}/`);
      const hero = doc.querySelector('.article__hero img')!;
      const preloads = [...doc.querySelectorAll('link[rel="preload"][as="image"]')];
      expect(preloads, slug).toHaveLength(1);
      const preload = preloads[0]!;
      expect(preload.parentElement!.tagName.toLowerCase()).toBe('head');
      expect(preload.getAttribute('imagesrcset')).toBe(hero.getAttribute('srcset'));
      expect(preload.getAttribute('imagesizes')).toBe(hero.getAttribute('sizes'));
      expect(preload.getAttribute('fetchpriority')).toBe('high');
      expect(preload.hasAttribute('href')).toBe(false);
    }
  });

  it('preloads nothing on an article without a hero, nor on listings', () => {
    for (const url of ['/blog/delta/', '/blog/', '/'])
      expect(page(dist, url).querySelectorAll('link[rel="preload"][as="image"]'), url).toHaveLength(0);
  });
  it('needs no stylesheet request before the first paint: the styles are in the page', () => {
    for (const url of ['/blog/alpha-post/', '/blog/', '/', '/404.html']) {
      const doc = page(dist, url);
      expect(doc.querySelectorAll('link[rel="stylesheet"]'), url).toHaveLength(0);
      const css = [...doc.querySelectorAll('head style')].map((style) => style.textContent).join('');
      // The layout's own rules are there, not just a fragment: the skip link and the prose column.
      expect(css, url).toContain('.skip-link');
    }
  });
});
