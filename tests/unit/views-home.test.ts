/** The home and search pages' view models, fed fixture posts: no build, no astro:content. */
import { describe, expect, it } from 'vitest';
import { homeView, LATEST_COUNT } from '#src/lib/views/home.ts';
import { searchView } from '#src/lib/views/search.ts';
import { context, identity, image, posts } from '../helpers/views-fixtures.ts';

const many = (n: number) =>
  posts(
    Array.from({ length: n }, (_, i) => ({
      slug: `p${String(i).padStart(2, '0')}`,
      frontmatter: { pubDate: `2026-01-${String(i + 1).padStart(2, '0')}`, category: i % 3 === 0 ? 'Photography' : 'Web Development' },
    })),
  );

describe('homeView', () => {
  it.each([
    { name: 'no posts', count: 0, featured: undefined, latest: 0, categories: [] },
    {
      name: 'one post',
      count: 1,
      featured: 'p00',
      latest: 0,
      categories: [{ label: 'Photography', href: '/category/photography/', count: 1 }],
    },
    {
      name: 'more posts than the latest shows',
      count: 14,
      featured: 'p13',
      latest: LATEST_COUNT,
      // By name, not by size.
      categories: [
        { label: 'Photography', href: '/category/photography/', count: 5 },
        { label: 'Web Development', href: '/category/web-development/', count: 9 },
      ],
    },
  ])('$name: the newest featured, the next ones latest, categories with counts', ({ count, featured, latest, categories }) => {
    const list = many(count);
    const view = homeView({ posts: list, featuredHero: undefined, identity }, context);
    expect(view.featured?.post.slug).toBe(featured);
    expect(view.latest.map((p) => p.slug)).toEqual(list.slice(1, 1 + latest).map((p) => p.slug));
    expect(view.latest).toHaveLength(latest);
    expect(view.archive).toEqual({ href: '/blog/', count });
    expect(view.categories).toEqual(categories);
  });

  it.each([
    { name: 'without hero', frontmatter: {}, hero: undefined },
    {
      name: 'with hero',
      frontmatter: { heroImage: './h.jpg', heroImageAlt: 'Film camera' },
      hero: { alt: 'Film camera', sizes: '(min-width: 75rem) 44rem, (min-width: 48rem) 60vw, 100vw' },
    },
  ])('the featured post $name', ({ frontmatter, hero }) => {
    const list = posts([{ slug: 'feat', frontmatter }]);
    const view = homeView({ posts: list, featuredHero: list[0]!.hero ? image('h') : undefined, identity }, context);
    expect(view.featured && { href: view.featured.href, category: view.featured.category }).toEqual({
      href: '/blog/feat/',
      category: { label: 'Web Development', href: '/category/web-development/' },
    });
    expect(view.featured!.hero && { alt: view.featured!.hero.alt, sizes: view.featured!.hero.sizes }).toEqual(hero);
  });

  it("says the site's name and logo to search engines: WebSite and Organization", () => {
    const view = homeView({ posts: [], featuredHero: undefined, identity }, context);
    expect(view.layout.title).toBe('Signal & Noise');
    expect((view.layout.jsonLd as Array<Record<string, unknown>>).map((block) => block['@type'])).toEqual(['WebSite', 'Organization']);
    expect(view.layout.jsonLd![1]).toMatchObject({ logo: { url: 'https://blog.example/_img/logo.png' } });
  });
});

describe('searchView', () => {
  it('keeps the results page out of search engines and links browsing for readers without JavaScript', () => {
    expect(searchView(context)).toEqual({
      layout: { title: 'Search', description: 'Search the posts on Signal & Noise.', noindex: true },
      action: '/search/',
      browse: { archive: '/blog/', categories: '/categories/', tags: '/tags/' },
    });
  });
});
