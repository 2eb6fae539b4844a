/**
 * Checks of series (`series:`, `seriesOrder:`) across posts: a series needs two
 * parts, each part its own number, and one spelling of its name.
 */
import { slugify } from '#src/lib/content/slug.ts';
import { canonicalNames } from '#src/lib/taxonomy/terms.ts';
import { MIN_SERIES_PARTS } from '#src/lib/taxonomy/series.ts';
import type { CheckedPost, Problem } from './problems.ts';

const list = (posts: readonly CheckedPost[]) => posts.map((post) => post.file).join(', ');

/** Every problem of every series among `posts`; nothing to do (and nothing done) when no post names a series. */
export function seriesProblems(posts: readonly CheckedPost[]): Problem[] {
  const inSeries = posts.filter((post) => post.data.series !== undefined);
  if (inSeries.length === 0) return [];
  const problems: Problem[] = [];
  const report = (post: CheckedPost, field: 'series' | 'seriesOrder', message: string) =>
    problems.push({ file: post.file, line: post.lines[field], field, message });

  for (const parts of Map.groupBy(inSeries, (post) => slugify(post.data.series!)).values()) {
    // The spelling most parts use is the one to keep, as terms.ts picks a category's name.
    const name = canonicalNames(parts.map((post) => post.data.series!))
      .values()
      .next().value!;
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
