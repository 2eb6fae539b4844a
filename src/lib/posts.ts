import mdxRenderer from '@astrojs/mdx/server.js';
import { experimental_AstroContainer } from 'astro/container';
import { getCollection, render, type CollectionEntry } from 'astro:content';
import { buildPosts, type Post } from './post-model.ts';
import type { ProjectPaths } from './site-paths.ts';

declare const __BLOG_BUILD__: ProjectPaths & { includeUnpublished: boolean };

interface Loaded {
  posts: Post[];
  entries: Map<string, CollectionEntry<'blog'>>;
}

let cached: Promise<Loaded> | undefined;

function load(): Promise<Loaded> {
  return getCollection('blog').then((list) => ({
    entries: new Map(list.map((entry) => [entry.id, entry])),
    posts: buildPosts(
      list.map((entry) => ({ id: entry.id, filePath: entry.filePath ?? entry.id, body: entry.body ?? '', data: entry.data })),
      { paths: __BLOG_BUILD__, now: new Date(), includeUnpublished: __BLOG_BUILD__.includeUnpublished },
    ),
  }));
}

/** Once per build; on every request in the dev server, so edits show up. */
function loaded(): Promise<Loaded> {
  if (__BLOG_BUILD__.includeUnpublished) return load();
  return (cached ??= load());
}

/**
 * Every post the site shows, newest first. A build loads the collection once
 * (getCollection clones every entry on each call); the dev server reloads so
 * edits show up. Production leaves out drafts and posts dated in the future.
 */
export async function getPosts(): Promise<Post[]> {
  return (await loaded()).posts;
}

/** Renders a post's body: its Content component and its headings. */
export async function renderPost(post: Post) {
  return render((await loaded()).entries.get(post.id)!);
}

let container: ReturnType<typeof experimental_AstroContainer.create> | undefined;

/**
 * A post body as an HTML string (for feeds). Markdown bodies come from the
 * content layer's rendered HTML; MDX (and entries rendered on demand) go
 * through Astro's container, which renders the same Content component pages use.
 */
export async function renderPostHtml(post: Post): Promise<string> {
  const entry = (await loaded()).entries.get(post.id)!;
  if (entry.rendered?.html) return entry.rendered.html;
  const { Content } = await render(entry);
  container ??= experimental_AstroContainer.create().then((created) => {
    created.addServerRenderer({ name: 'astro:jsx', renderer: mdxRenderer });
    return created;
  });
  return (await container).renderToString(Content);
}

export type { Post };
