import type { Post } from './post-model.ts';

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
 * among equals.
 */
export function relatedPosts(post: Post, posts: readonly Post[], limit = 4): Post[] {
  const index = indexOf(posts);
  const scores = new Map<number, number>();
  const add = (list: number[] | undefined) => {
    for (const i of list ?? []) scores.set(i, (scores.get(i) ?? 0) + 1);
  };
  for (const slug of new Set(post.tags.map((t) => t.slug))) add(index.byTag.get(slug));
  add(index.byCategory.get(post.category.slug));
  return [...scores]
    .filter(([i]) => posts[i]!.slug !== post.slug)
    .sort(([a, scoreA], [b, scoreB]) => scoreB - scoreA || posts[b]!.pubDate.getTime() - posts[a]!.pubDate.getTime() || a - b)
    .slice(0, limit)
    .map(([i]) => posts[i]!);
}

/** The posts published just before and after `post` (list is newest first). */
export function adjacentPosts(post: Post, posts: readonly Post[]): { newer: Post | undefined; older: Post | undefined } {
  const index = indexOf(posts).position.get(post.slug) ?? -1;
  return { newer: index > 0 ? posts[index - 1] : undefined, older: index >= 0 ? posts[index + 1] : undefined };
}
