import type { Post } from './post-model.ts';
import type { Term } from './taxonomy.ts';

export interface TermGroup {
  term: Term;
  /** Newest first. */
  posts: Post[];
}

/** A term with fewer posts than this is a thin page: noindex, not in the sitemap. */
export const MIN_POSTS_TO_INDEX = 2;

export type TermKind = 'category' | 'tag' | 'author';

function termsOf(post: Post, kind: TermKind): Term[] {
  if (kind === 'tag') return post.tags;
  return kind === 'category' ? [post.category] : post.authors;
}

/** Every term of a kind with its posts, ordered by name. `posts` must be newest first. */
export function groupByTerm(posts: readonly Post[], kind: TermKind): TermGroup[] {
  const groups = new Map<string, TermGroup>();
  for (const post of posts) {
    for (const term of termsOf(post, kind)) {
      const group = groups.get(term.slug) ?? { term, posts: [] };
      group.posts.push(post);
      groups.set(term.slug, group);
    }
  }
  return [...groups.values()].sort((a, b) => a.term.name.localeCompare(b.term.name, 'en', { sensitivity: 'base' }));
}

export function isThin(group: TermGroup): boolean {
  return group.posts.length < MIN_POSTS_TO_INDEX;
}
