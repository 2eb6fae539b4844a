/** The 404 page: the newest posts and the categories, for a reader who followed a broken link. */
import type { Post } from '#src/lib/content/post-model.ts';
import { groupByTerm } from '#src/lib/taxonomy/terms.ts';
import { urls } from '#src/lib/urls/urls.ts';
import type { Link, PageMeta } from './page.ts';

/** How many of the newest posts the page lists. */
export const NEWEST_COUNT = 5;

export interface NotFoundView {
  layout: PageMeta;
  newest: Link[];
  categories: Link[];
  home: string;
  archive: string;
}

export function notFoundView(posts: readonly Post[]): NotFoundView {
  return {
    layout: {
      title: 'Page not found',
      description: 'This page does not exist. Here are the newest posts and the categories instead.',
      noindex: true,
    },
    newest: posts.slice(0, NEWEST_COUNT).map((post) => ({ label: post.title, href: urls.post(post) })),
    categories: groupByTerm(posts, 'category').map((group) => ({ label: group.term.name, href: urls.category(group.term) })),
    home: urls.home(),
    archive: urls.archive(),
  };
}
