/** Body images given responsive variants and sizes. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { responsiveImage } from '#src/lib/images/images.ts';
import { quoted, resolveReadable } from '#src/lib/urls/safe-paths.ts';

export interface BodyImageOptions {
  root: string;
  publicDir: string;
  base: string;
}

/** Body images are at most the article column wide (--width-text, 39rem at 16px = 624px). */
export const BODY_IMAGE_SIZES = '(min-width: 41.5rem) 39rem, calc(100vw - 2.5rem)';

/**
 * Site-root images in a post body ("/images/x.webp", a file in public/) get
 * the same responsive webp variants as heroes, with their pixel size set so
 * the page does not jump while they load, and lazy loading.
 */
export function rehypeBodyImages(options: BodyImageOptions) {
  return async (tree: Root, file: VFile) => {
    const images: Element[] = [];
    visit(tree, 'element', (node: Element) => {
      const src = node.properties['src'];
      if (node.tagName === 'img' && typeof src === 'string' && src.startsWith('/') && !src.startsWith('//')) images.push(node);
    });
    const origin = file.path ? path.relative(options.root, file.path) : 'a post';
    await Promise.all(
      images.map(async (node) => {
        const src = node.properties['src'] as string;
        // The checker refused this post already; the build refuses it again, for a path outside
        // public/ (written, percent-encoded or through a link) must never be read and published.
        const { file: source, problem } = resolveReadable(src, file.path ?? options.root, {
          root: options.root,
          publicDir: options.publicDir,
        });
        // Named as responsiveImage names its images ("<post> body image …"), which bodyError says once.
        if (problem !== undefined) throw new Error(`${origin} body image ${quoted(src)} ${problem}`);
        if (!existsSync(source)) return; // reported by the content check, which names the line
        const image = await responsiveImage(source, { base: options.base, origin: `${origin} body image "${src}"` });
        Object.assign(node.properties, {
          src: image.src,
          srcSet: image.srcset,
          sizes: BODY_IMAGE_SIZES,
          width: image.width,
          height: image.height,
          loading: 'lazy',
          decoding: 'async',
        });
      }),
    );
  };
}
