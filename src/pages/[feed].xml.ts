import type { APIRoute, GetStaticPaths } from 'astro';
import { feedPath, postFeed, type FeedOptions } from '../lib/feed.ts';
import { getPosts } from '../lib/posts.ts';
import { urls } from '../lib/urls.ts';
import { SITE } from '../site.config.ts';

/**
 * The site feed, /rss.xml. A route with one parameter rather than a plain
 * rss.xml.ts only so that it can have getStaticPaths, and so a cache key:
 * an unchanged feed is copied from the last build.
 */
export const getStaticPaths = (async () => [
  await feedPath({ feed: 'rss' }, { title: SITE.title, description: SITE.description, posts: await getPosts(), selfUrl: urls.rss() }),
]) satisfies GetStaticPaths;

export const GET: APIRoute<{ options: FeedOptions }> = ({ props: { options }, site }) => postFeed({ ...options, site: site! });
