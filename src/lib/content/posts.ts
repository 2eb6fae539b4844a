/** Loading the blog collection once per build, and the bodies Astro leaves out of its store. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import mdxRenderer from '@astrojs/mdx/server.js';
import { experimental_AstroContainer } from 'astro/container';
import { getCollection, render, type CollectionEntry } from 'astro:content';
import { splitFrontmatter } from './frontmatter.ts';
import { storeCached } from './store-cached.ts';
import { storeToken } from './store-token.ts';
import { buildPosts, type Post } from './post-model.ts';
import build from 'virtual:blog/build-context';

interface Loaded {
  posts: Post[];
  entries: Map<string, CollectionEntry<'blog'>>;
}

const bodies = new Map<string, { digest: string | number | undefined; body: string }>();

/**
 * A post's Markdown body, as Astro's `entry.body` would be. The collection
 * leaves bodies out of the content store (`retainBody: false`): the store is
 * bundled and serialised whole on every build, and bodies were 40% of it.
 */
function bodyOf(entry: CollectionEntry<'blog'>): string {
  if (entry.body !== undefined) return entry.body;
  const file = entry.filePath ?? entry.id;
  const known = bodies.get(file);
  if (known && known.digest !== undefined && known.digest === entry.digest) return known.body;
  const code = readFileSync(path.resolve(build.root, file), 'utf8');
  // Astro's `body` is the text after the frontmatter, trimmed. A file without
  // a frontmatter block is refused by the checker before any build.
  const split = splitFrontmatter(code);
  const body = (typeof split === 'object' ? split.body : code).trim();
  bodies.set(file, { digest: entry.digest, body });
  return body;
}

function load(): Promise<Loaded> {
  return getCollection('blog').then((list) => ({
    entries: new Map(list.map((entry) => [entry.id, entry])),
    posts: buildPosts(
      list.map((entry) => ({ id: entry.id, filePath: entry.filePath ?? entry.id, readBody: () => bodyOf(entry), data: entry.data })),
      { paths: build, now: new Date(), includeUnpublished: build.includeUnpublished },
    ),
  }));
}

/** Once per build; in the dev server, once per content store (after each saved edit). */
const loaded = storeCached(load, storeToken);

/**
 * Every post the site shows, newest first. A build loads the collection once
 * (getCollection clones every entry on each call); the dev server again after
 * each content change, so edits show up. Production leaves out drafts and posts dated in the future.
 */
export async function getPosts(): Promise<Post[]> {
  return (await loaded()).posts;
}

/** The digest Astro computed of the post's file (frontmatter and body), for page cache keys. */
export async function postDigest(post: Post): Promise<string | undefined> {
  const digest = (await loaded()).entries.get(post.id)?.digest;
  return digest === undefined ? undefined : String(digest);
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
