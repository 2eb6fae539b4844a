import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import sharp from 'sharp';
import { visit } from 'unist-util-visit';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { htmlPages } from '../helpers/crawl.ts';
import { distHas, page } from '../helpers/dist.ts';
import { PUBLISHED } from '../helpers/fixture-posts.ts';
import { THEME_SCRIPT } from '#src/lib/theme/theme-script.ts';

const SITE = 'https://blog.example.com';
const NASTY = '</script><script>alert(1)</script> "quotes" & <tags>';
const BETA_TITLE = `Beta Post ${NASTY}`;
const BETA_DESCRIPTION = `A post in a folder with its hero beside it. ${NASTY.replace('alert(1)', 'alert(2)')}`;
const BETA_ALT = `Beta hero: an orange gradient ${NASTY.replace('alert(1)', 'alert(3)')}`;

let dist = '';
beforeAll(() => {
  dist = path.join(inject('fixtureRoot'), 'dist');
});

const meta = (doc: Document, key: string) =>
  doc.querySelector(`meta[property="${key}"], meta[name="${key}"]`)?.getAttribute('content') ?? null;
const metaAll = (doc: Document, key: string) => [...doc.querySelectorAll(`meta[property="${key}"]`)].map((m) => m.getAttribute('content'));

type Json = Record<string, unknown>;
function jsonLd(doc: Document): Json[] {
  return [...doc.querySelectorAll('script[type="application/ld+json"]')].map((script) => JSON.parse(script.textContent!) as Json);
}

describe('meta tags on every page', () => {
  it('title, description, absolute canonical, Open Graph and Twitter card, with an image that exists', async () => {
    const pages = htmlPages(dist);
    expect(pages.length).toBeGreaterThan(40);
    const cards = new Set<string>();
    for (const urlPath of pages) {
      const doc = page(dist, urlPath);
      expect(doc.title, urlPath).not.toBe('');
      expect(meta(doc, 'description'), urlPath).toBeTruthy();
      const canonical = doc.querySelector('link[rel="canonical"]')!.getAttribute('href')!;
      if (!urlPath.startsWith('/404')) expect(canonical, urlPath).toBe(new URL(urlPath, SITE).href);
      expect(meta(doc, 'og:url')).toBe(canonical);
      expect(meta(doc, 'og:title')).toBeTruthy();
      expect(meta(doc, 'og:description')).toBe(meta(doc, 'description'));
      expect(meta(doc, 'og:site_name')).toBe('Signal & Noise');
      expect(meta(doc, 'twitter:card')).toBe('summary_large_image');
      const image = meta(doc, 'og:image')!;
      expect(image, urlPath).toMatch(/^https:\/\/blog\.example\.com\/_social\/.+\.jpg$/);
      expect(meta(doc, 'twitter:image')).toBe(image);
      expect(meta(doc, 'og:image:width')).toBe('1200');
      expect(meta(doc, 'og:image:height')).toBe('630');
      expect(meta(doc, 'og:image:alt')).toBeTruthy();
      expect(distHas(dist, new URL(image).pathname), image).toBe(true);
      cards.add(new URL(image).pathname);
    }
    // Each social card really is a 1200x630 JPEG.
    for (const card of cards) {
      const info = await sharp(path.join(dist, card)).metadata();
      expect([info.format, info.width, info.height], card).toEqual(['jpeg', 1200, 630]);
    }
  });

  it('carries the Content-Security-Policy as a <meta> on every page', () => {
    for (const urlPath of htmlPages(dist)) {
      const policy = page(dist, urlPath).querySelector('meta[http-equiv="content-security-policy"]')?.getAttribute('content') ?? '';
      expect(policy, urlPath).toContain("default-src 'self'");
      expect(policy, urlPath).toMatch(/script-src 'self' 'wasm-unsafe-eval'/);
      expect(policy, urlPath).toContain("object-src 'none'");
    }
  });

  it('puts the policy first in <head>, right after the charset, so it governs every script, style and image of the page', () => {
    for (const urlPath of htmlPages(dist)) {
      const file = path.join(dist, urlPath, urlPath.endsWith('/') ? 'index.html' : '');
      const bytes = readFileSync(file);
      const doc = page(dist, urlPath);
      const [first, second] = [...doc.head.children];
      expect(first?.outerHTML, urlPath).toBe('<meta charset="utf-8">');
      expect(second?.getAttribute('http-equiv'), urlPath).toBe('content-security-policy');
      // One policy (a second would be enforced too), and the charset where the parser looks for it: the first 1024 bytes.
      expect(doc.querySelectorAll('meta[http-equiv="content-security-policy" i]').length, urlPath).toBe(1);
      expect(bytes.indexOf('<meta charset="utf-8">') + '<meta charset="utf-8">'.length, urlPath).toBeLessThanOrEqual(1024);
    }
  });

  it('marks posts as Open Graph articles with dates, section, tags and keywords', () => {
    const doc = page(dist, '/blog/alpha-post/');
    expect(meta(doc, 'og:type')).toBe('article');
    expect(meta(doc, 'article:published_time')).toBe('2026-03-04T05:00:00.000Z');
    expect(meta(doc, 'article:modified_time')).toBe('2026-03-10T04:00:00.000Z');
    expect(meta(doc, 'article:section')).toBe('Artificial Intelligence');
    expect(metaAll(doc, 'article:tag')).toEqual(['C++', 'Machine Learning', 'edge ai', 'on-device inference']);
    expect(meta(doc, 'keywords')).toBe('C++, Machine Learning, edge ai, on-device inference');
    expect(meta(doc, 'og:image:alt')).toBe('Alpha hero: a teal gradient with circles');
    expect(meta(page(dist, '/'), 'og:type')).toBe('website');
    expect(meta(page(dist, '/'), 'keywords')).toBeNull();
  });

  it('gives each post its own social card, and listing pages the site card', () => {
    const alpha = meta(page(dist, '/blog/alpha-post/'), 'og:image');
    const delta = meta(page(dist, '/blog/delta/'), 'og:image');
    const home = meta(page(dist, '/'), 'og:image');
    expect(new Set([alpha, delta, home]).size).toBe(3);
    expect(meta(page(dist, '/blog/'), 'og:image')).toBe(home);
  });

  it('begins drawing cards while pages are still rendering, on a cold build', () => {
    const drawn = /(\d+) social cards: (\d+) drawn, 0 reused[^\n]*\((\d+) of them begun while pages rendered\)/.exec(
      inject('fixtureBuildLog'),
    );
    expect(drawn, inject('fixtureBuildLog')).not.toBeNull();
    const [, cards, made, early] = drawn!.map(Number);
    expect(made).toBe(cards);
    expect(early).toBeGreaterThan(0);
  });

  it('does not redraw cards or remake images on an unchanged rebuild', () => {
    const log = inject('fixtureRebuildLog');
    expect(log).toMatch(/social cards: 0 drawn, \d+ reused/);
    expect(log).toMatch(/image variants: 0 made, \d+ reused/);
  });
});

describe('JSON-LD', () => {
  it('is valid JSON on every post with BlogPosting and BreadcrumbList and their required fields', () => {
    const posts = htmlPages(dist).filter((p) => /^\/blog\/(?!\d+\/)[^/]+\/$/.test(p));
    expect(posts).toHaveLength(PUBLISHED);
    for (const urlPath of posts) {
      const blocks = jsonLd(page(dist, urlPath));
      const types = blocks.map((block) => block['@type']);
      expect(types.slice(0, 2), urlPath).toEqual(['BlogPosting', 'BreadcrumbList']);
      const posting = blocks[0]!;
      for (const field of [
        'headline',
        'description',
        'image',
        'datePublished',
        'dateModified',
        'author',
        'publisher',
        'keywords',
        'articleSection',
        'wordCount',
        'mainEntityOfPage',
      ])
        expect(posting[field], `${urlPath} ${field}`).toBeDefined();
      expect(posting['@context']).toBe('https://schema.org');
      expect((posting['mainEntityOfPage'] as Json)['@id']).toBe(`${SITE}${urlPath}`);
      expect(posting['wordCount']).toBeGreaterThan(0);
      for (const date of ['datePublished', 'dateModified']) expect(Number.isNaN(Date.parse(posting[date] as string))).toBe(false);
      const images = posting['image'] as Json[];
      expect(images.length, `${urlPath} image`).toBeGreaterThan(0);
      for (const image of images) expect(distHas(dist, new URL(image['url'] as string).pathname)).toBe(true);
      const crumbs = (blocks[1]!['itemListElement'] as Json[]).map((item) => item['item']);
      expect(crumbs[0]).toBe(`${SITE}/`);
      expect(crumbs.at(-1)).toBe(`${SITE}${urlPath}`);
    }
    // Nothing else on the site carries a stray block that fails to parse.
    for (const urlPath of htmlPages(dist)) expect(() => jsonLd(page(dist, urlPath))).not.toThrow();
  });

  it('fills BlogPosting from the post', () => {
    const [posting] = jsonLd(page(dist, '/blog/alpha-post/'));
    expect(posting).toMatchObject({
      headline: 'Alpha Post: Edge Inference & You',
      datePublished: '2026-03-04T05:00:00.000Z',
      dateModified: '2026-03-10T04:00:00.000Z',
      author: [expect.objectContaining({ '@type': 'Person', name: 'Jonas Müller', url: `${SITE}/author/jonas-mueller/` })],
      publisher: { '@type': 'Organization', name: 'Signal & Noise' },
      keywords: 'C++, Machine Learning, edge ai, on-device inference',
      articleSection: 'Artificial Intelligence',
    });
  });

  it('adds an FAQPage whose questions are the post’s FAQ headings, only where there is an FAQ', () => {
    const alpha = readFileSync(path.join(inject('fixtureRoot'), 'src/content/blog/alpha-post.md'), 'utf8');
    const faqSection = alpha.split('## Frequently Asked Questions')[1]!;
    const headings = [...faqSection.matchAll(/^### (.+)$/gm)].map((m) => m[1]!.trim());
    expect(headings.length).toBeGreaterThan(1);
    const faq = jsonLd(page(dist, '/blog/alpha-post/')).find((block) => block['@type'] === 'FAQPage')!;
    const questions = faq['mainEntity'] as Json[];
    expect(questions.map((q) => q['name'])).toEqual(headings);
    expect((questions[1]!['acceptedAnswer'] as Json)['text']).toBe('About four gigabytes for a 7B model at 4 bits.');
    expect(jsonLd(page(dist, '/blog/delta/')).some((block) => block['@type'] === 'FAQPage')).toBe(false);
  });
});

describe('a title, description and alt text with markup in them', () => {
  const betaFile = () => readFileSync(path.join(dist, 'blog/beta-post/index.html'), 'utf8');

  it('never break out of the page: no injected script element exists', () => {
    const html = betaFile();
    // Parsed the way browsers parse (parse5): the only scripts are the JSON-LD data blocks, the
    // theme's head script, the theme switch's file and (its body has a video) the video facades' file.
    const scripts: Element[] = [];
    visit(fromHtml(html), 'element', (node: Element) => {
      if (node.tagName === 'script') scripts.push(node);
    });
    expect(scripts.map((script) => script.properties['type'] ?? toString(script))).toEqual([
      THEME_SCRIPT,
      'application/ld+json',
      'application/ld+json',
      'module',
      'module',
    ]);
    expect(scripts.slice(-2).map((script) => String(script.properties['src']))).toEqual([
      expect.stringMatching(/^\/_astro\/ThemeSwitch\.astro_astro_type_script_index_0_lang\.[\w-]+\.js$/),
      expect.stringMatching(/^\/_astro\/VideoEmbeds\.astro_astro_type_script_index_0_lang\.[\w-]+\.js$/),
    ]);
    // In text, markup is escaped; inside quoted attribute values it is inert.
    expect(html.replace(/"[^"]*"/g, '""')).not.toContain('<script>alert(');
    const doc = page(dist, '/blog/beta-post/');
    // The raw HTML in the body lost its script, handler and javascript: URL too.
    expect(html).not.toMatch(/rawScriptRan|onclick=|onerror=|javascript:|evil\.example/);
    // Its YouTube embed is a click-to-load facade (tests/site/embeds.test.ts): no iframe until the click.
    expect(doc.querySelectorAll('.prose iframe')).toHaveLength(0);
    expect(doc.querySelectorAll('.prose .video-embed')).toHaveLength(1);
    expect(doc.querySelector('#raw-paragraph')!.textContent).toBe('A raw paragraph with an event handler.');
  });

  it('come out as the same text in the HTML and the meta tags', () => {
    const doc = page(dist, '/blog/beta-post/');
    expect(doc.querySelector('h1')!.textContent).toBe(BETA_TITLE);
    expect(doc.title).toBe(`${BETA_TITLE} | Signal & Noise`);
    expect(meta(doc, 'description')).toBe(BETA_DESCRIPTION);
    expect(meta(doc, 'og:title')).toBe(BETA_TITLE);
    expect(meta(doc, 'twitter:description')).toBe(BETA_DESCRIPTION);
    expect(meta(doc, 'og:image:alt')).toBe(BETA_ALT);
    expect(doc.querySelector('.article__hero img')!.getAttribute('alt')).toBe(BETA_ALT);
  });

  it('stay inside the JSON-LD script, escaped, and parse back to the same text', () => {
    const html = betaFile();
    const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((match) => match[1]!);
    // BlogPosting and BreadcrumbList, so the check below has the title and description to look at.
    expect(blocks).toHaveLength(2);
    for (const block of blocks) expect(block).not.toMatch(/[<>]/);
    const [posting, breadcrumbs] = jsonLd(page(dist, '/blog/beta-post/'));
    expect(posting!['headline']).toBe(BETA_TITLE);
    expect(posting!['description']).toBe(BETA_DESCRIPTION);
    expect(((breadcrumbs!['itemListElement'] as Json[]).at(-1) as Json)['name']).toBe(BETA_TITLE);
  });
});
