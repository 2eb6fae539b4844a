import { slugify } from './slug.ts';

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
