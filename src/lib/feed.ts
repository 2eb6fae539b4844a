import rss from '@astrojs/rss';
import type { Post } from './post-model.ts';
import { urls } from './urls.ts';
import { SITE } from '../site.config.ts';

/** An RSS 2.0 feed of the given posts (newest first). */
export function postFeed(options: { title: string; description: string; posts: Post[]; site: URL; selfUrl: string }) {
  return rss({
    title: options.title,
    description: options.description,
    site: options.site,
    xmlns: { atom: 'http://www.w3.org/2005/Atom' },
    customData: [
      `<language>${SITE.language}</language>`,
      `<lastBuildDate>${new Date().toUTCString()}</lastBuildDate>`,
      `<atom:link href="${new URL(options.selfUrl, options.site).href}" rel="self" type="application/rss+xml"/>`,
    ].join(''),
    items: options.posts.map((post) => ({
      title: post.title,
      description: post.description,
      link: urls.post(post),
      pubDate: post.pubDate,
      categories: [post.category.name, ...post.tags.map((tag) => tag.name)],
      author: post.author.name,
    })),
  });
}
