/** A rendered body cut around its link-card paragraphs, so the article page renders each card. */
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import { LINK_CARD_ATTRIBUTE } from './rehype-link-cards.ts';

export type BodyPart = { html: string } | { card: { slug: string; href: string }; html: string };

/**
 * A rendered post body cut around its link-card paragraphs (marked by
 * rehypeLinkCards), so the page can put a card where each was. The HTML is
 * sliced at the positions the parser reports, never re-serialised, so the
 * rest of the body is byte for byte what Astro rendered. Each card part keeps
 * its paragraph's HTML, for a target that is not a published post.
 */
export function splitAtLinkCards(html: string): BodyPart[] {
  if (!html.includes(LINK_CARD_ATTRIBUTE)) return [{ html }];
  const cards: Array<{ start: number; end: number; slug: string; href: string }> = [];
  visit(fromHtml(html, { fragment: true }), 'element', (node: Element) => {
    const slug = node.properties['dataLinkCard'];
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (node.tagName !== 'p' || typeof slug !== 'string' || start === undefined || end === undefined) return;
    let href = '';
    visit(node, 'element', (inner: Element) => {
      if (inner.tagName === 'a' && typeof inner.properties['href'] === 'string' && !href) href = inner.properties['href'];
    });
    cards.push({ start, end, slug, href });
    return 'skip';
  });
  const parts: BodyPart[] = [];
  let at = 0;
  for (const card of cards) {
    if (card.start > at) parts.push({ html: html.slice(at, card.start) });
    parts.push({ card: { slug: card.slug, href: card.href }, html: html.slice(card.start, card.end) });
    at = card.end;
  }
  if (at < html.length) parts.push({ html: html.slice(at) });
  return parts;
}
