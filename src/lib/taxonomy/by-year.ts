/** The year archive's grouping: posts by year and month of their date in the site time zone, newest first. */
import { calendarDay } from '#src/lib/content/dates.ts';
import type { Post } from '#src/lib/content/post-model.ts';

export interface MonthGroup {
  /** 1 to 12. */
  month: number;
  /** Newest first. */
  posts: Post[];
}

export interface YearGroup {
  year: number;
  /** Newest month first. */
  months: MonthGroup[];
}

/**
 * Posts grouped by the year and month a reader sees on them: the calendar day in
 * the site time zone (dates.ts), not in UTC, so a post dated 1 January in New York
 * is never filed under December. Years and months newest first, posts newest
 * first within a month whatever order they come in.
 */
export function groupByYearAndMonth(posts: readonly Post[], timeZone: string): YearGroup[] {
  const newestFirst = posts.toSorted((a, b) => b.pubDate.getTime() - a.pubDate.getTime() || a.slug.localeCompare(b.slug));
  const years: YearGroup[] = [];
  for (const post of newestFirst) {
    const [year, month] = calendarDay(post.pubDate, timeZone).split('-').map(Number) as [number, number];
    let yearGroup = years.at(-1);
    if (yearGroup?.year !== year) years.push((yearGroup = { year, months: [] }));
    let monthGroup = yearGroup.months.at(-1);
    if (monthGroup?.month !== month) yearGroup.months.push((monthGroup = { month, posts: [] }));
    monthGroup.posts.push(post);
  }
  return years;
}
