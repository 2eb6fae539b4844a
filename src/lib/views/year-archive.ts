/**
 * The archive by year, /archive/: every published post on one page under its
 * year and month (newest first), as Hugo's and AstroPaper's archives list them.
 * /blog/ stays the paginated list of cards; this page is the whole history at a glance.
 */
import { formatMonthDay, monthName } from '#src/lib/content/dates.ts';
import type { Post } from '#src/lib/content/post-model.ts';
import { groupByYearAndMonth } from '#src/lib/taxonomy/by-year.ts';
import { urls } from '#src/lib/urls/urls.ts';
import type { Crumb, Link, PageMeta, ViewContext } from './page.ts';

export interface ArchiveEntry extends Link {
  date: Date;
  /** "Mar 4", in the site time zone and language. */
  day: string;
}

export interface ArchiveMonth {
  /** "March 2026": the heading, and the id the year's links point at. */
  label: string;
  id: string;
  entries: ArchiveEntry[];
}

export interface ArchiveYear {
  year: number;
  id: string;
  /** "12 posts". */
  count: string;
  months: ArchiveMonth[];
}

export interface YearArchiveView {
  layout: PageMeta;
  breadcrumbs: Crumb[];
  heading: string;
  count: string;
  /** The paginated list of cards, linked from the top. */
  cards: Link;
  years: ArchiveYear[];
}

const postCount = (count: number) => `${count} ${count === 1 ? 'post' : 'posts'}`;

/** `posts` are the published posts (drafts and scheduled posts are never loaded into a build). */
export function yearArchiveView(posts: readonly Post[], { settings }: ViewContext): YearArchiveView {
  const { timeZone, language } = settings;
  return {
    layout: { title: 'Archive', description: `Every post on ${settings.title} by year and month, newest first.` },
    breadcrumbs: [{ label: 'Home', href: urls.home() }, { label: 'Archive' }],
    heading: 'Archive',
    count: postCount(posts.length),
    cards: { label: 'All posts, with their summaries', href: urls.archive() },
    years: groupByYearAndMonth(posts, timeZone).map(({ year, months }) => ({
      year,
      id: `y${year}`,
      count: postCount(months.reduce((sum, month) => sum + month.posts.length, 0)),
      months: months.map(({ month, posts: inMonth }) => ({
        label: `${monthName(month, language)} ${year}`,
        id: `y${year}-${String(month).padStart(2, '0')}`,
        entries: inMonth.map((post) => ({
          label: post.title,
          href: urls.post(post),
          date: post.pubDate,
          day: formatMonthDay(post.pubDate, timeZone, language),
        })),
      })),
    })),
  };
}
