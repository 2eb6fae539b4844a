import type { APIRoute, GetStaticPaths } from 'astro';
import { postFeed, type FeedOptions } from '#src/lib/feeds/feed.ts';
import { categoryFeedPaths } from '#src/lib/views/routes.ts';

/** Each category's feed, /category/<slug>/rss.xml, keyed like the site feed. */
export const getStaticPaths = categoryFeedPaths satisfies GetStaticPaths;

export const GET: APIRoute<{ options: FeedOptions }> = ({ props: { options }, site }) => postFeed({ ...options, site: site! });
