/** Series on the built fixture: the series page and index, the box and pager on each part, JSON-LD, sitemap, drafts left out. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { distText } from '../helpers/crawl.ts';
import { distHas, page } from '../helpers/dist.ts';
import { checkStructuredData } from '../helpers/structured-data-check.ts';

const SITE = 'https://blog.example.com';
const SERIES = '/series/the-writers-toolkit/';
const NAME = "The Writer's Toolkit";
/** Reading order: parts 1 and 2 by seriesOrder (part 2 is the older post), part 3 has none and follows them. */
const PARTS = ['/blog/toolkit-series-1/', '/blog/toolkit-series-2/', '/blog/toolkit-series-3/'];
const TITLES = [
  "The Writer's Toolkit, Part One: Plain Markdown",
  "The Writer's Toolkit, Part Two: Pictures",
  "The Writer's Toolkit, Part Three: Late at Night",
];

let dist = '';
beforeAll(() => {
  dist = path.join(inject('fixtureRoot'), 'dist');
});

const html = (urlPath: string) => readFileSync(path.join(dist, urlPath, 'index.html'), 'utf8');
const jsonLd = (doc: Document) =>
  [...doc.querySelectorAll('script[type="application/ld+json"]')].map((s) => JSON.parse(s.textContent!) as Record<string, unknown>);
const hrefs = (nodes: Iterable<Element>) => [...nodes].map((a) => a.getAttribute('href'));

describe('the series page', () => {
  it('lists the parts in reading order, numbered, under the series name', () => {
    const doc = page(dist, SERIES);
    expect(doc.querySelector('h1')!.textContent).toBe(NAME);
    expect(doc.querySelector('.listing__kind')!.textContent).toBe('Series');
    expect(hrefs(doc.querySelectorAll('ol.listing__parts > li .card__title a'))).toEqual(PARTS);
    expect([...doc.querySelectorAll('.listing__part')].map((p) => p.textContent)).toEqual(['Part 1', 'Part 2', 'Part 3']);
    expect(doc.querySelector('.listing__count')!.textContent).toContain('3 posts');
    expect(doc.querySelector('.listing__count a')!.getAttribute('href')).toBe('/series/');
  });

  it('has its own canonical, title and description, is indexable, and is in the sitemap with the index', () => {
    const doc = page(dist, SERIES);
    expect(doc.querySelector('link[rel="canonical"]')!.getAttribute('href')).toBe(`${SITE}${SERIES}`);
    expect(doc.title).toContain(NAME);
    expect(doc.querySelector('meta[name="description"]')!.getAttribute('content')).toContain('a series in 3 parts');
    expect(doc.querySelector('meta[name="robots"]')).toBeNull();
    const sitemap = readFileSync(path.join(dist, 'sitemap-0.xml'), 'utf8');
    expect(sitemap).toContain(`<loc>${SITE}${SERIES}</loc>`);
    expect(sitemap).toContain(`<loc>${SITE}/series/</loc>`);
  });

  it('its CollectionPage lists the parts in reading order', () => {
    const collection = jsonLd(page(dist, SERIES)).find((block) => block['@type'] === 'CollectionPage') as {
      mainEntity: { itemListElement: Array<{ position: number; url: string }> };
    };
    expect(collection.mainEntity.itemListElement.map((item) => [item.position, item.url])).toEqual(
      PARTS.map((p, i) => [i + 1, `${SITE}${p}`]),
    );
  });

  it('the index /series/ lists the series with its number of parts', () => {
    const doc = page(dist, '/series/');
    expect(doc.querySelector('h1')!.textContent).toBe('Series');
    const rows = [...doc.querySelectorAll('.term-index li')].map((li) => [
      li.querySelector('a')!.getAttribute('href'),
      li.querySelector('a')!.textContent,
      li.querySelector('.term-index__count')!.textContent,
    ]);
    expect(rows).toEqual([[SERIES, NAME, '3 parts']]);
  });
});

describe('a part of the series', () => {
  it.each(PARTS.map((url, index) => ({ url, index })))(
    '$url: "Part N of 3" under the title, every part linked, itself marked',
    ({ url, index }) => {
      const doc = page(dist, url);
      const box = doc.querySelector('.article__header nav.series-box')!;
      // Under the title and the meta line, before the hero and the text.
      expect(box.previousElementSibling!.classList.contains('article__meta')).toBe(true);
      const heading = box.querySelector('h2')!;
      expect(heading.textContent!.replace(/\s+/g, ' ').trim()).toBe(`Part ${index + 1} of 3 in ${NAME}`);
      expect(box.getAttribute('aria-labelledby')).toBe(heading.id);
      expect(heading.querySelector('a')!.getAttribute('href')).toBe(SERIES);
      const items = [...box.querySelectorAll('ol > li')];
      expect(items.map((li) => li.textContent!.trim())).toEqual(TITLES);
      expect(items.map((li) => li.querySelector('a')?.getAttribute('href') ?? null)).toEqual(PARTS.map((p, i) => (i === index ? null : p)));
      expect(items[index]!.querySelector('[aria-current="page"]')!.textContent).toBe(TITLES[index]);
      expect(box.querySelectorAll('[aria-current]')).toHaveLength(1);
    },
  );

  it.each([
    { url: PARTS[0]!, previous: null, next: PARTS[1]! },
    { url: PARTS[1]!, previous: PARTS[0]!, next: PARTS[2]! },
    { url: PARTS[2]!, previous: PARTS[1]!, next: null },
  ])('$url ends with the previous and next parts, and no other previous/next link', ({ url, previous, next }) => {
    const doc = page(dist, url);
    const pager = doc.querySelector('nav.pager')!;
    expect(pager.getAttribute('aria-label')).toBe(`Parts of ${NAME}`);
    expect(doc.querySelector('a[rel="prev"]')?.getAttribute('href') ?? null).toBe(previous);
    expect(doc.querySelector('a[rel="next"]')?.getAttribute('href') ?? null).toBe(next);
    expect(doc.querySelectorAll('a[rel="prev"]').length + doc.querySelectorAll('a[rel="next"]').length).toBe(
      Number(previous !== null) + Number(next !== null),
    );
    expect([...pager.querySelectorAll('span')].map((s) => s.textContent)).toEqual([
      ...(previous ? ['Previous part'] : []),
      ...(next ? ['Next part'] : []),
    ]);
  });

  it('related cards leave out the other parts: the box links them already', () => {
    for (const url of PARTS) {
      const related = hrefs(page(dist, url).querySelectorAll('.related .card__title a'));
      expect(
        related.filter((href) => PARTS.includes(href!)),
        url,
      ).toEqual([]);
    }
  });

  it('a post in no series keeps its box-less header and the older/newer pager', () => {
    const doc = page(dist, '/blog/delta/');
    expect(doc.querySelector('.series-box')).toBeNull();
    expect(doc.querySelector('nav.pager')!.getAttribute('aria-label')).toBe('More posts');
  });

  it('the BlogPosting isPartOf the CreativeWorkSeries, and the page passes the structured-data tool', async () => {
    for (const url of PARTS) {
      const posting = jsonLd(page(dist, url)).find((block) => block['@type'] === 'BlogPosting')!;
      expect(posting.isPartOf, url).toEqual({ '@type': 'CreativeWorkSeries', name: NAME, url: `${SITE}${SERIES}` });
    }
    expect(jsonLd(page(dist, '/blog/delta/')).find((block) => block['@type'] === 'BlogPosting')).not.toHaveProperty('isPartOf');
    for (const url of [PARTS[1]!, SERIES]) {
      const report = await checkStructuredData(url, html(url), ['Google']);
      expect(report.failures, url).toEqual([]);
    }
  });

  it('headings stay in order: the h1, then the box as the first h2, then the body', () => {
    const headings = [...page(dist, PARTS[0]!).querySelectorAll('main h1, main h2, main h3')];
    expect(headings.slice(0, 2).map((h) => h.tagName)).toEqual(['H1', 'H2']);
    expect(headings[1]!.classList.contains('series-box__heading')).toBe(true);
    expect(headings[2]!.textContent).toContain('Headings');
  });

  it('uses no style attribute', () => {
    for (const url of [...PARTS, SERIES, '/series/']) expect(html(url), url).not.toMatch(/\sstyle=/);
  });
});

describe('a draft part', () => {
  it('is never listed, counted, linked or published', () => {
    expect(distHas(dist, '/blog/toolkit-series-draft/')).toBe(false);
    const leaks = distText(dist).filter(({ text }) => /Secret Draft Walrus|toolkit-series-draft|walrus-draft-only-tag/.test(text));
    expect(leaks.map(({ file }) => file)).toEqual([]);
  });
});
