/** SEO rules for images: alt text present, not a file name, not too long. */
import type { Html, Image } from 'mdast';
import { visit } from 'unist-util-visit';
import type { AuditPost, RawFinding, RuleInfo } from './types.ts';

/** Screen readers read longer alt text in one breath; a caption or the text around it is the place for more. */
export const ALT_MAX = 125;

export const imageRules = {
  'image-alt-missing': {
    severity: 'error',
    fix: 'describe the image in its alt text: ![what it shows](path); alt="" only for a purely decorative HTML <img>',
  },
  'image-alt-filename': { severity: 'warning', fix: 'replace the file name with a few words saying what the image shows' },
  'image-alt-long': { severity: 'warning', fix: `keep alt text to ${ALT_MAX} characters; put the rest in a caption or the text` },
} satisfies Record<string, RuleInfo>;

const IMAGE_EXTENSION = /\.(?:jpe?g|png|webp|avif|gif|svg|tiff?|heic)$/i;
const CAMERA_NAME = /^(?:img|dsc|dscn|dcim|pxl|image|photo|screenshot|screen shot)[\s_-]?\d[\d\s_-]*$/i;
const baseName = (src: string) => (src.split(/[?#]/)[0]!.split('/').pop() ?? '').replace(/\.[a-z0-9]+$/i, '').toLowerCase();

/** Alt text that is a file name ("hero.webp", "IMG_2041", or the image's own name) rather than a description. */
export function isFileNameAlt(alt: string, src: string): boolean {
  const text = alt.trim();
  if (IMAGE_EXTENSION.test(text) || CAMERA_NAME.test(text)) return true;
  const name = baseName(src);
  return name !== '' && text.toLowerCase() === name && /[-_]|\d/.test(name);
}

interface BodyImage {
  line: number;
  src: string;
  /** null: no alt at all. */
  alt: string | null;
}

const IMG_TAG = /<img\b[^>]*>/gi;
const attribute = (tag: string, name: string) => new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);

/** The body's images, Markdown and raw HTML `<img>`, at their file lines. */
function bodyImages(post: AuditPost): BodyImage[] {
  const images: BodyImage[] = [];
  const lineOf = (node: Image | Html) => post.bodyLine + (node.position?.start.line ?? 1) - 1;
  visit(post.tree, (node) => {
    if (node.type === 'image') images.push({ line: lineOf(node), src: node.url, alt: node.alt?.trim() ? node.alt : null });
    if (node.type !== 'html') return;
    for (const match of node.value.matchAll(IMG_TAG)) {
      const src = attribute(match[0], 'src');
      const alt = attribute(match[0], 'alt');
      const line = lineOf(node) + node.value.slice(0, match.index).split('\n').length - 1;
      const altText = alt ? (alt[1] ?? alt[2] ?? alt[3] ?? '') : null;
      // alt="" is HTML's mark for a decorative image: allowed.
      if (altText === '') continue;
      images.push({ line, src: src ? (src[1] ?? src[2] ?? src[3] ?? '') : '', alt: altText });
    }
  });
  return images;
}

/** Every image has alt text that describes it: present, not a file name, not over 125 characters. */
export function checkImages(post: AuditPost): RawFinding[] {
  const findings: RawFinding[] = [];
  const images = bodyImages(post);
  if (post.data.heroImage && post.data.heroImageAlt)
    images.unshift({ line: post.fieldLine('heroImageAlt'), src: post.data.heroImage, alt: post.data.heroImageAlt });
  for (const image of images) {
    const name = `image "${image.src}"`;
    if (image.alt === null) {
      findings.push({ line: image.line, rule: 'image-alt-missing', message: `${name} has no alt text` });
      continue;
    }
    if (isFileNameAlt(image.alt, image.src))
      findings.push({ line: image.line, rule: 'image-alt-filename', message: `${name} has a file name for alt text ("${image.alt}")` });
    const length = [...image.alt].length;
    if (length > ALT_MAX)
      findings.push({ line: image.line, rule: 'image-alt-long', message: `${name} has ${length} characters of alt text, over ${ALT_MAX}` });
  }
  return findings;
}
