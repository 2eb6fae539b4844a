/** The feeds: the site's /rss.xml and each category's /category/<slug>/rss.xml, as the options feed.ts renders. */
import type { FeedOptions } from '#src/lib/feeds/feed.ts';
import type { Post } from '#src/lib/content/post-model.ts';
import { TERM_PAGES } from '#src/lib/taxonomy/term-pages.ts';
import { groupByTerm } from '#src/lib/taxonomy/terms.ts';
import { urls } from '#src/lib/urls/urls.ts';
import type { ViewContext } from './page.ts';

/** A feed route's params and what its feed carries. */
export interface FeedEntry<Params extends Record<string, string>> {
  params: Params;
  options: FeedOptions;
}

/** The site feed: every post (feed.ts keeps the newest). A route with a `feed` parameter only so it can have a cache key. */
export function siteFeeds(posts: Post[], { settings }: Pick<ViewContext, 'settings'>): FeedEntry<{ feed: string }>[] {
  return [{ params: { feed: 'rss' }, options: { title: settings.title, description: settings.description, posts, selfUrl: urls.rss() } }];
}

/** One feed per category, of its posts. */
export function categoryFeeds(posts: readonly Post[], { settings }: Pick<ViewContext, 'settings'>): FeedEntry<{ slug: string }>[] {
  return groupByTerm(posts, 'category').map((group) => ({
    params: { slug: group.term.slug },
    options: {
      title: `${group.term.name} | ${settings.title}`,
      description: TERM_PAGES.category.describe(group.term.name),
      posts: group.posts,
      selfUrl: urls.categoryRss(group.term),
    },
  }));
}
