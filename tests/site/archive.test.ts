/** The archive by year, /archive/, on the built fixture: years and months newest first in the site time zone, links, sitemap, footer. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { page } from '../helpers/dist.ts';

const SITE = 'https://blog.example.com';
let dist = '';
beforeAll(() => {
  dist = path.join(inject('fixtureRoot'), 'dist');
});

describe('/archive/', () => {
  it('groups every published post by year and month, newest first', () => {
    const doc = page(dist, '/archive/');
    expect(doc.querySelector('h1')!.textContent).toBe('Archive');
    const outline = [...doc.querySelectorAll('main h2, main h3')].map((h) =>
      h.tagName === 'H2' ? h.firstChild!.textContent!.trim() : `  ${h.textContent}`,
    );
    expect(outline).toEqual(['2026', '  March 2026', '  February 2026', '  January 2026', '2025', '  December 2025', '  November 2025']);
    const count = (year: string) => doc.querySelector(`#y${year} .archive__count`)!.textContent;
    // 4 hand-written posts and 30 fillers in 2026; five FAQ posts and three series parts in 2025.
    expect([count('2026'), count('2025')]).toEqual(['34 posts', '8 posts']);
    expect(doc.querySelector('.listing__count')!.textContent).toContain('42 posts');
  });

  it('files a post published late in the evening in New York under its own month, not the next (UTC) one', () => {
    const doc = page(dist, '/archive/');
    const november = [...doc.querySelectorAll('#y2025-11 + .archive__posts li')].map((li) => [
      li.querySelector('time')!.textContent,
      li.querySelector('a')!.getAttribute('href'),
    ]);
    expect(november).toEqual([
      ['Nov 30', '/blog/toolkit-series-3/'],
      ['Nov 10', '/blog/toolkit-series-1/'],
      ['Nov 5', '/blog/toolkit-series-2/'],
    ]);
    const december = [...doc.querySelectorAll('#y2025-12 + .archive__posts a')].map((a) => a.getAttribute('href'));
    expect(december).not.toContain('/blog/toolkit-series-3/');
  });

  it('links every published post once, and no draft or scheduled post', () => {
    const doc = page(dist, '/archive/');
    const links = [...doc.querySelectorAll('.archive__posts a')].map((a) => a.getAttribute('href')!);
    expect(new Set(links).size).toBe(links.length);
    expect(links).toHaveLength(42);
    expect(links.filter((href) => /draft|future/.test(href))).toEqual([]);
    const years = [...doc.querySelectorAll('nav.archive__years a')].map((a) => [a.textContent, a.getAttribute('href')]);
    expect(years).toEqual([
      ['2026', '#y2026'],
      ['2025', '#y2025'],
    ]);
    expect(doc.querySelector('nav.archive__years')!.getAttribute('aria-label')).toBe('Years');
  });

  it('is in the sitemap, with its canonical, and linked from every page footer and to /blog/', () => {
    const doc = page(dist, '/archive/');
    expect(doc.querySelector('link[rel="canonical"]')!.getAttribute('href')).toBe(`${SITE}/archive/`);
    expect(doc.querySelector('meta[name="robots"]')).toBeNull();
    expect(readFileSync(path.join(dist, 'sitemap-0.xml'), 'utf8')).toContain(`<loc>${SITE}/archive/</loc>`);
    expect(doc.querySelector('.listing__count a')!.getAttribute('href')).toBe('/blog/');
    for (const url of ['/', '/blog/', '/blog/delta/']) {
      expect(page(dist, url).querySelector('footer a[href="/archive/"]')!.textContent!.trim(), url).toBe('Archive');
    }
    expect(readFileSync(path.join(dist, 'archive/index.html'), 'utf8')).not.toMatch(/\sstyle=/);
  });
});
