/**
 * The links and images a post's body references, found from a Markdown parse rather than
 * patterns over the text: every form an editor writes reaches the same check. Inline
 * (`![alt](/x.webp "title")`), reference-style (`![alt][ref]` with `[ref]: /x.webp` anywhere),
 * alt text with brackets (`![chart [fig. 1]](/x.webp)`), angle-bracketed destinations, and HTML
 * (`<img src srcset>`, `<picture><source srcset>`, `<a href>`) in blocks or inline. Code is code:
 * a path in a code sample is not a reference.
 *
 * markdown-it (CommonMark, with GFM tables and strikethrough) rather than the build's own
 * micromark: it parses a 6 KB post in ~1.2 ms against micromark's ~6 ms, and the checker reads
 * every post on every build. The build's plugins check again on the tree they render
 * (rehype-body-images.ts, the loader's image paths), so a form the two parsers read apart is
 * still refused, by the build, with the post's name.
 */
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import MarkdownIt, { type Token } from 'markdown-it';
import { visit } from 'unist-util-visit';

export interface BodyReference {
  kind: 'link' | 'image';
  target: string;
  /** The 1-based line of the body it is on. */
  line: number;
  /** For images: the alt text, or null when there is none (an HTML `<source>` has its `<img>`'s). */
  alt?: string | null;
}

const markdown = new MarkdownIt('default', { html: true, linkify: false });
// Targets exactly as written: markdown-it would percent-encode them ("%zz" -> "%25zz", hiding a
// malformed escape) and silently drop the ones it deems unsafe ("javascript:"), which the
// checks after this one must see to refuse.
markdown.normalizeLink = (url) => url;
markdown.normalizeLinkText = (text) => text;
markdown.validateLink = () => true;

/** "a.webp 1x, /b.webp 800w" -> ["a.webp", "/b.webp"] */
const srcsetUrls = (srcset: string) =>
  srcset
    .split(',')
    .map((candidate) => candidate.trim().split(/\s+/)[0]!)
    .filter(Boolean);

/** References in a piece of raw HTML, each with its line offset within the piece. */
function htmlReferences(html: string): Array<Omit<BodyReference, 'line'> & { offset: number }> {
  if (!/<(?:img|source|a)\b/i.test(html)) return [];
  const found: Array<Omit<BodyReference, 'line'> & { offset: number }> = [];
  const tree: Root = fromHtml(html, { fragment: true });
  visit(tree, 'element', (node: Element) => {
    const offset = (node.position?.start.line ?? 1) - 1;
    const text = (name: string) => {
      const value = node.properties[name];
      return typeof value === 'string' ? value : Array.isArray(value) ? value.join(' ') : null;
    };
    if (node.tagName === 'a') {
      const href = text('href');
      if (href) found.push({ kind: 'link', target: href, offset });
      return;
    }
    if (node.tagName !== 'img' && node.tagName !== 'source') return;
    // An explicit alt="" marks a decorative image, which is allowed in HTML.
    const alt = node.tagName === 'source' ? '' : typeof node.properties['alt'] === 'string' ? node.properties['alt'] : null;
    const src = text('src');
    if (src) found.push({ kind: 'image', target: src, offset, alt });
    const srcset = text('srcSet');
    for (const url of srcset ? srcsetUrls(srcset) : []) found.push({ kind: 'image', target: url, offset, alt: '' });
  });
  return found;
}

/**
 * Finds the line of each inline reference: the block's first line plus the line where its
 * target (or, for a reference-style image, its `![`) next appears after the one before.
 */
class LineFinder {
  readonly #text: string;
  readonly #firstLine: number;
  #cursor = 0;
  constructor(lines: readonly string[], firstLine: number) {
    this.#text = lines.join('\n');
    this.#firstLine = firstLine;
  }
  lineOf(needles: readonly string[]): number {
    for (const needle of needles) {
      const at = needle ? this.#text.indexOf(needle, this.#cursor) : -1;
      if (at === -1) continue;
      this.#cursor = at + needle.length;
      return this.#firstLine + this.#text.slice(0, at).split('\n').length - 1;
    }
    return this.#firstLine + this.#text.slice(0, this.#cursor).split('\n').length - 1;
  }
}

function inlineReferences(token: Token, map: [number, number], lines: readonly string[], found: BodyReference[]): void {
  const [start, end] = map;
  const finder = new LineFinder(lines.slice(start, end), start + 1);
  for (const child of token.children ?? []) {
    if (child.type === 'image') {
      const target = String(child.attrGet('src') ?? '');
      const alt = child.content.trim() || null;
      found.push({ kind: 'image', target, alt, line: finder.lineOf([target, '![']) });
    } else if (child.type === 'link_open') {
      const target = String(child.attrGet('href') ?? '');
      found.push({ kind: 'link', target, line: finder.lineOf([target, '[']) });
    } else if (child.type === 'html_inline') {
      const line = finder.lineOf([child.content]);
      for (const { offset, ...ref } of htmlReferences(child.content)) found.push({ ...ref, line: line + offset });
    }
  }
}

/** Markdown and HTML links and images in a body, outside code, in the order they appear. */
export function bodyReferences(body: string): BodyReference[] {
  const lines = body.split('\n');
  const found: BodyReference[] = [];
  // A table cell's text has no line span of its own: it is on its row's.
  let map: [number, number] = [0, lines.length];
  for (const token of markdown.parse(body, {})) {
    if (token.map) map = token.map;
    if (token.type === 'inline') inlineReferences(token, map, lines, found);
    else if (token.type === 'html_block') {
      const first = (token.map?.[0] ?? 0) + 1;
      for (const { offset, ...ref } of htmlReferences(token.content)) found.push({ ...ref, line: first + offset });
    }
  }
  return found;
}
