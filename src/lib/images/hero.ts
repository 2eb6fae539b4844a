/** A post hero as pages show it, the variant link previews use, and the enclosure feeds carry. */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { IMAGE_CACHE_FOLDER, produceVariants, responsiveImage, type ImageVariant, type ResponsiveImage } from './images.ts';
import type { Post } from '#src/lib/content/post-model.ts';
import build from 'virtual:blog/build-context';

/** The hero's responsive variants, or undefined for a post without one. */
export function heroImage(post: Post): Promise<ResponsiveImage> | undefined {
  if (!post.hero) return undefined;
  return responsiveImage(post.hero.file, { base: import.meta.env.BASE_URL, origin: `${post.file} heroImage "${post.hero.reference}"` });
}

/** The variant shared outside the page (feeds, structured data): 1200 px wide, or the widest there is. */
export function shareVariant(image: ResponsiveImage): ImageVariant {
  return image.variants.find((variant) => variant.width >= 1200) ?? image.largest;
}

/** One encode per variant, however many posts share the hero and feeds list it. */
const variantSizes = new Map<string, Promise<number>>();

function variantSize(variant: ImageVariant, image: ResponsiveImage): Promise<number> {
  let size = variantSizes.get(variant.name);
  if (!size) {
    const cacheDir = path.join(build.cacheDir, IMAGE_CACHE_FOLDER);
    // All of the image's variants, not only this one: pages use them all, and
    // made together they cost one decode of the source instead of two.
    const names = image.variants.map((v) => v.name);
    size = produceVariants(names, { cacheDir }).then(async () => (await stat(path.join(cacheDir, variant.name))).size);
    variantSizes.set(variant.name, size);
  }
  return size;
}

/**
 * The hero as a feed enclosure. A feed must state the file's length, so the
 * variant is made now (into the image cache, where the build hook finds it).
 */
export async function heroEnclosure(post: Post): Promise<{ variant: ImageVariant; length: number } | undefined> {
  const image = await heroImage(post);
  if (!image) return undefined;
  const variant = shareVariant(image);
  return { variant, length: await variantSize(variant, image) };
}
