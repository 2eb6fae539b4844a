import type { Post } from './post-model.ts';

/**
 * Up to `limit` posts that share tags or the category with `post`: the more
 * shared tags (a shared category counts as one), the closer; newest first
 * among equals.
 */
export function relatedPosts(post: Post, posts: readonly Post[], limit = 4): Post[] {
  const tags = new Set(post.tags.map((t) => t.slug));
  return posts
    .filter((other) => other.slug !== post.slug)
    .map((other) => ({
      other,
      score: other.tags.filter((t) => tags.has(t.slug)).length + (other.category.slug === post.category.slug ? 1 : 0),
    }))
    .filter(({ score }) => score > 0)
    .sort((a, b) => b.score - a.score || b.other.pubDate.getTime() - a.other.pubDate.getTime())
    .slice(0, limit)
    .map(({ other }) => other);
}

/** The posts published just before and after `post` (list is newest first). */
export function adjacentPosts(post: Post, posts: readonly Post[]): { newer: Post | undefined; older: Post | undefined } {
  const index = posts.findIndex((p) => p.slug === post.slug);
  return { newer: index > 0 ? posts[index - 1] : undefined, older: index >= 0 ? posts[index + 1] : undefined };
}
