/** Listing pages' view models and paths (archive, author, category and tag, their indexes, 404, feeds), fed fixture data. */
import type { Page } from 'astro';
import { describe, expect, it } from 'vitest';
import { listingPageKey, profileStamp } from '#src/lib/build/page-keys.ts';
import type { Post } from '#src/lib/content/post-model.ts';
import { isNoindex } from '#src/lib/seo/sitemap-registry.ts';
import { groupByTerm } from '#src/lib/taxonomy/terms.ts';
import { categoryFeeds, siteFeeds } from '#src/lib/views/feeds.ts';
import { archivePaths, archiveView, authorPageView, authorPaths } from '#src/lib/views/listing.ts';
import { notFoundView } from '#src/lib/views/not-found.ts';
import { termIndexView, termListingView, termPaths, type TermLanding } from '#src/lib/views/term.ts';
import { author, context, image, paginate, posts } from '../helpers/views-fixtures.ts';

/** 23 posts: three pages of ten. Tags: "Series" on all, "Rare" on one; two categories. */
const list = posts(
  Array.from({ length: 23 }, (_, i) => ({
    slug: `s${String(i).padStart(2, '0')}`,
    frontmatter: {
      pubDate: `2026-01-${String(i + 1).padStart(2, '0')}`,
      category: i < 3 ? 'Photography' : 'Web Development',
      tags: i === 5 ? ['Series', 'Rare'] : ['Series'],
      author: i % 2 === 0 ? 'Ada Lovelace' : ['Ada Lovelace', 'Alan Turing'],
    },
  })),
);
const landing: TermLanding = {
  title: 'Photography, in depth',
  description: 'Light and lenses.',
  hero: { file: '/site/h.jpg', reference: './h.jpg', alt: 'Lens' },
  digest: 'd1',
};
const pageOf = (data: Post[], currentPage = 1, lastPage = 1, start = 0) =>
  ({ data, currentPage, lastPage, start, total: data.length, end: start + data.length - 1, size: 10, url: {} }) as unknown as Page<Post>;

describe('archive', () => {
  it('pages of ten, each keyed by its numbers and its cards', () => {
    const paths = archivePaths(list, paginate, context);
    expect(paths.map((path) => [path.props.page.currentPage, path.props.page.data.length])).toEqual([
      [1, 10],
      [2, 10],
      [3, 3],
    ]);
    expect(paths[1]!.cacheKey).toBe(listingPageKey([2, 3, 23], list.slice(10, 20)));
    expect(new Set(paths.map((path) => path.cacheKey)).size).toBe(3);
  });

  it('links pages after the first as /blog/<n>/', () => {
    const view = archiveView(pageOf(list.slice(10, 20), 2, 3, 10), context);
    expect(view).toMatchObject({
      title: 'All posts',
      description: 'Every post on Signal & Noise, newest first.',
      page: { current: 2, last: 3 },
    });
    expect([1, 2, 3].map(view.page.href)).toEqual(['/blog/', '/blog/2/', '/blog/3/']);
  });
});

describe('author pages', () => {
  it('one page per author, co-authors included, keyed by the profile stamp', async () => {
    const stamps: Record<string, string> = { 'ada-lovelace': 'stamp-a', 'alan-turing': 'stamp-b' };
    const paths = await authorPaths(list, async (term) => stamps[term.slug]!);
    expect(paths.map((path) => [path.params.slug, path.props.group.posts.length])).toEqual([
      ['ada-lovelace', 23],
      ['alan-turing', 11],
    ]);
    expect(paths[1]!.cacheKey).toBe(listingPageKey(['Alan Turing', 'alan-turing', 'stamp-b'], paths[1]!.props.group.posts));
  });

  it.each([
    { name: 'without profile', profile: undefined, description: 'Posts by Alan Turing on Signal & Noise.', title: 'Alan Turing' },
    {
      name: 'with a profile and job title',
      profile: { name: 'Alan M. Turing', jobTitle: 'Mathematician' },
      description: 'Alan M. Turing, Mathematician: posts on Signal & Noise.',
      title: 'Alan M. Turing',
    },
  ])('$name', ({ profile, description, title }) => {
    const group = groupByTerm(list, 'author')[1]!;
    const view = authorPageView(group, author(group.term, profile), context);
    expect(view.listing).toMatchObject({
      kind: 'Author',
      title,
      description,
      totalPosts: 11,
      index: { label: 'All posts', href: '/blog/' },
    });
    expect(view.showProfile).toBe(profile !== undefined);
    expect(view.listing.jsonLd).toEqual([
      expect.objectContaining({
        '@context': 'https://schema.org',
        '@type': 'Person',
        name: title,
        url: 'https://blog.example/author/alan-turing/',
      }),
    ]);
    expect(view.listing.page.href(1)).toBe('/author/alan-turing/');
  });
});

describe('category and tag pages', () => {
  it.each([
    { kind: 'tag' as const, slugs: ['rare', 'series', 'series', 'series'], thin: ['/tag/rare/'] },
    { kind: 'category' as const, slugs: ['photography', 'web-development', 'web-development'], thin: [] as string[] },
  ])('$kind paths: paginated, thin terms kept out of the sitemap', ({ kind, slugs, thin }) => {
    const groups = groupByTerm(list, kind);
    const paths = termPaths(kind, groups, [], paginate, context);
    expect(paths.map((path) => path.params.slug)).toEqual(slugs);
    for (const group of groups) {
      const href = `https://blog.example/${kind}/${group.term.slug}/`;
      expect(isNoindex(href)).toBe(thin.includes(new URL(href).pathname));
    }
  });

  it("adds the landing page's stamp to the key of a category that has one, and only then", () => {
    const groups = groupByTerm(list, 'category');
    const plain = termPaths('category', groups, [], paginate, context);
    const landed = termPaths('category', groups, [landing, undefined], paginate, context);
    const facts = ['category', 'Photography', 'photography', false, 1, 1, 3];
    expect(plain[0]!.cacheKey).toBe(listingPageKey(facts, groups[0]!.posts));
    expect(landed[0]!.cacheKey).toBe(listingPageKey([...facts, profileStamp({ digest: 'd1', image: '/site/h.jpg' })], groups[0]!.posts));
    expect(landed[1]!.cacheKey).toBe(plain[1]!.cacheKey);
  });

  it.each([
    {
      name: 'a category without landing page',
      kind: 'category' as const,
      index: 0,
      landing: undefined,
      currentPage: 1,
      title: 'Photography',
      intro: false,
      feeds: 1,
      noindex: false,
    },
    {
      name: 'a category with landing page, first page',
      kind: 'category' as const,
      index: 0,
      landing,
      currentPage: 1,
      title: 'Photography, in depth',
      intro: true,
      feeds: 1,
      noindex: false,
    },
    {
      name: 'a category with landing page, second page',
      kind: 'category' as const,
      index: 0,
      landing,
      currentPage: 2,
      title: 'Photography, in depth',
      intro: false,
      feeds: 1,
      noindex: false,
    },
    {
      name: 'a thin tag',
      kind: 'tag' as const,
      index: 0,
      landing: undefined,
      currentPage: 1,
      title: 'Rare',
      intro: false,
      feeds: 0,
      noindex: true,
    },
  ])('$name', ({ kind, index, landing, currentPage, title, intro, feeds, noindex }) => {
    const group = groupByTerm(list, kind)[index]!;
    const page = pageOf(group.posts.slice(0, 2), currentPage, 2, (currentPage - 1) * 10);
    const view = termListingView({ page, group, kind, landing, landingHero: landing && image('lens') }, context);
    expect(view.listing.title).toBe(title);
    expect(view.listing.description).toBe(
      landing?.description ?? (kind === 'tag' ? 'Posts tagged Rare on Signal & Noise.' : 'Posts about Photography on Signal & Noise.'),
    );
    expect(view.showIntro).toBe(intro);
    expect(view.listing.feeds).toHaveLength(feeds);
    expect(view.listing.noindex).toBe(noindex);
    expect(view.hero?.alt).toBe(landing ? 'Lens' : undefined);
    const list0 = view.listing.jsonLd![0] as { url: string; mainEntity: { itemListElement: Array<{ position: number }> } };
    expect(list0.url).toBe(`https://blog.example/${kind}/${group.term.slug}/${currentPage > 1 ? `${currentPage}/` : ''}`);
    // Positions go on from the pages before: 11, 12 on the second page of ten.
    expect(list0.mainEntity.itemListElement.map((item) => item.position)).toEqual(page.data.map((_, i) => (currentPage > 1 ? 11 : 1) + i));
  });

  it.each([
    {
      kind: 'category' as const,
      landings: [landing, undefined],
      expected: {
        heading: 'Categories',
        count: '2 categories',
        terms: [
          { label: 'Photography, in depth', href: '/category/photography/', description: 'Light and lenses.', posts: '3 posts' },
          { label: 'Web Development', href: '/category/web-development/', description: undefined, posts: '20 posts' },
        ],
      },
    },
    {
      kind: 'tag' as const,
      landings: [],
      expected: {
        heading: 'Tags',
        count: '2 tags',
        terms: [
          { label: 'Rare', href: '/tag/rare/', description: undefined, posts: '1 post' },
          { label: 'Series', href: '/tag/series/', description: undefined, posts: '23 posts' },
        ],
      },
    },
  ])('the index of every $kind', ({ kind, landings, expected }) => {
    const view = termIndexView({ kind, groups: groupByTerm(list, kind), landings }, context);
    expect(view).toMatchObject(expected);
    expect(view.breadcrumbs).toEqual([{ label: 'Home', href: '/' }, { label: expected.heading }]);
  });
});

describe('404 and feeds', () => {
  it('404: the five newest posts and every category', () => {
    const view = notFoundView(list);
    expect(view.newest.map((link) => link.href)).toEqual(['/blog/s22/', '/blog/s21/', '/blog/s20/', '/blog/s19/', '/blog/s18/']);
    expect(view.categories).toEqual([
      { label: 'Photography', href: '/category/photography/' },
      { label: 'Web Development', href: '/category/web-development/' },
    ]);
    expect(view.layout.noindex).toBe(true);
  });

  it('the site feed carries every post; each category feed its own', () => {
    expect(siteFeeds(list, context)).toEqual([
      {
        params: { feed: 'rss' },
        options: { title: 'Signal & Noise', description: context.settings.description, posts: list, selfUrl: '/rss.xml' },
      },
    ]);
    const feeds = categoryFeeds(list, context);
    expect(feeds.map((feed) => [feed.params.slug, feed.options.title, feed.options.selfUrl, feed.options.posts.length])).toEqual([
      ['photography', 'Photography | Signal & Noise', '/category/photography/rss.xml', 3],
      ['web-development', 'Web Development | Signal & Noise', '/category/web-development/rss.xml', 20],
    ]);
    expect(feeds[0]!.options.description).toBe('Posts about Photography on Signal & Noise.');
  });
});
