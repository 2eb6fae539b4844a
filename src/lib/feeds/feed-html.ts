/** A post body made fit for feed readers: absolute URLs, sanitised, page-only controls left out. */
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import { PAGE_ONLY as PAGE_ONLY_MARK } from '#src/lib/markdown/page-only.ts';
import { calloutsAsQuotes } from '#src/lib/markdown/rehype-callouts.ts';
import { sanitizePostTree } from '#src/lib/markdown/sanitize-schema.ts';
import { feedCodeMarks } from './feed-code.ts';

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

/** Drops heading links and code toolbars: they need the page's styles and scripts. */
function withoutPageOnly<T extends Root>(tree: T): T {
  const marker = Object.keys(PAGE_ONLY_MARK)[0]!;
  visit(tree, 'element', (node: Element, index, parent) => {
    if (!(marker in node.properties) || !parent || index === undefined) return;
    parent.children.splice(index, 1);
    return index;
  });
  return tree;
}

/**
 * A video facade (rehype-video-embeds.ts, marked `data-video-embed`) as a feed reader should
 * show it: a paragraph with a plain link to the video, its title as the text. The frame,
 * play button and classes mean nothing without the site's styles and script.
 */
function plainVideoLinks<T extends Root>(tree: T): T {
  visit(tree, 'element', (node: Element, index, parent) => {
    if (!('dataVideoEmbed' in node.properties) || !parent || index === undefined) return;
    const link = node.children.find((child): child is Element => child.type === 'element' && child.tagName === 'a');
    const href = link?.properties['href'];
    if (typeof href !== 'string') return;
    parent.children[index] = {
      type: 'element',
      tagName: 'p',
      properties: {},
      children: [{ type: 'element', tagName: 'a', properties: { href }, children: [{ type: 'text', value: toString(link!).trim() }] }],
    };
  });
  return tree;
}

/**
 * A rendered post body made fit for a feed reader: sanitised with the same
 * schema as posts (no scripts, event handlers or `javascript:` URLs survive),
 * every link and image URL absolute, in-page anchors pointing at the post,
 * callouts as quotes with their title in bold (rehype-callouts.ts), video facades plain links to the video.
 */
export function feedHtml(html: string, pageUrl: string): string {
  const parsed = plainVideoLinks(withoutPageOnly(fromHtml(html, { fragment: true })));
  calloutsAsQuotes(parsed);
  const tree = sanitizePostTree(feedCodeMarks(parsed));
  visit(tree, 'element', (node: Element) => {
    const props = node.properties;
    for (const name of URL_ATTRIBUTES[node.tagName] ?? []) {
      const value = props[name];
      if (typeof value === 'string') props[name] = absolute(value, pageUrl);
    }
    const srcSet = props['srcSet'];
    if (typeof srcSet === 'string' || Array.isArray(srcSet)) {
      const candidates = typeof srcSet === 'string' ? srcSet.split(',') : srcSet;
      props['srcSet'] = candidates
        .map((candidate) => {
          const [url = '', ...descriptor] = String(candidate).trim().split(/\s+/);
          return [absolute(url, pageUrl), ...descriptor].join(' ');
        })
        .join(', ');
    }
    for (const name of PAGE_ONLY) delete props[name];
  });
  return toHtml(tree);
}
