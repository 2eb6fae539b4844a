/** The archive (/blog/, /blog/2/, …) and the author pages: listings of posts, with their paths' cache keys. */
import type { PaginateFunction, Page } from 'astro';
import { listingPageKey } from '#src/lib/build/page-keys.ts';
import { authorPerson, type AuthorView } from '#src/lib/content/author-person.ts';
import type { Post } from '#src/lib/content/post-model.ts';
import { groupByTerm, type Term, type TermGroup } from '#src/lib/taxonomy/terms.ts';
import { urls } from '#src/lib/urls/urls.ts';
import type { ViewContext } from './page.ts';

/** ListingLayout's props. */
export interface ListingView {
  title: string;
  /** Shown above the title, e.g. "Category". */
  kind?: string;
  description: string;
  posts: Post[];
  totalPosts: number;
  page: { current: number; last: number; href: (page: number) => string };
  index?: { label: string; href: string } | undefined;
  noindex?: boolean;
  /** The posts are read in this order (a series' parts): a numbered list, "Part 1" above each card. */
  ordered?: boolean;
  feeds?: Array<{ title: string; href: string }>;
  jsonLd?: unknown[] | undefined;
}

/** getStaticPaths of the archive, keyed so incremental builds copy unchanged pages (page-keys.ts). */
export function archivePaths(posts: readonly Post[], paginate: PaginateFunction, { settings }: Pick<ViewContext, 'settings'>) {
  return paginate(posts, { pageSize: settings.postsPerPage }).map((path) => ({
    ...path,
    cacheKey: listingPageKey([path.props.page.currentPage, path.props.page.lastPage, path.props.page.total], path.props.page.data),
  }));
}

export function archiveView(page: Page<Post>, { settings }: ViewContext): ListingView {
  return {
    title: 'All posts',
    description: `Every post on ${settings.title}, newest first.`,
    posts: page.data,
    totalPosts: page.total,
    page: { current: page.currentPage, last: page.lastPage, href: urls.archive },
  };
}

/**
 * getStaticPaths of the author pages, one per author with their posts. The key
 * holds what the page shows of the profile (bio, avatar, links): `authorStamp`.
 */
export function authorPaths(posts: readonly Post[], authorStamp: (author: Term) => Promise<string>) {
  return Promise.all(
    groupByTerm(posts, 'author').map(async (group) => ({
      params: { slug: group.term.slug },
      props: { group },
      cacheKey: listingPageKey([group.term.name, group.term.slug, await authorStamp(group.term)], group.posts),
    })),
  );
}

export interface AuthorPageView {
  listing: ListingView;
  author: AuthorView;
  /** The profile's card above the list, when the author has a profile. */
  showProfile: boolean;
}

export function authorPageView(group: TermGroup, author: AuthorView, { site, settings }: ViewContext): AuthorPageView {
  return {
    listing: {
      kind: 'Author',
      title: author.name,
      description: author.profile?.jobTitle
        ? `${author.name}, ${author.profile.jobTitle}: posts on ${settings.title}.`
        : `Posts by ${author.name} on ${settings.title}.`,
      posts: group.posts,
      totalPosts: group.posts.length,
      page: { current: 1, last: 1, href: () => urls.author(group.term) },
      index: { label: 'All posts', href: urls.archive() },
      jsonLd: [{ '@context': 'https://schema.org', ...authorPerson(author, site) }],
    },
    author,
    showProfile: author.profile !== undefined,
  };
}
