import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { sanitize } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import { visit } from 'unist-util-visit';
import { POST_HTML_SCHEMA } from './markdown/sanitize-schema.ts';

/** Attributes holding one URL, per element. */
const URL_ATTRIBUTES: Record<string, string[]> = {
  a: ['href'],
  img: ['src'],
  source: ['src'],
  iframe: ['src'],
  blockquote: ['cite'],
  q: ['cite'],
  del: ['cite'],
  ins: ['cite'],
};
/** Page-only hints that mean nothing (or hide images) in a feed reader. */
const PAGE_ONLY = ['loading', 'decoding', 'fetchPriority', 'sizes'];

function absolute(value: string, pageUrl: string): string {
  try {
    return new URL(value, pageUrl).href;
  } catch {
    return value;
  }
}

/**
 * A rendered post body made fit for a feed reader: sanitised with the same
 * schema as posts (no scripts, event handlers or `javascript:` URLs survive),
 * every link and image URL absolute, in-page anchors pointing at the post.
 */
export function feedHtml(html: string, pageUrl: string): string {
  const tree = sanitize(fromHtml(html, { fragment: true }), POST_HTML_SCHEMA) as Root;
  visit(tree, 'element', (node: Element) => {
    const props = node.properties;
    for (const name of URL_ATTRIBUTES[node.tagName] ?? []) {
      const value = props[name];
      if (typeof value === 'string') props[name] = absolute(value, pageUrl);
    }
    const srcSet = props['srcSet'];
    if (Array.isArray(srcSet)) {
      props['srcSet'] = srcSet.map((candidate) => {
        const [url = '', ...descriptor] = String(candidate).trim().split(/\s+/);
        return [absolute(url, pageUrl), ...descriptor].join(' ');
      });
    }
    for (const name of PAGE_ONLY) delete props[name];
  });
  return toHtml(tree);
}
