/** What a post card shows: one record read by the card component and by the cache keys of the pages that list it. */
import { urls } from '#src/lib/urls/urls.ts';
import type { Post } from './post-model.ts';

export interface CardView {
  href: string;
  title: string;
  description: string;
  pubDate: Date;
  readingMinutes: number;
  category: { name: string; href: string };
  draft: boolean;
  scheduled: boolean;
  /** The hero's file (its variants are made from it) and alt text; null for a post without one. */
  hero: { file: string; alt: string } | null;
}

const views = new WeakMap<Post, CardView>();

/**
 * Everything PostCard.astro renders comes from here, and the cache key of a
 * listing page hashes the same record (build/page-keys.ts): a field added to
 * the card is in the key without anyone remembering to add it.
 */
export function cardView(post: Post): CardView {
  let view = views.get(post);
  if (!view) {
    view = {
      href: urls.post(post),
      title: post.title,
      description: post.description,
      pubDate: post.pubDate,
      readingMinutes: post.readingMinutes,
      category: { name: post.category.name, href: urls.category(post.category) },
      draft: post.draft,
      scheduled: post.scheduled,
      hero: post.hero ? { file: post.hero.file, alt: post.hero.alt } : null,
    };
    views.set(post, view);
  }
  return view;
}
