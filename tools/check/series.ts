/**
 * Checks of series (`series:`, `seriesOrder:`) across posts: a series needs two
 * parts, each part its own number, and one spelling of its name.
 */
import { slugify } from '#src/lib/content/slug.ts';
import { MIN_SERIES_PARTS } from '#src/lib/taxonomy/series.ts';
import type { CheckedPost, Problem } from './problems.ts';

const list = (posts: readonly CheckedPost[]) => posts.map((post) => post.file).join(', ');

/**
 * The spelling of a series name to keep when its parts spell it differently:
 * the one most parts use; on a tie the tidy one (single spaces), then the one
 * with more capitals ("Quantum Basics" over "quantum basics"), then code order.
 */
export function preferredSpelling(spellings: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const spelling of spellings) counts.set(spelling, (counts.get(spelling) ?? 0) + 1);
  const tidy = (s: string) => (/\s{2,}|[-_]/.test(s) ? 0 : 1);
  const capitals = (s: string) => (s.match(/\p{Lu}/gu) ?? []).length;
  return [...counts].sort(
    ([a, countA], [b, countB]) => countB - countA || tidy(b) - tidy(a) || capitals(b) - capitals(a) || (a < b ? -1 : a > b ? 1 : 0),
  )[0]![0];
}

/** Every problem of every series among `posts`; nothing to do (and nothing done) when no post names a series. */
export function seriesProblems(posts: readonly CheckedPost[]): Problem[] {
  const inSeries = posts.filter((post) => post.data.series !== undefined);
  if (inSeries.length === 0) return [];
  const problems: Problem[] = [];
  const report = (post: CheckedPost, field: 'series' | 'seriesOrder', message: string) =>
    problems.push({ file: post.file, line: post.lines[field], field, message });

  for (const parts of Map.groupBy(inSeries, (post) => slugify(post.data.series!)).values()) {
    const name = preferredSpelling(parts.map((post) => post.data.series!));
    const spelledAsNamed = parts.filter((post) => post.data.series === name);
    for (const post of parts) {
      if (post.data.series === name) continue;
      report(
        post,
        'series',
        `"${post.data.series}" is the series "${name}" of ${list(spelledAsNamed)}, spelled differently; write series: "${name}" so the series has one name`,
      );
    }

    // Drafts are not parts readers get; a scheduled part will be, so it counts.
    const shown = parts.filter((post) => !post.data.draft);
    if (shown.length > 0 && shown.length < MIN_SERIES_PARTS) {
      const drafts = parts.filter((post) => post.data.draft);
      const waiting = drafts.length > 0 ? ` (${list(drafts)} is a draft, which does not count until it is published)` : '';
      for (const post of shown) {
        report(
          post,
          'series',
          `"${name}" has only this post; a series needs at least two parts${waiting}: add series: "${name}" to another post, or remove series until there is one`,
        );
      }
    }

    for (const [order, same] of Map.groupBy(
      parts.filter((post) => post.data.seriesOrder !== undefined),
      (post) => post.data.seriesOrder!,
    )) {
      if (same.length < 2) continue;
      for (const post of same) {
        const others = list(same.filter((other) => other !== post));
        report(post, 'seriesOrder', `${order} is also the seriesOrder of ${others} in "${name}"; give each part its own number`);
      }
    }
  }
  return problems;
}
