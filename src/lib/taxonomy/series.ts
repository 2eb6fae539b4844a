/** Series of posts (`series:` in frontmatter): each series' parts in reading order, and where a post sits in its series. */
import type { Post } from '#src/lib/content/post-model.ts';
import type { Term } from './terms.ts';

/** A series with fewer published parts than this gets no page and no box: "Part 1 of 1" tells a reader nothing. */
export const MIN_SERIES_PARTS = 2;

export interface SeriesGroup {
  term: Term;
  /** Reading order: `seriesOrder` first, then by date. */
  parts: Post[];
}

/** Where one post sits in its series. */
export interface SeriesPlace {
  group: SeriesGroup;
  /** 0-based position in `group.parts`. */
  index: number;
}

/**
 * Reading order of two parts: parts with a `seriesOrder` by that number, then
 * parts without one by date (oldest first, as a series is written), the slug
 * breaking ties so the order never depends on file order.
 */
export function compareParts(a: Post, b: Post): number {
  const orderA = a.series?.order ?? Number.POSITIVE_INFINITY;
  const orderB = b.series?.order ?? Number.POSITIVE_INFINITY;
  if (orderA !== orderB) return orderA < orderB ? -1 : 1;
  return a.pubDate.getTime() - b.pubDate.getTime() || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
}

const indexes = new WeakMap<readonly Post[], Map<string, SeriesGroup>>();

/** Every series of `posts` with enough parts, by slug; built once per post list (a build shares one). */
function seriesIndex(posts: readonly Post[]): Map<string, SeriesGroup> {
  let index = indexes.get(posts);
  if (!index) {
    index = new Map();
    for (const [slug, parts] of Map.groupBy(
      posts.filter((post) => post.series),
      (post) => post.series!.slug,
    )) {
      if (parts.length < MIN_SERIES_PARTS) continue;
      const { name } = parts[0]!.series!;
      index.set(slug, { term: { name, slug }, parts: parts.toSorted(compareParts) });
    }
    indexes.set(posts, index);
  }
  return index;
}

/** Every series with at least two parts among `posts`, ordered by name. */
export function groupSeries(posts: readonly Post[]): SeriesGroup[] {
  return [...seriesIndex(posts).values()].sort((a, b) => a.term.name.localeCompare(b.term.name, 'en', { sensitivity: 'base' }));
}

/** The post's series and its place in it; undefined when it is in none, or in one too short to show. */
export function seriesPlace(post: Post, posts: readonly Post[]): SeriesPlace | undefined {
  const group = post.series && seriesIndex(posts).get(post.series.slug);
  if (!group) return undefined;
  const index = group.parts.findIndex((part) => part.slug === post.slug);
  return index === -1 ? undefined : { group, index };
}
