/** Cache keys that let Astro copy a page from the last build when nothing it shows changed. */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { cardView } from '#src/lib/content/card-view.ts';
import type { Post } from '#src/lib/content/post-model.ts';

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
export function heroStamp(file: string): string {
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

/** Everything a post card shows (the card's own record, and its hero file's identity), as text. */
export function cardFingerprint(post: Post): string {
  let text = cards.get(post);
  if (text === undefined) {
    const view = cardView(post);
    text = JSON.stringify([view, view.hero ? heroStamp(view.hero.file) : null]);
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

/** What an article page shows besides its own post: the posts it links to and how. */
export interface ArticleNeighbours {
  related: readonly Post[];
  newer: Post | undefined;
  older: Post | undefined;
  /** Posts its body links to: a "Related:" link card shows the target's card facts. */
  linked?: readonly Post[];
  /** What the byline and JSON-LD show of each author's profile (`profileStamp`). */
  authorStamps?: readonly string[];
  /** The series box: the series' name and its parts in order (titles and links). */
  series?: { name: string; parts: readonly Post[] } | undefined;
}

/**
 * A profile file's identity for keys: Astro's digest of the file and its
 * image's stamp (a replaced avatar gets new variant names).
 */
export function profileStamp(profile: { digest: string; image: string | undefined } | undefined): string {
  return profile ? JSON.stringify([profile.digest, profile.image ? heroStamp(profile.image) : null]) : '-';
}

/**
 * The key of an article page: the post file's content digest (frontmatter
 * and body, which Astro computes when it loads the collection), its hero's
 * identity, and the cards and pager links of the posts it links to. Code
 * that shapes the page is hashed by Astro; code that shapes the post's HTML
 * (Markdown plugins) changes the config hash through content-cache.ts.
 */
export function articlePageKey(post: Post, digest: string | undefined, neighbours: ArticleNeighbours): string | undefined {
  // No digest (an entry Astro could not hash): always render.
  if (digest === undefined) return undefined;
  // The editor's preview image is named by its content too; added only when set, so other keys stay as they were.
  const ogImage = post.seo.ogImage ? [heroStamp(post.seo.ogImage.file)] : [];
  const hash = createHash('sha1').update(JSON.stringify([digest, post.hero ? heroStamp(post.hero.file) : null, ...ogImage]));
  for (const other of neighbours.related) hash.update('\n').update(cardFingerprint(other));
  for (const other of [neighbours.newer, neighbours.older])
    hash.update('\n').update(other ? JSON.stringify([other.slug, other.title]) : '-');
  // Added only when present, so the keys of pages without them stay as they were.
  for (const other of neighbours.linked ?? []) hash.update('\nlinked ').update(cardFingerprint(other));
  for (const stamp of neighbours.authorStamps ?? []) hash.update('\nauthor ').update(stamp);
  if (neighbours.series)
    hash
      .update('\nseries ')
      .update(JSON.stringify([neighbours.series.name, ...neighbours.series.parts.map((part) => [part.slug, part.title])]));
  return hash.digest('base64url');
}

/**
 * The key of a feed: its own facts (title, description, address) and, for
 * each post it carries, the post file's digest (the item's body and dates),
 * its hero's identity (the enclosure) and the names the item shows, which
 * other posts' spellings can change (src/lib/taxonomy/terms.ts).
 */
export function feedKey(facts: unknown, posts: readonly Post[], digests: readonly (string | undefined)[]): string | undefined {
  if (digests.some((digest) => digest === undefined)) return undefined;
  const hash = createHash('sha1').update(JSON.stringify(facts));
  for (const [i, post] of posts.entries()) {
    hash
      .update('\n')
      .update(
        JSON.stringify([
          digests[i],
          post.slug,
          post.hero ? heroStamp(post.hero.file) : null,
          post.authors.map((author) => author.name),
          post.category.name,
          post.tags.map((tag) => tag.name),
        ]),
      );
  }
  return hash.digest('base64url');
}
