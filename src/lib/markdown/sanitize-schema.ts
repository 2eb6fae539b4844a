/** What the sanitizer lets through: elements, attributes, video embeds. */
import type { Element, Root } from 'hast';
import { defaultSchema, sanitize, type Schema } from 'hast-util-sanitize';
import { visit } from 'unist-util-visit';
import { CALLOUT_NAMES } from './callout-kinds.ts';
import { MATHML_ATTRIBUTES, MATHML_TAGS } from './mathml-schema.ts';
import { videoFromEmbedSrc } from './video-url.ts';

const attributes = defaultSchema.attributes ?? {};

/**
 * What raw HTML in a post may keep: GitHub's rules (hast-util-sanitize's
 * default schema, which removes `<script>`, `<style>`, every `on*` handler and
 * every `javascript:` URL) plus what posts legitimately use: figures,
 * responsive images, tables, details/summary, `<mark>`, `<abbr>`, and iframes
 * from YouTube and Vimeo (video-url.ts says which `src` is one), and MathML (mathml-schema.ts: the
 * formulas rehype-math.ts renders, kept in feeds). Ids are kept as written, because headings'
 * ids are the table of contents' anchors. The callouts' marks (remark-callouts.ts) pass with a
 * known kind only; rehype-callouts.ts turns them into asides after this.
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
    ...MATHML_TAGS,
  ],
  attributes: {
    ...attributes,
    '*': [...(attributes['*'] ?? []), 'id'],
    a: [...(attributes['a'] ?? []), 'rel'],
    img: [...(attributes['img'] ?? []), 'srcSet', 'sizes', 'loading', 'decoding', 'fetchPriority'],
    source: [...(attributes['source'] ?? []), 'sizes', 'media', 'type'],
    iframe: ['src', 'title', 'width', 'height', 'allow', 'allowFullScreen', 'loading', 'referrerPolicy'],
    abbr: ['title'],
    div: [...(attributes['div'] ?? []), ['dataCallout', ...Object.keys(CALLOUT_NAMES)], ['dataCalloutFold', 'open', 'closed']],
    p: ['dataCalloutTitle'],
    ...(MATHML_ATTRIBUTES as Schema['attributes']),
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
