/** Which image a post's link preview shows. */
import { SITE } from '#src/site.config.ts';
import { imageContentHash } from '#src/lib/images/images.ts';
import type { Post } from '#src/lib/content/post-model.ts';
import { planSocialCard, type SocialCard } from './social-card.ts';

/**
 * A post's link-preview image (og:image): the editor's `ogImage`, cropped to
 * 1200x630 with nothing drawn over it, or else the generated card (the hero,
 * the category and the title). `heroKey` names the hero's content; the
 * ogImage is named by its own, so a replaced file gets a new card.
 */
export async function postShareCard(post: Post, options: { base: string; heroKey?: string | undefined }): Promise<SocialCard> {
  if (post.seo.ogImage) {
    const { file, reference } = post.seo.ogImage;
    return planSocialCard(
      { title: post.title, heroFile: file, siteName: SITE.title, imageOnly: true },
      { base: options.base, heroKey: await imageContentHash(file, `${post.file} ogImage "${reference}"`) },
    );
  }
  return planSocialCard(
    { title: post.title, kicker: post.category.name, heroFile: post.hero?.file, siteName: SITE.title },
    { base: options.base, heroKey: options.heroKey },
  );
}
