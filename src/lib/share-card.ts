import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SITE } from '../site.config.ts';
import type { Post } from './post-model.ts';
import { planSocialCard, type SocialCard } from './social-card.ts';

const digests = new Map<string, string>();
// A build does not change its images; the dev server reads again so a replaced file shows.
const IMMUTABLE_SOURCES = process.env['NODE_ENV'] === 'production';

/** A short content hash of a file, so a replaced image gets a new card name. */
function fileDigest(file: string): string {
  const known = IMMUTABLE_SOURCES ? digests.get(file) : undefined;
  if (known) return known;
  const digest = createHash('sha1').update(readFileSync(file)).digest('hex').slice(0, 12);
  digests.set(file, digest);
  return digest;
}

/**
 * A post's link-preview image (og:image): the editor's `ogImage`, cropped to
 * 1200x630 with nothing drawn over it, or else the generated card (the hero,
 * the category and the title). `heroKey` names the hero's content.
 */
export function postShareCard(post: Post, options: { base: string; heroKey?: string | undefined }): SocialCard {
  if (post.seo.ogImage) {
    return planSocialCard(
      { title: post.title, heroFile: post.seo.ogImage.file, siteName: SITE.title, imageOnly: true },
      { base: options.base, heroKey: fileDigest(post.seo.ogImage.file) },
    );
  }
  return planSocialCard(
    { title: post.title, kicker: post.category.name, heroFile: post.hero?.file, siteName: SITE.title },
    { base: options.base, heroKey: options.heroKey },
  );
}
