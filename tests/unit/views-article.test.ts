/** The article page's view model and paths, fed posts made from frontmatter as editors write it: no build, no astro:content. */
import { describe, expect, it } from 'vitest';
import { articlePageKey } from '#src/lib/build/page-keys.ts';
import { isNoindex, lastModified } from '#src/lib/seo/sitemap-registry.ts';
import { articlePaths, articleView, type ArticleData } from '#src/lib/views/article.ts';
import { author, context, identity, image, post, posts, type FixturePost } from '../helpers/views-fixtures.ts';

const card = { url: '/_social/card.jpg', width: 1200, height: 630 };
const faqBody = '## Intro\n\nText.\n\n## FAQ\n\n### Q1: Is it free?\n\nYes.\n\n### Q2: Is it open source?\n\nAlso yes.';

function data(fixture: FixturePost, extra: Partial<ArticleData> = {}, options?: { dev?: boolean }): ArticleData {
  const p = post(fixture, options);
  return {
    post: p,
    neighbours: { related: [], newer: undefined, older: undefined },
    hero: p.hero ? image('hero') : undefined,
    authors: p.authors.map((term) => author(term)),
    card,
    headings: [],
    hasCode: false,
    hasVideo: false,
    identity,
    ...extra,
  };
}

const types = (jsonLd: unknown[] | undefined) => (jsonLd ?? []).map((block) => (block as { '@type': string })['@type']);

describe('articleView', () => {
  it.each([
    {
      name: 'a post without hero: the card is the preview, alt is the title, no hero figure',
      fixture: { slug: 'plain' },
      expectImage: { url: '/_social/card.jpg', width: 1200, height: 630, alt: 'Title of plain', type: 'image/jpeg' },
      expectHero: undefined,
      expectLdImages: ['https://blog.example/_social/card.jpg'],
    },
    {
      name: 'a post with hero: the hero figure and preload, its alt on the preview, its 1600 px variant in JSON-LD',
      fixture: { slug: 'pictured', frontmatter: { heroImage: './hero.jpg', heroImageAlt: 'A lake at dawn' } },
      expectImage: { url: '/_social/card.jpg', width: 1200, height: 630, alt: 'A lake at dawn', type: 'image/jpeg' },
      expectHero: { alt: 'A lake at dawn', sizes: '(min-width: 62rem) 60rem, 100vw' },
      expectLdImages: ['https://blog.example/_social/card.jpg', 'https://blog.example/_img/hero-1600.webp'],
    },
  ])('$name', ({ fixture, expectImage, expectHero, expectLdImages }) => {
    const view = articleView(data(fixture), context);
    expect(view.layout.image).toEqual(expectImage);
    expect(view.hero && { alt: view.hero.alt, sizes: view.hero.sizes }).toEqual(expectHero);
    const posting = view.layout.jsonLd![0] as { image: Array<{ url: string }> };
    expect(posting.image.map((i) => i.url)).toEqual(expectLdImages);
  });

  it.each([
    { name: 'one author', names: 'Ada Lovelace', people: ['Ada Lovelace'], slug: 'ada-lovelace' },
    {
      name: 'co-authors, in the order the post lists them',
      names: ['Grace Hopper', 'Alan Turing'],
      people: ['Grace Hopper', 'Alan Turing'],
      slug: 'grace-hopper',
    },
  ])('$name: every author in JSON-LD, the first in the article meta', ({ names, people, slug }) => {
    const view = articleView(data({ slug: 'by', frontmatter: { author: names } }), context);
    const posting = view.layout.jsonLd![0] as { author: Array<{ name: string; url: string }> };
    expect(posting.author.map((person) => person.name)).toEqual(people);
    expect(posting.author[0]!.url).toBe(`https://blog.example/author/${slug}/`);
    expect(view.layout.article).toMatchObject({ authorUrl: `/author/${slug}/`, authorSlug: slug });
    expect(view.authors.map((a) => a.name)).toEqual(people);
  });

  it("names a co-author's profile (job title, avatar, links) in JSON-LD", () => {
    const d = data({ slug: 'profiled', frontmatter: { author: ['Grace Hopper', 'Alan Turing'] } });
    d.authors[1] = author(d.post.authors[1]!, { name: 'Alan M. Turing', jobTitle: 'Mathematician', links: ['https://turing.example/'] });
    const posting = articleView(d, context).layout.jsonLd![0] as { author: Array<Record<string, unknown>> };
    expect(posting.author[1]).toMatchObject({
      name: 'Alan M. Turing',
      jobTitle: 'Mathematician',
      image: 'https://blog.example/_img/avatar-alan-turing-64.webp',
      sameAs: ['https://turing.example/'],
    });
  });

  it.each([
    { name: 'no FAQ section', fixture: { slug: 'nofaq' }, expected: ['BlogPosting', 'BreadcrumbList'] },
    { name: 'an FAQ section', fixture: { slug: 'faq', body: faqBody }, expected: ['BlogPosting', 'BreadcrumbList', 'FAQPage'] },
    {
      name: 'an FAQ section the editor turned off',
      fixture: { slug: 'faqoff', body: faqBody, frontmatter: { faq: false } },
      expected: ['BlogPosting', 'BreadcrumbList'],
    },
  ])('JSON-LD with $name', ({ fixture, expected }) => {
    const view = articleView(data(fixture), context);
    expect(types(view.layout.jsonLd)).toEqual(expected);
  });

  it('lists a series of tags in order, as links and as article:tag', () => {
    const view = articleView(data({ slug: 'tagged', frontmatter: { tags: ['Edge AI', 'GGUF', 'llama.cpp'] } }), context);
    expect(view.tags).toEqual([
      { label: 'Edge AI', href: '/tag/edge-ai/' },
      { label: 'GGUF', href: '/tag/gguf/' },
      { label: 'llama.cpp', href: '/tag/llama-cpp/' },
    ]);
    expect(view.layout.article!.tags).toEqual(['Edge AI', 'GGUF', 'llama.cpp']);
  });

  it('breadcrumbs: Home, the category, the post unlinked; JSON-LD links all three', () => {
    const view = articleView(data({ slug: 'crumbs' }), context);
    expect(view.breadcrumbs).toEqual([
      { label: 'Home', href: '/' },
      { label: 'Web Development', href: '/category/web-development/' },
      { label: 'Title of crumbs' },
    ]);
    const list = view.layout.jsonLd![1] as { itemListElement: Array<{ item: string }> };
    expect(list.itemListElement.map((entry) => entry.item)).toEqual([
      'https://blog.example/',
      'https://blog.example/category/web-development/',
      'https://blog.example/blog/crumbs/',
    ]);
    expect(view.layout.feeds).toEqual([{ title: 'Web Development | Signal & Noise', href: '/category/web-development/rss.xml' }]);
  });

  it.each([
    { name: 'published', fixture: { slug: 'live' }, notice: undefined },
    { name: 'a draft in dev', fixture: { slug: 'wip', frontmatter: { draft: true } }, notice: 'Draft' },
    { name: 'scheduled in dev', fixture: { slug: 'later', frontmatter: { pubDate: '2027-01-01' } }, notice: 'Scheduled' },
  ])('$name: notice $notice', ({ fixture, notice }) => {
    expect(articleView(data(fixture, {}, { dev: true }), context).notice).toBe(notice);
  });

  it.each([
    { name: 'its own address', frontmatter: {}, canonical: 'https://blog.example/blog/seo/', seoTitle: undefined },
    {
      name: 'a syndicated post: the first copy, and the search title',
      frontmatter: { canonicalURL: 'https://elsewhere.example/post/', seoTitle: 'A shorter title for results' },
      canonical: 'https://elsewhere.example/post/',
      seoTitle: 'A shorter title for results',
    },
  ])('canonical: $name', ({ frontmatter, canonical, seoTitle }) => {
    const view = articleView(data({ slug: 'seo', frontmatter }), context);
    expect(view.layout.canonical).toBe(canonical);
    expect(view.layout.seoTitle).toBe(seoTitle);
    expect((view.layout.jsonLd![0] as { url: string }).url).toBe(canonical);
    expect(view.shareUrl).toBe('https://blog.example/blog/seo/');
  });

  it('pager and related posts from the neighbours; the table of contents from four sections', () => {
    const [newer, current, older] = posts([
      { slug: 'c', frontmatter: { pubDate: '2026-03-06' } },
      { slug: 'b', frontmatter: { pubDate: '2026-03-05' } },
      { slug: 'a', frontmatter: { pubDate: '2026-03-04' } },
    ]);
    const headings = ['One', 'Two', 'Three', 'Four'].map((text) => ({ depth: 2, slug: text.toLowerCase(), text }));
    const view = articleView(
      { ...data({ slug: 'x' }), post: current!, neighbours: { related: [older!], newer, older }, headings, hasCode: true },
      context,
    );
    expect(view.older).toEqual({ label: 'Title of a', href: '/blog/a/' });
    expect(view.newer).toEqual({ label: 'Title of c', href: '/blog/c/' });
    expect(view.related).toEqual([older]);
    expect(view.toc.map((entry) => entry.slug)).toEqual(['one', 'two', 'three', 'four']);
    expect(view.hasCode).toBe(true);
  });
});

describe('articlePaths', () => {
  const sources = { digest: async (p: { slug: string }) => `digest-${p.slug}`, authorStamp: async () => '-' };

  it('keys each page in a build; no keys or neighbours on the dev server', async () => {
    const list = posts([
      { slug: 'k2', frontmatter: { pubDate: '2026-03-05' }, body: 'See [the other](/blog/k1/).' },
      { slug: 'k1', frontmatter: { pubDate: '2026-03-04' } },
    ]);
    const built = await articlePaths(list, sources, false);
    expect(built.map((path) => path.params.slug)).toEqual(['k2', 'k1']);
    expect(built[0]!.props.neighbours).toMatchObject({ newer: undefined, older: list[1], linked: [list[1]], authorStamps: ['-'] });
    expect(built[0]!.cacheKey).toBe(articlePageKey(list[0]!, 'digest-k2', built[0]!.props.neighbours!));
    expect(built[0]!.cacheKey).not.toBe(built[1]!.cacheKey);
    const dev = await articlePaths(list, sources, true);
    expect(dev).toEqual([
      { params: { slug: 'k2' }, props: { post: list[0] } },
      { params: { slug: 'k1' }, props: { post: list[1] } },
    ]);
  });

  it('leaves the key out when Astro has no digest of the entry: the page always renders', async () => {
    const [only] = await articlePaths(posts([{ slug: 'nodigest' }]), { ...sources, digest: async () => undefined }, false);
    expect(only).not.toHaveProperty('cacheKey');
  });

  it.each([
    { name: 'an indexed post', frontmatter: {}, excluded: false, updated: false },
    { name: 'an updated post', frontmatter: { updatedDate: '2026-04-01' }, excluded: false, updated: true },
    { name: 'a noindex post', frontmatter: { noindex: true }, excluded: true, updated: false },
    { name: 'a syndicated post', frontmatter: { canonicalURL: 'https://elsewhere.example/a/' }, excluded: true, updated: false },
  ])('tells the sitemap about $name, in dev and in builds', async ({ name, frontmatter, excluded, updated }) => {
    for (const dev of [false, true]) {
      const slug = `${name.replace(/\W+/g, '-')}-${dev}`;
      const [only] = posts([{ slug, frontmatter }]);
      await articlePaths([only!], sources, dev);
      expect(isNoindex(`https://blog.example/blog/${slug}/`)).toBe(excluded);
      // Dates are the site's days (its time zone), so compared with the post's own.
      expect(lastModified(`https://blog.example/blog/${slug}/`)).toBe(updated ? only!.updatedDate : only!.pubDate);
      expect(only!.updatedDate !== undefined).toBe(updated);
    }
  });
});
