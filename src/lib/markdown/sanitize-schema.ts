/** What the sanitizer lets through: elements, attributes, video embeds. */
import type { Element, Root } from 'hast';
import { defaultSchema, sanitize, type Schema } from 'hast-util-sanitize';
import { visit } from 'unist-util-visit';
import { videoFromEmbedSrc } from './video-url.ts';

const attributes = defaultSchema.attributes ?? {};

/**
 * What raw HTML in a post may keep: GitHub's rules (hast-util-sanitize's
 * default schema, which removes `<script>`, `<style>`, every `on*` handler and
 * every `javascript:` URL) plus what posts legitimately use: figures,
 * responsive images, tables, details/summary, `<mark>`, `<abbr>`, and iframes
 * from YouTube and Vimeo (video-url.ts says which `src` is one). Ids are kept as written, because headings'
 * ids are the table of contents' anchors.
 */
export const POST_HTML_SCHEMA: Schema = {
  ...defaultSchema,
  clobber: [],
  tagNames: [
    ...(defaultSchema.tagNames ?? []),
    'figure',
    'figcaption',
    'iframe',
    'mark',
    'abbr',
    'cite',
    'small',
    'caption',
    'colgroup',
    'col',
  ],
  attributes: {
    ...attributes,
    '*': [...(attributes['*'] ?? []), 'id'],
    a: [...(attributes['a'] ?? []), 'rel'],
    img: [...(attributes['img'] ?? []), 'srcSet', 'sizes', 'loading', 'decoding', 'fetchPriority'],
    source: [...(attributes['source'] ?? []), 'sizes', 'media', 'type'],
    iframe: ['src', 'title', 'width', 'height', 'allow', 'allowFullScreen', 'loading', 'referrerPolicy'],
    abbr: ['title'],
  },
  protocols: {
    ...defaultSchema.protocols,
    // srcset candidates are checked as URLs like src.
    srcSet: ['http', 'https'],
  },
  strip: ['script', 'style'],
};

/**
 * Sanitises a post's HTML tree with POST_HTML_SCHEMA, then drops iframes
 * whose `src` is not a YouTube or Vimeo embed (video-url.ts, which the post
 * check uses too: tools/check/embeds-check.ts reports them with their line),
 * rather than leaving an empty frame on the page.
 */
export function sanitizePostTree(tree: Root): Root {
  const clean = sanitize(tree, POST_HTML_SCHEMA) as Root;
  visit(clean, 'element', (node: Element, index, parent) => {
    if (node.tagName !== 'iframe' || !parent || index === undefined) return;
    if (videoFromEmbedSrc(String(node.properties['src'] ?? ''))) return;
    parent.children.splice(index, 1);
    return index;
  });
  return clean;
}
