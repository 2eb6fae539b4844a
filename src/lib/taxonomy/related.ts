/** Related posts by shared tags and category, with lookups built once per post list. */
import type { Post } from '#src/lib/content/post-model.ts';

/**
 * Lookups over one post list, built once per list (a build shares one list
 * between all pages): which posts carry each tag and category, and where each
 * post sits. Without it every article page scans every post, which is
 * quadratic: 10,000 posts with 30 tags each is billions of comparisons.
 */
interface PostIndex {
  byTag: Map<string, number[]>;
  byCategory: Map<string, number[]>;
  position: Map<string, number>;
  /** Scratch space for relatedPosts, all zeros between calls. */
  scores?: Int32Array;
}

const indexes = new WeakMap<readonly Post[], PostIndex>();

function indexOf(posts: readonly Post[]): PostIndex {
  let index = indexes.get(posts);
  if (!index) {
    index = { byTag: new Map(), byCategory: new Map(), position: new Map() };
    for (const [i, post] of posts.entries()) {
      // One entry per occurrence, so a tag listed twice counts twice, as before.
      for (const tag of post.tags) {
        const list = index.byTag.get(tag.slug);
        if (list) list.push(i);
        else index.byTag.set(tag.slug, [i]);
      }
      const list = index.byCategory.get(post.category.slug);
      if (list) list.push(i);
      else index.byCategory.set(post.category.slug, [i]);
      if (!index.position.has(post.slug)) index.position.set(post.slug, i);
    }
    indexes.set(posts, index);
  }
  return index;
}

/**
 * Up to `limit` posts that share tags or the category with `post`: the more
 * shared tags (a shared category counts as one), the closer; newest first
 * among equals. Scores are counted in one reused array and the best few kept
 * as they come, rather than sorting every post that shares a word: with 30
 * tags per post from a shared vocabulary, most posts share something.
 */
export function relatedPosts(post: Post, posts: readonly Post[], limit = 4): Post[] {
  const index = indexOf(posts);
  const scores = (index.scores ??= new Int32Array(posts.length));
  const touched: number[] = [];
  const add = (list: number[] | undefined) => {
    for (const i of list ?? []) {
      if (scores[i] === 0) touched.push(i);
      scores[i] = scores[i]! + 1;
    }
  };
  for (const slug of new Set(post.tags.map((t) => t.slug))) add(index.byTag.get(slug));
  add(index.byCategory.get(post.category.slug));
  // Closer first: higher score, then newer, then earlier in the list.
  const before = (a: number, b: number) => scores[a]! - scores[b]! || posts[a]!.pubDate.getTime() - posts[b]!.pubDate.getTime() || b - a;
  const best: number[] = [];
  for (const i of touched) {
    if (posts[i]!.slug === post.slug) continue;
    if (best.length === limit && before(i, best[limit - 1]!) <= 0) continue;
    let at = Math.min(best.length, limit - 1);
    if (best.length < limit) best.push(i);
    while (at > 0 && before(i, best[at - 1]!) > 0) {
      best[at] = best[at - 1]!;
      at -= 1;
    }
    best[at] = i;
  }
  const related = best.map((i) => posts[i]!);
  for (const i of touched) scores[i] = 0;
  return related;
}

/** The posts published just before and after `post` (list is newest first). */
export function adjacentPosts(post: Post, posts: readonly Post[]): { newer: Post | undefined; older: Post | undefined } {
  const index = indexOf(posts).position.get(post.slug) ?? -1;
  return { newer: index > 0 ? posts[index - 1] : undefined, older: index >= 0 ? posts[index + 1] : undefined };
}

/** What an article page shows of other posts: the related cards and the newer and older links. */
export function shownNeighbours(post: Post, posts: readonly Post[]): { related: Post[]; newer: Post | undefined; older: Post | undefined } {
  return { related: relatedPosts(post, posts), ...adjacentPosts(post, posts) };
}
