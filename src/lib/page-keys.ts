import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import type { Post } from './post-model.ts';

/**
 * Cache keys for Astro's incremental builds (`experimental.incrementalBuild`):
 * a page returned by getStaticPaths() with a `cacheKey` is copied from the
 * previous build instead of rendered when its key and its code (the page's
 * module graph, which Astro hashes itself) are unchanged. So a key must
 * change whenever anything the page shows changes that is not code: the
 * posts on it and what their cards show, page numbers, the term's name.
 *
 * A skipped page does not run, so anything a page records while rendering
 * (noindex for the sitemap, say) must be recorded by getStaticPaths instead.
 */

const heroStamps = new Map<string, string>();

/**
 * A hero file's identity, for keys. Variant names carry the image's content
 * hash, so a replaced hero must change the key of every card showing it; the
 * file's size and modification time say so without reading it.
 */
function heroStamp(file: string): string {
  let stamp = heroStamps.get(file);
  if (stamp === undefined) {
    try {
      const { mtimeMs, size } = statSync(file);
      stamp = `${mtimeMs}:${size}`;
    } catch {
      stamp = 'missing';
    }
    heroStamps.set(file, stamp);
  }
  return stamp;
}

const cards = new WeakMap<Post, string>();

/** Everything a post card (PostCard.astro) shows, as text. */
export function cardFingerprint(post: Post): string {
  let text = cards.get(post);
  if (text === undefined) {
    text = JSON.stringify([
      post.slug,
      post.title,
      post.description,
      post.pubDate.getTime(),
      post.readingMinutes,
      post.category.name,
      post.category.slug,
      post.draft,
      post.scheduled,
      post.hero ? [post.hero.file, post.hero.alt, heroStamp(post.hero.file)] : null,
    ]);
    cards.set(post, text);
  }
  return text;
}

/** The key of a listing page: its own facts (title, page numbers, …) and the cards it lists. */
export function listingPageKey(facts: unknown, posts: readonly Post[]): string {
  const hash = createHash('sha1').update(JSON.stringify(facts));
  for (const post of posts) hash.update('\n').update(cardFingerprint(post));
  return hash.digest('base64url');
}
