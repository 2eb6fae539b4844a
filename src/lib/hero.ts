import { responsiveImage, type ResponsiveImage } from './images.ts';
import type { Post } from './post-model.ts';

/** The hero's responsive variants, or undefined for a post without one. */
export function heroImage(post: Post): Promise<ResponsiveImage> | undefined {
  if (!post.hero) return undefined;
  return responsiveImage(post.hero.file, { base: import.meta.env.BASE_URL, origin: `${post.file} heroImage "${post.hero.reference}"` });
}
