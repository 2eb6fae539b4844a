/** Marks the paragraphs that are only a link to one of our posts, which the article page shows as a card. */
import type { Element, ElementContent, Root } from 'hast';
import { postSlugFromPath } from '#src/lib/urls/site-paths.ts';

/** The attribute that marks a paragraph the article page shows as a link card (data-link-card="<slug>"). */
export const LINK_CARD_ATTRIBUTE = 'data-link-card';

const WRAPPERS = new Set(['strong', 'em', 'b', 'i']);

const isBlank = (node: ElementContent) => node.type === 'text' && node.value.trim() === '';

/** The one link a paragraph consists of (bold or italic around it allowed), or null. */
function onlyLink(paragraph: Element): Element | null {
  let node: Element = paragraph;
  for (;;) {
    const children = node.children.filter((child) => !isBlank(child) && child.type !== 'comment');
    if (children.length !== 1 || children[0]!.type !== 'element') return null;
    const child = children[0]!;
    if (child.tagName === 'a') {
      // A linked picture is the editor's own design, not a card.
      const hasImage = child.children.some((inner) => inner.type === 'element' && inner.tagName === 'img');
      return hasImage ? null : child;
    }
    if (!WRAPPERS.has(child.tagName)) return null;
    node = child;
  }
}

/**
 * Marks each paragraph that is nothing but a link to one of our posts
 * (`[Related: Title](https://<site>/blog/<slug>/)`, or `/blog/<slug>`, …),
 * so the article page can show it as a card with the target's hero, title,
 * description and category (src/components/PostBody.astro). Runs after
 * rehypeSiteLinks, which has made every link to our site root-relative and
 * canonical. Only top-level paragraphs: a link inside a list, quote or table
 * stays a link. The paragraph itself is unchanged, so feeds, which sanitise
 * the attribute away, keep the plain link.
 */
export function rehypeLinkCards(options: { base: string }) {
  return (tree: Root) => {
    for (const node of tree.children) {
      if (node.type !== 'element' || node.tagName !== 'p') continue;
      const href = onlyLink(node)?.properties['href'];
      if (typeof href !== 'string' || !href.startsWith('/')) continue;
      const slug = postSlugFromPath(href, options.base);
      if (slug !== null) node.properties['dataLinkCard'] = slug;
    }
  };
}

/** Every "/blog/<slug>" a post body names, in any link form: the posts its cards may show (for page cache keys). */
export function linkedPostSlugs(body: string): Set<string> {
  const slugs = new Set<string>();
  for (const match of body.matchAll(/\/blog\/([^/\s)"'<>#?\]]+)/g)) {
    try {
      slugs.add(decodeURIComponent(match[1]!));
    } catch {
      slugs.add(match[1]!);
    }
  }
  return slugs;
}
