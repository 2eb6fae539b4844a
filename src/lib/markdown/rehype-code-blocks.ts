/** Code blocks get a bar with their title, language and a copy button, and flag the post so its page loads the copy script. */
import type { Element, ElementContent, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { FRAME_PROPERTY, TITLE_PROPERTY } from './code-annotations.ts';
import { PAGE_ONLY } from './page-only.ts';

/** Set in a post's remarkPluginFrontmatter when its body has a code block: the page then loads the copy script. */
export const HAS_CODE = 'hasCodeBlocks';

/** A fence's language as remark-rehype writes it (`<code class="language-js">`), where no highlighter set `data-language`. */
function codeLanguage(pre: Element): string | undefined {
  const code = pre.children.find((child): child is Element => child.type === 'element' && child.tagName === 'code');
  const classes = code?.properties['className'];
  const name = Array.isArray(classes) ? classes.map(String).find((c) => c.startsWith('language-')) : undefined;
  return name?.slice('language-'.length);
}

/**
 * Gives each highlighted code block a bar with its language and a copy
 * button, which CSS shows only where scripts run (<html data-js>, set by the
 * head script; code.css) and CodeCopy.astro makes work, so without
 * JavaScript no control shows that cannot work; the block itself
 * (Shiki's <pre tabindex="0">) scrolls long lines and is reachable by keyboard.
 */
export function rehypeCodeBlocks() {
  return (tree: Root, file: VFile) => {
    let found = false;
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'pre' || !parent || index === undefined) return;
      found = true;
      node.properties['tabIndex'] = 0;
      const language = String(node.properties['dataLanguage'] ?? codeLanguage(node) ?? 'plaintext');
      // Set by code-annotations.ts from the fence's meta; text, so the serializer escapes it.
      const title = node.properties[TITLE_PROPERTY];
      const frame = node.properties[FRAME_PROPERTY];
      delete node.properties[TITLE_PROPERTY];
      delete node.properties[FRAME_PROPERTY];
      const titleElement: ElementContent[] =
        typeof title === 'string' && title !== ''
          ? [
              {
                type: 'element',
                tagName: 'span',
                properties: { className: ['code-block__title'] },
                children: [{ type: 'text', value: title }],
              },
            ]
          : [];
      const pageOnly = (element: Element): Element =>
        titleElement.length > 0 ? { ...element, properties: { ...element.properties, ...PAGE_ONLY } } : element;
      parent.children[index] = {
        type: 'element',
        tagName: 'div',
        properties: { className: ['code-block', ...(frame === 'terminal' ? ['code-block--terminal'] : [])] },
        children: [
          {
            type: 'element',
            tagName: 'div',
            // With a title the bar stays in feeds, showing the title alone; without one, it is the page's only.
            properties: { className: ['code-block__bar'], ...(titleElement.length > 0 ? {} : PAGE_ONLY) },
            children: [
              ...titleElement,
              pageOnly({
                type: 'element',
                tagName: 'span',
                properties: { className: ['code-block__language'] },
                children: [{ type: 'text', value: language === 'plaintext' ? 'text' : language }],
              }),
              pageOnly({
                type: 'element',
                tagName: 'button',
                properties: { type: 'button', className: ['code-block__copy'], dataCopy: '' },
                children: [{ type: 'text', value: 'Copy' }],
              }),
              pageOnly({
                type: 'element',
                tagName: 'span',
                properties: { className: ['visually-hidden'], role: 'status', dataCopyStatus: '' },
                children: [],
              }),
            ],
          },
          node,
        ],
      };
      return SKIP;
    });
    if (!found) return;
    const astro = ((file.data as { astro?: { frontmatter?: Record<string, unknown> } }).astro ??= {});
    (astro.frontmatter ??= {})[HAS_CODE] = true;
  };
}
