import type { APIRoute, GetStaticPaths } from 'astro';
import { feedPath, postFeed, type FeedOptions } from '#src/lib/feeds/feed.ts';
import { getPosts } from '#src/lib/content/posts.ts';
import { urls } from '#src/lib/urls/urls.ts';
import { SITE } from '#src/site.config.ts';

/**
 * The site feed, /rss.xml. A route with one parameter rather than a plain
 * rss.xml.ts only so that it can have getStaticPaths, and so a cache key:
 * an unchanged feed is copied from the last build.
 */
export const getStaticPaths = (async () => [
  await feedPath({ feed: 'rss' }, { title: SITE.title, description: SITE.description, posts: await getPosts(), selfUrl: urls.rss() }),
]) satisfies GetStaticPaths;

export const GET: APIRoute<{ options: FeedOptions }> = ({ props: { options }, site }) => postFeed({ ...options, site: site! });
