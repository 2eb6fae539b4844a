/** Callouts drawn: each block remark-callouts.ts marked becomes an `<aside>` with an icon and a title. */
import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import { calloutKind, defaultTitle } from './callout-kinds.ts';
import { CALLOUT_ICON_PATHS } from './callout-icons.ts';
import { CALLOUT_MARK } from './remark-callouts.ts';

/** The class every callout's `<aside>` has (and `callout-<kind>` beside it); feeds find them by it. */
export const CALLOUT_CLASS = 'callout';

const element = (tagName: string, properties: Element['properties'], children: ElementContent[] = []): Element => ({
  type: 'element',
  tagName,
  properties,
  children,
});

/** The kind's icon, decorative: the title says the kind in words. Its colour is the text's (currentColor). */
const icon = (path: string) =>
  element(
    'svg',
    {
      className: ['callout-icon'],
      viewBox: '0 0 16 16',
      width: 16,
      height: 16,
      fill: 'currentColor',
      ariaHidden: 'true',
      focusable: 'false',
    },
    [element('path', { d: path })],
  );

/**
 * `<div data-callout="tip">` (made by remark-callouts.ts, through the sanitiser) becomes
 *
 *   <aside class="callout callout-tip" role="note" aria-label="Measure first">
 *     <p class="callout-title"><svg …/><strong>Measure first</strong></p>
 *     …the content
 *   </aside>
 *
 * After the sanitiser: the icon is SVG, which raw HTML in a post may not hold. The aside is a
 * `note` (ARIA's role for content parenthetic to the main text), named by its title: left a
 * complementary landmark, a post with callouts would fill the reader's list of landmarks, and two
 * notes named "Note" fail axe's landmark-unique. Obsidian's fold marks become `<details>`
 * (`[!tip]-` closed, `[!tip]+` open), whose summary is the title: folding works with no script.
 */
export function rehypeCallouts() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      const written = node.properties[CALLOUT_MARK.kind];
      if (node.tagName !== 'div' || typeof written !== 'string') return;
      const kind = calloutKind(written);
      const fold = node.properties[CALLOUT_MARK.fold];
      delete node.properties[CALLOUT_MARK.kind];
      delete node.properties[CALLOUT_MARK.fold];
      if (!kind) return; // a raw <div data-callout="…"> of no kind we know: left a plain div
      const titleIndex = node.children.findIndex((child) => child.type === 'element' && CALLOUT_MARK.title in child.properties);
      const writerTitle = titleIndex === -1 ? undefined : (node.children[titleIndex] as Element);
      const content = node.children.filter((_, index) => index !== titleIndex);
      const titleContent: ElementContent[] = writerTitle?.children ?? [{ type: 'text', value: defaultTitle(written) }];
      const label =
        toString(element('span', {}, titleContent))
          .replace(/\s+/g, ' ')
          .trim() || defaultTitle(written);
      const heading = [icon(CALLOUT_ICON_PATHS[kind]), element('strong', {}, titleContent)];
      node.tagName = 'aside';
      node.properties = { className: [CALLOUT_CLASS, `${CALLOUT_CLASS}-${kind}`], role: 'note', ariaLabel: label };
      node.children =
        fold === 'open' || fold === 'closed'
          ? [
              element('details', { className: ['callout-fold'], open: fold === 'open' }, [
                element('summary', { className: ['callout-title'] }, heading),
                ...content,
              ]),
            ]
          : [element('p', { className: ['callout-title'] }, heading), ...content];
    });
  };
}

/**
 * A rendered body's callouts made for feed readers, which have no stylesheet of ours and often
 * drop `<aside>`: each becomes a `<blockquote>` opening with its title in bold, and the icon is
 * left out. Mutates `tree`.
 */
export function calloutsAsQuotes(tree: Root): void {
  visit(tree, 'element', (node: Element, index, parent) => {
    if (node.tagName === 'svg' && parent?.type === 'element' && index !== undefined && isTitle(parent)) {
      parent.children.splice(index, 1);
      return index;
    }
    const classes = node.properties['className'];
    if (node.tagName === 'aside' && Array.isArray(classes) && classes.includes(CALLOUT_CLASS)) {
      node.tagName = 'blockquote';
      node.properties = {};
    }
    return undefined;
  });
}

const isTitle = (node: Element) => Array.isArray(node.properties['className']) && node.properties['className'].includes('callout-title');
