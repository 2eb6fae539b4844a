/** Categories, tags and authors: one name and slug per term, and the posts under each. */
import type { Post } from '#src/lib/content/post-model.ts';
import { slugify } from '#src/lib/content/slug.ts';

/** A category, tag or author: one display name, one URL slug. */
export interface Term {
  name: string;
  slug: string;
}

/**
 * Chooses one display name per slug from every spelling in use, so
 * "Machine Learning" and "machine-learning" share a page with a stable name:
 * the most used spelling, ties broken by preferring capitals, then by code order.
 */
export function canonicalNames(spellings: Iterable<string>): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const spelling of spellings) {
    const slug = slugify(spelling);
    if (!slug) continue;
    const forSlug = counts.get(slug) ?? new Map<string, number>();
    forSlug.set(spelling, (forSlug.get(spelling) ?? 0) + 1);
    counts.set(slug, forSlug);
  }
  const capitals = (s: string) => (s.match(/\p{Lu}/gu) ?? []).length;
  const names = new Map<string, string>();
  for (const [slug, forSlug] of counts) {
    const [best] = [...forSlug].sort(
      ([a, countA], [b, countB]) => countB - countA || capitals(b) - capitals(a) || (a < b ? -1 : a > b ? 1 : 0),
    );
    names.set(slug, best![0]);
  }
  return names;
}

/** Terms of one kind, deduplicated by slug, in the order first seen. */
export function toTerms(spellings: readonly string[], names: Map<string, string>): Term[] {
  const seen = new Map<string, Term>();
  for (const spelling of spellings) {
    const slug = slugify(spelling);
    if (slug && !seen.has(slug)) seen.set(slug, { slug, name: names.get(slug) ?? spelling });
  }
  return [...seen.values()];
}

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
