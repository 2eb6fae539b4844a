/** RSS items with full content, and the cache keys of the feed routes. */
import rss from '@astrojs/rss';
import pMap from 'p-map';
import { feedHtml } from './feed-html.ts';
import { heroEnclosure } from '#src/lib/images/hero.ts';
import type { Post } from '#src/lib/content/post-model.ts';
import { feedKey } from '#src/lib/build/page-keys.ts';
import { postDigest, renderPostHtml } from '#src/lib/content/posts.ts';
import { urls } from '#src/lib/urls/urls.ts';
import { SITE } from '#src/site.config.ts';

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Built once per post per build: the site feed and its category's feed share it. */
const itemCache = new Map<string, Promise<FeedItem>>();

interface FeedItem {
  title: string;
  description: string;
  link: string;
  pubDate: Date;
  content: string;
  categories: string[];
  customData: string;
  enclosure?: { url: string; length: number; type: string };
}

async function feedItem(post: Post, site: URL): Promise<FeedItem> {
  const link = new URL(urls.post(post), site).href;
  const [html, hero] = await Promise.all([renderPostHtml(post), heroEnclosure(post)]);
  return {
    title: post.title,
    description: post.description,
    link,
    pubDate: post.pubDate,
    content: feedHtml(html, link),
    categories: [post.category.name, ...post.tags.map((tag) => tag.name)],
    customData: post.authors.map((author) => `<dc:creator>${xml(author.name)}</dc:creator>`).join(''),
    ...(hero && { enclosure: { url: new URL(hero.variant.url, site).href, length: hero.length, type: 'image/webp' } }),
  };
}

/** The newest publication or update among the posts: the feed changes only when they do. */
function lastChange(posts: Post[]): Date {
  const times = posts.map((post) => (post.updatedDate ?? post.pubDate).getTime());
  return new Date(times.length > 0 ? Math.max(...times) : 0);
}

export interface FeedOptions {
  title: string;
  description: string;
  /** Newest first; the feed carries the first `SITE.feedItems`. */
  posts: Post[];
  selfUrl: string;
}

/** The posts a feed carries: the newest `SITE.feedItems`. */
export function feedPosts(posts: readonly Post[]): Post[] {
  return posts.slice(0, SITE.feedItems);
}

/**
 * A feed route's entry for getStaticPaths: its cache key (src/lib/build/page-keys.ts)
 * lets an unchanged feed be copied from the last build instead of rendered.
 */
export async function feedPath<Params extends Record<string, string>>(params: Params, options: FeedOptions) {
  const posts = feedPosts(options.posts);
  const digests = await Promise.all(posts.map(postDigest));
  const cacheKey = feedKey([options.title, options.description, options.selfUrl], posts, digests);
  return { params, props: { options }, ...(cacheKey !== undefined && { cacheKey }) };
}

/**
 * An RSS 2.0 feed of the newest `SITE.feedItems` of the given posts (newest
 * first) with each post's whole body, sanitised and with absolute URLs, and
 * its hero as the enclosure.
 */
export async function postFeed(options: FeedOptions & { site: URL }) {
  const posts = feedPosts(options.posts);
  const items = await pMap(
    posts,
    (post) => {
      let item = itemCache.get(post.id);
      if (!item) itemCache.set(post.id, (item = feedItem(post, options.site)));
      return item;
    },
    { concurrency: 8 },
  );
  return rss({
    title: options.title,
    description: options.description,
    site: new URL(urls.home(), options.site).href,
    xmlns: { atom: 'http://www.w3.org/2005/Atom', dc: 'http://purl.org/dc/elements/1.1/' },
    customData: [
      `<language>${SITE.language}</language>`,
      `<lastBuildDate>${lastChange(posts).toUTCString()}</lastBuildDate>`,
      `<atom:link href="${xml(new URL(options.selfUrl, options.site).href)}" rel="self" type="application/rss+xml"/>`,
    ].join(''),
    items,
  });
}
