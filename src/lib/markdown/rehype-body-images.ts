/** Body images given responsive variants and sizes, and a link to their largest variant. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Element, ElementContent, Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { bodyImageSource, REMOTE_IMAGE_PROBLEM, UNSERVABLE_IMAGE_PROBLEM } from '#src/lib/images/body-image-source.ts';
import { responsiveImage } from '#src/lib/images/images.ts';
import { quoted, resolveReadable } from '#src/lib/urls/safe-paths.ts';

export interface BodyImageOptions {
  root: string;
  publicDir: string;
  base: string;
  /** The site's origin, or all of them (SITE.origins): an image at the site's own address is a file in public/. */
  siteUrl: string | readonly string[];
}

/** Body images are at most the article column wide (--width-text, 39rem at 16px = 624px). */
export const BODY_IMAGE_SIZES = '(min-width: 41.5rem) 39rem, calc(100vw - 2.5rem)';

/** The class of the link around a body image (prose.css: no underline, a zoom cursor, the image's own width). */
export const ZOOM_LINK_CLASS = 'image-zoom';

/** The accessible name of the link around an image: its alt text, then where the link goes. */
export const zoomLabel = (alt: string) => (alt.trim() ? `${alt.trim()} (opens the full-size image)` : 'Open the full-size image');

interface Found {
  node: Element;
  src: string;
  /** Where to put the link around it, or undefined when it is inside a link already. */
  slot: { parent: { children: ElementContent[] | Root['children'] }; index: number } | undefined;
}

/**
 * Images in a post body that are files of the project get the same responsive webp variants as
 * heroes, their pixel size (so the page does not jump while they load), lazy loading, and a link
 * to their largest variant (click to enlarge, no script). Two kinds of file:
 * - "/images/x.webp" (or the site's own address): a file in public/;
 * - "./diagram.png", "diagram.png", "img/chart.jpg": a file beside the post (a folder post), read
 *   only inside src/content/ (safe-paths.ts), as a hero beside its post is.
 * The images handled are taken off Astro's list of the post's local images, so Astro neither
 * imports (publishes) the original nor swaps in its own <img> for ours.
 *
 * An image on another host, which the site's CSP would block, stops the build with the post, the
 * line and the fix (the post check says the same first: tools/check/images.ts).
 */
export function rehypeBodyImages(options: BodyImageOptions) {
  return async (tree: Root, file: VFile) => {
    const found: Found[] = [];
    const linked = new Set<Element>();
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName === 'a') {
        visit(node, 'element', (inner: Element) => {
          if (inner.tagName === 'img') linked.add(inner);
        });
        return;
      }
      if (node.tagName === 'img' || node.tagName === 'source') refuseRemoteCandidates(node, options, file);
      const src = node.properties['src'];
      if (node.tagName !== 'img' || typeof src !== 'string') return;
      const slot = parent && index !== undefined && !linked.has(node) ? { parent, index } : undefined;
      found.push({ node, src, slot });
    });
    if (found.length === 0) return;
    const origin = file.path ? path.relative(options.root, file.path) : 'a post';
    const handled = new Set<string>();
    await Promise.all(
      found.map(async ({ node, src, slot }) => {
        // Named as responsiveImage names its images ("<post> body image …"), which bodyError says once;
        // a function, for finding the line reads the post file, which only a refusal needs.
        const where = () => imageWhere(src, file, options.root);
        const source = bodyImageSource(src, options.siteUrl);
        if (source.kind === 'remote') throw new Error(`${where()} ${REMOTE_IMAGE_PROBLEM(source.host)}`);
        if (source.kind === 'other') throw new Error(`${where()} ${UNSERVABLE_IMAGE_PROBLEM}`);
        if (source.kind === 'none') return;
        const besidePost = !source.reference.startsWith('/');
        // Rendered without a file (a snippet): there is no post folder to read beside.
        if (besidePost && !file.path) return;
        // The checker refused this post already; the build refuses it again, for a path outside
        // public/ or src/content/ (written, percent-encoded or through a link) must never be read and published.
        const { file: image, problem } = resolveReadable(source.reference, file.path ?? options.root, {
          root: options.root,
          publicDir: options.publicDir,
        });
        if (problem !== undefined) throw new Error(`${where()} ${problem}`);
        if (!existsSync(image)) {
          // A missing "/x.webp" is reported by the content check, which names the line; one beside
          // the post would otherwise reach Astro's image import, which fails without naming the post.
          if (!besidePost) return;
          throw new Error(`${where()} does not exist (looked for ${path.relative(options.root, image)}); check the path or add the file`);
        }
        const variants = await responsiveImage(image, { base: options.base, origin: `${origin} body image "${src}"` });
        handled.add(src);
        Object.assign(node.properties, {
          src: variants.src,
          srcSet: variants.srcset,
          sizes: BODY_IMAGE_SIZES,
          width: variants.width,
          height: variants.height,
          loading: 'lazy',
          decoding: 'async',
        });
        if (slot) {
          const alt = typeof node.properties['alt'] === 'string' ? node.properties['alt'] : '';
          const link: Element = {
            type: 'element',
            tagName: 'a',
            properties: { href: variants.largest.url, className: [ZOOM_LINK_CLASS], ariaLabel: zoomLabel(alt) },
            children: [node],
          };
          slot.parent.children[slot.index] = link as ElementContent;
        }
      }),
    );
    forgetAstroImages(file, handled);
  };
}

/** The post and line of an image, as messages begin: "src/content/blog/x.md:12 body image "…"". */
function imageWhere(src: string, file: VFile, root: string): string {
  const origin = file.path ? path.relative(root, file.path) : 'a post';
  const line = file.path ? lineInFile(file.path, src) : undefined;
  return `${origin}${line === undefined ? '' : `:${line}`} body image ${quoted(src)}`;
}

/**
 * The first line of the post file holding an address, as written or percent-decoded (the tree holds
 * "./my%20diagram.png" for "<./my diagram.png>"). Sanitising raw HTML drops the tree's positions, and
 * the body the loader renders has lost its leading lines, so the file itself is read: only when an
 * image is refused, once per refusal.
 */
function lineInFile(postFile: string, src: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(postFile, 'utf8');
  } catch {
    return undefined;
  }
  const lines = text.split('\n');
  for (const needle of new Set([src, safeDecode(src)])) {
    const index = lines.findIndex((line) => line.includes(needle));
    if (index !== -1) return index + 1;
  }
  return undefined;
}

/** An `<img srcset>` or `<picture><source srcset>` candidate on another host is refused, as its `src` would be. */
function refuseRemoteCandidates(node: Element, { siteUrl, root }: BodyImageOptions, file: VFile): void {
  const srcSet = node.properties['srcSet'];
  const candidates = Array.isArray(srcSet) ? srcSet.map(String) : typeof srcSet === 'string' ? srcSet.split(',') : [];
  for (const candidate of candidates) {
    const url = candidate.trim().split(/\s+/)[0] ?? '';
    const source = bodyImageSource(url, siteUrl);
    if (source.kind === 'remote') throw new Error(`${imageWhere(url, file, root)} ${REMOTE_IMAGE_PROBLEM(source.host)}`);
  }
}

/** Takes the images this plugin made variants of off Astro's list (remarkCollectImages keeps them decoded). */
function forgetAstroImages(file: VFile, handled: Set<string>): void {
  const astro = file.data['astro'] as { localImagePaths?: string[] } | undefined;
  if (!astro?.localImagePaths?.length || handled.size === 0) return;
  const decoded = new Set([...handled].map(safeDecode));
  astro.localImagePaths = astro.localImagePaths.filter((image) => !decoded.has(image));
}

function safeDecode(src: string): string {
  try {
    return decodeURI(src);
  } catch {
    return src;
  }
}
