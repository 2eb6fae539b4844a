/** The archive by year (/archive/): posts grouped by year and month of their date in the site time zone, newest first. */
import { describe, expect, it } from 'vitest';
import { groupByYearAndMonth } from '#src/lib/taxonomy/by-year.ts';
import { yearArchiveView } from '#src/lib/views/year-archive.ts';
import { context, posts, type FixturePost } from '../helpers/views-fixtures.ts';

const dated = (slug: string, pubDate: string): FixturePost => ({ slug, frontmatter: { pubDate } });
const shape = (list: FixturePost[], timeZone = 'America/New_York') =>
  groupByYearAndMonth(posts(list), timeZone).map((year) => [year.year, year.months.map((m) => [m.month, m.posts.map((p) => p.slug)])]);

describe('groupByYearAndMonth', () => {
  it.each([
    { name: 'no posts', list: [], expected: [] },
    {
      name: 'one month',
      list: [dated('a', '2026-03-01'), dated('b', '2026-03-20')],
      expected: [[2026, [[3, ['b', 'a']]]]],
    },
    {
      name: 'months and years, newest first',
      list: [
        dated('jan', '2026-01-15'),
        dated('dec', 'Dec 24 2025'),
        dated('mar', '2026-03-02'),
        dated('old', '2024-07-04'),
        dated('jan2', '2026-01-31'),
      ],
      expected: [
        [
          2026,
          [
            [3, ['mar']],
            [1, ['jan2', 'jan']],
          ],
        ],
        [2025, [[12, ['dec']]]],
        [2024, [[7, ['old']]]],
      ],
    },
    {
      name: 'a late-evening post stays in its month and year in the site time zone (in UTC it is the next day)',
      list: [dated('eve', '2025-12-31T23:30:00-05:00'), dated('nov', '2025-11-30T22:00:00'), dated('new', '2026-01-01')],
      expected: [
        [2026, [[1, ['new']]]],
        [
          2025,
          [
            [12, ['eve']],
            [11, ['nov']],
          ],
        ],
      ],
    },
    {
      name: 'an offset from elsewhere is filed by the site time zone: 1 January in Tokyo is still 31 December in New York',
      list: [dated('tokyo', '2026-01-01T09:00:00+09:00')],
      expected: [[2025, [[12, ['tokyo']]]]],
    },
  ])('$name', ({ list, expected }) => {
    expect(shape(list)).toEqual(expected);
  });

  it('follows the time zone it is given', () => {
    const list = [dated('tokyo', '2026-01-01T09:00:00+09:00')];
    expect(shape(list, 'Asia/Tokyo')).toEqual([[2026, [[1, ['tokyo']]]]]);
    expect(shape(list, 'UTC')).toEqual([[2026, [[1, ['tokyo']]]]]);
    expect(shape(list, 'America/Los_Angeles')).toEqual([[2025, [[12, ['tokyo']]]]]);
  });

  it('sorts posts that come in any order', () => {
    const list = [dated('a', '2026-01-01'), dated('c', '2026-03-01'), dated('b', '2026-02-01')];
    const mixed = posts(list).toReversed();
    expect(groupByYearAndMonth(mixed, 'UTC').flatMap((y) => y.months.flatMap((m) => m.posts.map((p) => p.slug)))).toEqual(['c', 'b', 'a']);
  });
});

describe('yearArchiveView', () => {
  it('headings, ids, counts and dates as the page shows them', () => {
    const view = yearArchiveView(
      posts([dated('a', '2026-03-04'), dated('b', '2026-03-01'), dated('c', '2025-12-31T23:30:00-05:00')]),
      context,
    );
    expect(view.count).toBe('3 posts');
    expect(view.cards.href).toBe('/blog/');
    expect(view.breadcrumbs).toEqual([{ label: 'Home', href: '/' }, { label: 'Archive' }]);
    expect(
      view.years.map((y) => [y.year, y.id, y.count, y.months.map((m) => [m.label, m.id, m.entries.map((e) => [e.href, e.day])])]),
    ).toEqual([
      [
        2026,
        'y2026',
        '2 posts',
        [
          [
            'March 2026',
            'y2026-03',
            [
              ['/blog/a/', 'Mar 4'],
              ['/blog/b/', 'Mar 1'],
            ],
          ],
        ],
      ],
      [2025, 'y2025', '1 post', [['December 2025', 'y2025-12', [['/blog/c/', 'Dec 31']]]]],
    ]);
  });
});
