import type { APIRoute, GetStaticPaths } from 'astro';
import { postFeed, type FeedOptions } from '#src/lib/feeds/feed.ts';
import { siteFeedPaths } from '#src/lib/views/routes.ts';

/**
 * The site feed, /rss.xml. A route with one parameter rather than a plain
 * rss.xml.ts only so that it can have getStaticPaths, and so a cache key:
 * an unchanged feed is copied from the last build.
 */
export const getStaticPaths = siteFeedPaths satisfies GetStaticPaths;

export const GET: APIRoute<{ options: FeedOptions }> = ({ props: { options }, site }) => postFeed({ ...options, site: site! });
