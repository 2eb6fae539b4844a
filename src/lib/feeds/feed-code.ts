/** Annotated code made readable in feed readers, which have none of the site's styles: marks become <mark>, <ins> and <del>. */
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { CODE_MARK } from '#src/lib/markdown/code-annotations.ts';

const classesOf = (node: Element): string[] => {
  const value = node.properties['className'] ?? node.properties['class'] ?? '';
  return Array.isArray(value) ? value.map(String) : String(value).split(/\s+/);
};

const has = (classes: string[], mark: string) => mark.split(' ').every((name) => classes.includes(name));

/**
 * Code-block marks (code-annotations.ts) as the elements feed readers draw on their own: a
 * removed line as <del> (struck through), an added one as <ins>, a marked line or word as
 * <mark>. The classes that drew them on the page go with the sanitiser; the text stays, so the
 * code reads as written (a removed line still shows, struck through, not left out).
 */
export function feedCodeMarks<T extends Root>(tree: T): T {
  visit(tree, 'element', (node: Element) => {
    if (node.tagName !== 'span') return;
    const classes = classesOf(node);
    if (has(classes, CODE_MARK.removed)) node.tagName = 'del';
    else if (has(classes, CODE_MARK.added)) node.tagName = 'ins';
    else if (has(classes, CODE_MARK.highlighted) || has(classes, CODE_MARK.word)) node.tagName = 'mark';
  });
  return tree;
}
