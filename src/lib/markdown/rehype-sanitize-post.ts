/** Raw HTML in posts cleaned to what is safe to publish. */
import type { Element, Root, RootContent, Text } from 'hast';
import { raw } from 'hast-util-raw';
import { visit, SKIP } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { sanitizePostTree } from './sanitize-schema.ts';

/** Shiki's blocks: `<pre class="astro-code …">` (Shiki writes `class` as a plain string). */
const isHighlighted = (node: Element) => {
  if (node.tagName !== 'pre') return false;
  const { className, class: classString } = node.properties as { className?: unknown; class?: unknown };
  const classes = Array.isArray(className) ? className.map(String) : String(classString ?? className ?? '').split(/\s+/);
  return classes.includes('astro-code');
};

/**
 * Makes raw HTML in Markdown posts safe: parses it (rehype-raw's job, done
 * here so it happens before sanitising), then removes what POST_HTML_SCHEMA
 * does not allow: `<script>`, `<style>`, inline event handlers,
 * `javascript:` URLs, iframes from other hosts.
 *
 * Code blocks that Shiki has already highlighted are set aside first and put
 * back untouched: their colours are classes the schema would drop (code-theme.ts), and
 * they were made by the highlighter from code text, never from raw HTML.
 * MDX is code, not content, and is left to its author (see README).
 */
export function rehypeSanitizePost() {
  return (tree: Root, file: VFile): Root => {
    if (file.path?.endsWith('.mdx')) return tree;
    const keep: Element[] = [];
    const marker = `\u{E000}keep-${Math.random().toString(36).slice(2)}-`;
    visit(tree, 'element', (node: Element, index, parent) => {
      if (!isHighlighted(node) || !parent || index === undefined) return;
      const placeholder: Text = { type: 'text', value: `${marker}${keep.length}` };
      keep.push(node);
      parent.children[index] = placeholder as RootContent as Element;
      return SKIP;
    });
    const clean = sanitizePostTree(raw(tree) as Root);
    if (keep.length > 0) {
      // Parsing may merge a placeholder with the whitespace around it: split it back out.
      const pattern = new RegExp(`${marker}(\\d+)`, 'g');
      visit(clean, 'text', (node: Text, index, parent) => {
        if (!parent || index === undefined || !node.value.includes(marker)) return;
        const pieces: Array<Text | Element> = [];
        let last = 0;
        for (const match of node.value.matchAll(pattern)) {
          if (match.index > last) pieces.push({ type: 'text', value: node.value.slice(last, match.index) });
          pieces.push(keep[Number(match[1])]!);
          last = match.index + match[0].length;
        }
        if (last < node.value.length) pieces.push({ type: 'text', value: node.value.slice(last) });
        parent.children.splice(index, 1, ...(pieces as Element[]));
        return index + pieces.length;
      });
    }
    return clean;
  };
}
