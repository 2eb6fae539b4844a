/** Math in posts rendered to MathML at build time: inline in the sentence, display formulas in their own scrolling box. */
import type { Element, ElementContent, Parent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';
import { renderMath } from './render-math.ts';

const hasClass = (node: Element, name: string) => {
  const classes = node.properties['className'];
  return Array.isArray(classes) && classes.includes(name);
};

/** remark-math.ts's formulas as remark-rehype writes them: `<code class="language-math">`, in a `<pre>` when displayed. */
const isMathCode = (node: ElementContent | undefined): node is Element =>
  node?.type === 'element' && node.tagName === 'code' && hasClass(node, 'language-math');

/**
 * TeX that does not parse, shown as written in a marked element, with the parser's message as its
 * title. The post checker stops a build on it first (tools/check/math-check.ts); this is what the
 * dev server shows, where the checker does not run, rather than a crash.
 */
function errorElement(tex: string, message: string, display: boolean): Element {
  const source = display ? `$$\n${tex}\n$$` : `$${tex}$`;
  return {
    type: 'element',
    tagName: display ? 'div' : 'code',
    properties: { className: display ? ['math-display', 'math-error'] : ['math-error'], title: `TeX error: ${message}` },
    children: [{ type: 'text', value: source }],
  };
}

/**
 * Replaces each formula with its MathML. Placed after rehypeSanitizePost, so the sanitiser sees
 * only the `<code>` it allows and the MathML it never made is not taken apart; feeds keep MathML
 * through the same schema (sanitize-schema.ts). A display formula sits in `<div class="math-display"
 * tabindex="0">`: a wide one scrolls inside it rather than widening a phone's page, and keyboard
 * users can reach it to scroll (as tables do, rehype-table-scroll.ts).
 */
export function rehypeMath() {
  return (tree: Root) => {
    const formulas: Array<{ node: Element; parent: Parent; index: number; display: boolean }> = [];
    visit(tree, 'element', (node: Element, index, parent) => {
      if (!parent || index === undefined) return;
      const display = node.tagName === 'pre' && node.children.length === 1 && isMathCode(node.children[0]);
      if (!display && !isMathCode(node)) return;
      formulas.push({ node, parent, index, display });
      return SKIP;
    });
    if (formulas.length === 0) return;
    // One post, one set of macros: `\gdef` in one formula holds in the formulas after it.
    const macros: Record<string, unknown> = {};
    for (const { node, parent, index, display } of formulas) {
      const tex = toString(node);
      const { math, error = '' } = renderMath(tex, { display, macros });
      let replacement: Element;
      if (!math) replacement = errorElement(tex, error, display);
      else if (display)
        replacement = { type: 'element', tagName: 'div', properties: { className: ['math-display'], tabIndex: 0 }, children: [math] };
      else replacement = math;
      parent.children[index] = replacement;
    }
    visit(tree, 'element', withoutAnnotationsInHeadings);
  };
}

/**
 * A heading's text is read for its id, the table of contents and its link's label (Astro's
 * rehypeHeadingIds, rehype-heading-links.ts), and the TeX annotation would be read there after
 * the formula's own text ("The O(n)O(n) bound"). In a heading the TeX stays in `alttext` only.
 */
function withoutAnnotationsInHeadings(node: Element) {
  if (!/^h[1-6]$/.test(node.tagName)) return;
  visit(node, 'element', (child: Element, index, parent) => {
    if (child.tagName !== 'annotation' || !parent || index === undefined) return;
    parent.children.splice(index, 1);
    return index;
  });
  return SKIP;
}
