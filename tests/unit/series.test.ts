/** Series: the schema's fields, reading order with and without seriesOrder, the slug, the series page, index and article box. */
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { renderNewPost } from '#src/lib/content/post-template.ts';
import { postFrontmatterSchema } from '#src/lib/content/post-schema.ts';
import { compareParts, groupSeries, seriesPlace } from '#src/lib/taxonomy/series.ts';
import { articlePaths, articleView, type ArticleData } from '#src/lib/views/article.ts';
import { seriesBox, seriesIndexView, seriesPageView, seriesPaths } from '#src/lib/views/series.ts';
import { author, context, identity, posts, type FixturePost } from '../helpers/views-fixtures.ts';

const part = (slug: string, series: string | undefined, pubDate: string, seriesOrder?: number): FixturePost => ({
  slug,
  frontmatter: { pubDate, ...(series !== undefined && { series }), ...(seriesOrder !== undefined && { seriesOrder }) },
});

const order = (list: FixturePost[]) => groupSeries(posts(list)).map((group) => [group.term.name, group.parts.map((p) => p.slug)]);

describe('series fields in frontmatter', () => {
  const base = { title: 'T', description: 'D', pubDate: '2026-03-04', category: 'C' };
  const issues = (extra: Record<string, unknown>) => {
    const result = postFrontmatterSchema.safeParse({ ...base, ...extra });
    return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  };

  it.each([
    [{ series: 'Quantum Basics' }],
    [{ series: '  Quantum Basics  ' }],
    [{ series: 'C++ in Practice', seriesOrder: 1 }],
    [{ series: 'Jonas Müller erklärt', seriesOrder: 12 }],
    [{ series: '量子の基礎', seriesOrder: 2 }],
  ])('accepts %j', (extra) => {
    expect(issues(extra)).toEqual([]);
  });

  it.each([
    [{ series: '' }, /^series: is empty; remove it, or name the series/],
    [{ series: 42 }, /^series: must be the series name in quotes/],
    [{ series: ['A', 'B'] }, /^series: must be the series name in quotes/],
    [{ series: '!!!' }, /^series: has no letters or digits/],
    [{ series: 'Quantum\u001b[2J' }, /^series: holds an invisible control character \(U\+001B\)/],
    [{ series: 'Q', seriesOrder: 0 }, /^seriesOrder: must be 1 or more/],
    [{ series: 'Q', seriesOrder: -2 }, /^seriesOrder: must be 1 or more/],
    [{ series: 'Q', seriesOrder: 1.5 }, /^seriesOrder: must be a whole number/],
    [{ series: 'Q', seriesOrder: '2' }, /^seriesOrder: must be the part number without quotes/],
    [{ seriesOrder: 2 }, /^seriesOrder: is set but series is not/],
  ])('refuses %j', (extra, message) => {
    expect(issues(extra)).toEqual([expect.stringMatching(message)]);
  });
});

describe('reading order of a series', () => {
  it.each([
    {
      name: 'without seriesOrder: oldest first, whatever the file order',
      list: [part('c', 'S', '2026-03-03'), part('a', 'S', '2026-03-01'), part('b', 'S', '2026-03-02')],
      expected: ['a', 'b', 'c'],
    },
    {
      name: 'with seriesOrder: by number, even against the dates',
      list: [part('one', 'S', '2026-03-05', 1), part('two', 'S', '2026-03-01', 2), part('three', 'S', '2026-02-01', 3)],
      expected: ['one', 'two', 'three'],
    },
    {
      name: 'numbers with gaps still read in order',
      list: [part('ten', 'S', '2026-03-01', 10), part('two', 'S', '2026-03-02', 2), part('five', 'S', '2026-03-03', 5)],
      expected: ['two', 'five', 'ten'],
    },
    {
      name: 'mixed: numbered parts first, then the others by date',
      list: [
        part('late', 'S', '2026-03-09'),
        part('second', 'S', '2026-03-01', 2),
        part('early', 'S', '2026-01-01'),
        part('first', 'S', '2026-03-02', 1),
      ],
      expected: ['first', 'second', 'early', 'late'],
    },
    {
      name: 'same day, no number: by slug, so the order is stable',
      list: [part('b', 'S', '2026-03-01'), part('a', 'S', '2026-03-01')],
      expected: ['a', 'b'],
    },
  ])('$name', ({ list, expected }) => {
    expect(order(list)).toEqual([['S', expected]]);
  });

  it('compareParts sorts a part with a number before one without, and never says two different posts are equal', () => {
    const [numbered, plain] = posts([part('n', 'S', '2026-01-01', 1), part('p', 'S', '2026-03-01')]).toSorted((a, b) =>
      a.slug.localeCompare(b.slug),
    );
    expect(compareParts(numbered!, plain!)).toBeLessThan(0);
    expect(compareParts(plain!, numbered!)).toBeGreaterThan(0);
  });
});

describe('series names and slugs', () => {
  it.each([
    ['Quantum Basics', 'quantum-basics'],
    ['C++ in Practice', 'c-plus-plus-in-practice'],
    ['Finance & Crypto 101', 'finance-and-crypto-101'],
    ['Jonas Müller erklärt', 'jonas-mueller-erklaert'],
    ['量子の基礎', '量子の基礎'],
  ])('"%s" has the slug %s, as a category of that name would', (name, slug) => {
    const [group] = groupSeries(posts([part('a', name, '2026-03-01'), part('b', name, '2026-03-02')]));
    expect(group!.term).toEqual({ name, slug });
  });

  it('one series for spellings that share a slug, named by the most used spelling', () => {
    const list = [
      part('a', 'Quantum Basics', '2026-03-01'),
      part('b', 'quantum  basics', '2026-03-02'),
      part('c', 'Quantum Basics', '2026-03-03'),
    ];
    expect(order(list)).toEqual([['Quantum Basics', ['a', 'b', 'c']]]);
  });

  it('several series, ordered by name; a one-part series and posts in none are left out', () => {
    const list = [
      part('z1', 'Zeta', '2026-03-01'),
      part('z2', 'Zeta', '2026-03-02'),
      part('a1', 'alpha', '2026-03-01'),
      part('a2', 'alpha', '2026-03-02'),
      part('lonely', 'Lonely', '2026-03-01'),
      part('none', undefined, '2026-03-01'),
    ];
    expect(order(list)).toEqual([
      ['alpha', ['a1', 'a2']],
      ['Zeta', ['z1', 'z2']],
    ]);
  });

  it('drafts and scheduled posts are no parts on the live site; the dev server shows them', () => {
    const list = [
      part('one', 'S', '2026-03-01', 1),
      { slug: 'draft', frontmatter: { pubDate: '2026-03-02', series: 'S', seriesOrder: 2, draft: true } },
      part('later', 'S', '2026-12-01', 3),
      part('two', 'S', '2026-03-03', 4),
    ];
    expect(order(list)).toEqual([['S', ['one', 'two']]]);
    expect(groupSeries(posts(list, { dev: true }))[0]!.parts.map((p) => p.slug)).toEqual(['one', 'draft', 'later', 'two']);
    // A series whose other parts are all unpublished has no page yet.
    expect(order([part('one', 'S', '2026-03-01'), part('later', 'S', '2026-12-01')])).toEqual([]);
  });
});

describe('the series box and pager of an article', () => {
  const list = posts([
    part('p1', 'Quantum Basics', '2026-03-05', 1),
    part('p2', 'Quantum Basics', '2026-03-01', 2),
    part('p3', 'Quantum Basics', '2026-03-09', 3),
  ]);
  const bySlug = (slug: string) => list.find((p) => p.slug === slug)!;

  it.each([
    { slug: 'p1', position: 'Part 1 of 3', previous: undefined, next: '/blog/p2/' },
    { slug: 'p2', position: 'Part 2 of 3', previous: '/blog/p1/', next: '/blog/p3/' },
    { slug: 'p3', position: 'Part 3 of 3', previous: '/blog/p2/', next: undefined },
  ])('$slug: $position', ({ slug, position, previous, next }) => {
    const box = seriesBox(seriesPlace(bySlug(slug), list)!);
    expect(box.position).toBe(position);
    expect(box.name).toBe('Quantum Basics');
    expect(box.href).toBe('/series/quantum-basics/');
    expect(box.parts.map((p) => [p.href, p.current])).toEqual(['p1', 'p2', 'p3'].map((s) => [`/blog/${s}/`, s === slug]));
    expect(box.previous?.href).toBe(previous);
    expect(box.next?.href).toBe(next);
  });

  function view(slug: string, withSeries: boolean) {
    const post = bySlug(slug);
    const data: ArticleData = {
      post,
      // By date p2 is older than p1: the chronological pager would contradict the series.
      neighbours: { related: [], newer: bySlug('p3'), older: bySlug('p2') },
      hero: undefined,
      authors: post.authors.map((term) => author(term)),
      card: { url: '/_social/card.jpg', width: 1200, height: 630 },
      headings: [],
      hasCode: false,
      hasVideo: false,
      identity,
      series: withSeries ? seriesPlace(post, list) : undefined,
    };
    return articleView(data, context);
  }

  it('a part ends with its previous and next parts only, not the posts before and after it by date', () => {
    const { pager, series } = view('p1', true);
    expect(series?.position).toBe('Part 1 of 3');
    expect(pager).toEqual({
      label: 'Parts of Quantum Basics',
      previous: undefined,
      next: { label: 'Title of p2', href: '/blog/p2/', caption: 'Next part' },
    });
  });

  it('related cards leave out the parts the box already links; a post in no series keeps them all', () => {
    const other = posts([{ slug: 'elsewhere', frontmatter: { pubDate: '2026-02-01' } }])[0]!;
    const related = [bySlug('p3'), other, bySlug('p2')];
    const withRelated = (withSeries: boolean) => {
      const post = bySlug('p1');
      return articleView(
        {
          post,
          neighbours: { related, newer: undefined, older: undefined },
          hero: undefined,
          authors: [],
          card: { url: '/_social/card.jpg', width: 1200, height: 630 },
          headings: [],
          hasCode: false,
          hasVideo: false,
          identity,
          series: withSeries ? seriesPlace(post, list) : undefined,
        },
        context,
      ).related.map((p) => p.slug);
    };
    expect(withRelated(true)).toEqual(['elsewhere']);
    expect(withRelated(false)).toEqual(['p3', 'elsewhere', 'p2']);
  });

  it('a post in no series keeps the older and newer posts', () => {
    const { pager, series } = view('p1', false);
    expect(series).toBeUndefined();
    expect(pager).toEqual({
      label: 'More posts',
      previous: { label: 'Title of p2', href: '/blog/p2/', caption: 'Previous post' },
      next: { label: 'Title of p3', href: '/blog/p3/', caption: 'Next post' },
    });
  });

  it('the BlogPosting is part of a CreativeWorkSeries named and linked; without a series it has no isPartOf', () => {
    const posting = (withSeries: boolean) => view('p2', withSeries).layout.jsonLd![0] as Record<string, unknown>;
    expect(posting(true).isPartOf).toEqual({
      '@type': 'CreativeWorkSeries',
      name: 'Quantum Basics',
      url: 'https://blog.example/series/quantum-basics/',
    });
    expect(posting(false)).not.toHaveProperty('isPartOf');
  });
});

describe('series pages', () => {
  const list = posts([
    part('b', 'Quantum Basics', '2026-03-01', 2),
    part('a', 'Quantum Basics', '2026-03-05', 1),
    part('x', 'Rust & WebAssembly', '2026-03-02'),
    part('y', 'Rust & WebAssembly', '2026-03-03'),
  ]);
  const groups = groupSeries(list);

  it('one path per series, keyed on its parts', () => {
    const paths = seriesPaths(groups);
    expect(paths.map((p) => p.params.slug)).toEqual(['quantum-basics', 'rust-and-webassembly']);
    expect(new Set(paths.map((p) => p.cacheKey)).size).toBe(2);
    // The key follows the order of the parts, not only which posts they are.
    const reversed = seriesPaths([{ ...groups[0]!, parts: groups[0]!.parts.toReversed() }]);
    expect(reversed[0]!.cacheKey).not.toBe(paths[0]!.cacheKey);
  });

  it('a series page lists its parts in reading order, numbered, with an index link and a CollectionPage in that order', () => {
    const view = seriesPageView(groups[0]!, context);
    expect(view.title).toBe('Quantum Basics');
    expect(view.kind).toBe('Series');
    expect(view.ordered).toBe(true);
    expect(view.posts.map((p) => p.slug)).toEqual(['a', 'b']);
    expect(view.index).toEqual({ label: 'All series', href: '/series/' });
    expect(view.description).toMatch(/^Quantum Basics: a series in 2 parts on .+, in reading order\.$/);
    const ld = view.jsonLd![0] as { url: string; mainEntity: { itemListElement: Array<{ position: number; url: string }> } };
    expect(ld.url).toBe('https://blog.example/series/quantum-basics/');
    expect(ld.mainEntity.itemListElement.map((item) => [item.position, item.url])).toEqual([
      [1, 'https://blog.example/blog/a/'],
      [2, 'https://blog.example/blog/b/'],
    ]);
  });

  it('the index lists every series with its parts; with none it stays out of search engines', () => {
    const view = seriesIndexView(groups, context);
    expect(view.terms).toEqual([
      { label: 'Quantum Basics', href: '/series/quantum-basics/', description: undefined, posts: '2 parts' },
      { label: 'Rust & WebAssembly', href: '/series/rust-and-webassembly/', description: undefined, posts: '2 parts' },
    ]);
    expect(view.count).toBe('2 series');
    expect(view.layout.noindex).toBe(false);
    expect(seriesIndexView([], context).layout.noindex).toBe(true);
  });
});

describe('the `npm run new` template', () => {
  it('offers series and seriesOrder as commented lines that, uncommented, are a valid part', () => {
    const text = renderNewPost({
      title: 'T',
      slug: 't',
      category: 'C',
      author: 'A',
      pubDate: '2026-03-04',
      heroImage: '/t.webp',
      heroExists: true,
    });
    expect(text).toContain('\n# series: "Quantum Basics"\n# seriesOrder: 2\n');
    const uncommented = text.replace('# series:', 'series:').replace('# seriesOrder:', 'seriesOrder:');
    const data = yaml.load(uncommented.split('---')[1]!) as Record<string, unknown>;
    expect([data['series'], data['seriesOrder']]).toEqual(['Quantum Basics', 2]);
    expect(postFrontmatterSchema.safeParse({ ...data, heroImageAlt: 'x', description: 'd' }).success).toBe(true);
  });
});

describe("a part's page cache key", () => {
  // Each post alone in its category, with no tags, and p3 never p1's neighbour by date: only the series box links them.
  const list = (p3Title: string, p3Series = 'Quantum Basics') =>
    posts([
      { slug: 'p1', frontmatter: { pubDate: '2026-03-05', series: 'Quantum Basics', seriesOrder: 1, category: 'One' } },
      { slug: 'x', frontmatter: { pubDate: '2026-03-06', category: 'X' } },
      { slug: 'y', frontmatter: { pubDate: '2026-03-07', category: 'Y' } },
      { slug: 'p3', frontmatter: { title: p3Title, pubDate: '2026-03-09', series: p3Series, seriesOrder: 3, category: 'Three' } },
      { slug: 'p2', frontmatter: { pubDate: '2026-03-01', series: 'Quantum Basics', seriesOrder: 2, category: 'Two' } },
      { slug: 'z', frontmatter: { pubDate: '2026-02-01', category: 'Z' } },
    ]);
  const keyOf = async (all: ReturnType<typeof list>, slug: string) => {
    const paths = await articlePaths(all, { digest: async () => 'digest', authorStamp: async () => 'author' }, false);
    return paths.find((path) => path.params.slug === slug)!.cacheKey;
  };

  it('changes when another part is renamed or leaves the series, so its box never shows a stale list', async () => {
    const before = await keyOf(list('Part three'), 'p1');
    expect(await keyOf(list('Part three'), 'p1')).toBe(before);
    expect(await keyOf(list('Part three, renamed'), 'p1')).not.toBe(before);
    expect(await keyOf(list('Part three', 'Something Else'), 'p1')).not.toBe(before);
    // A post in no series keeps its key whatever the series does.
    expect(await keyOf(list('Part three, renamed'), 'z')).toBe(await keyOf(list('Part three'), 'z'));
  });
});
