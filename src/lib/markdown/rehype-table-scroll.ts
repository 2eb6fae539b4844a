/** Wide tables made to scroll inside the column. */
import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { visit, SKIP } from 'unist-util-visit';

/**
 * Wraps each table in a scrolling region, so a table wider than a phone
 * scrolls inside the column instead of widening the page, and keyboard users
 * can reach and scroll it (WCAG 2.1.1): the region is focusable and named by
 * the table's caption, or numbered.
 */
export function rehypeTableScroll() {
  return (tree: Root) => {
    let count = 0;
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'table' || !parent || index === undefined) return;
      count += 1;
      const caption = node.children.find((child): child is Element => child.type === 'element' && child.tagName === 'caption');
      const label = caption ? toString(caption).trim() : '';
      parent.children[index] = {
        type: 'element',
        // A named <section> is a region landmark: no role attribute needed.
        tagName: 'section',
        properties: { className: ['table-scroll'], tabIndex: 0, ariaLabel: label || `Table ${count}` },
        children: [node],
      };
      return SKIP;
    });
  };
}
