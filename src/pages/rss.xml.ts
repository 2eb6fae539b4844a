import type { APIRoute } from 'astro';
import { postFeed } from '../lib/feed.ts';
import { getPosts } from '../lib/posts.ts';
import { urls } from '../lib/urls.ts';
import { SITE } from '../site.config.ts';

export const GET: APIRoute = async ({ site }) =>
  postFeed({ title: SITE.title, description: SITE.description, posts: await getPosts(), site: site!, selfUrl: urls.rss() });
