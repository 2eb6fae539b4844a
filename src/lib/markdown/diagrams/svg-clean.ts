/** The library's SVG made fit for a page: no style attributes, no outside requests, ids unique on the page, only drawing elements. */
import type { Element, ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { SKIP, visit } from 'unist-util-visit';
import { DIAGRAM_CSS } from './style.ts';

/**
 * The elements a diagram is drawn with; anything else (a <style>, <script>, <a>,
 * <foreignObject>, <image>, <use>, animations) goes with its content. The library
 * escapes labels, so none should come; this holds even if an escape were missed.
 */
const DRAWING = new Set([
  'svg',
  'g',
  'defs',
  'marker',
  'path',
  'polygon',
  'polyline',
  'line',
  'rect',
  'circle',
  'ellipse',
  'text',
  'tspan',
  'clipPath',
  'linearGradient',
  'radialGradient',
  'stop',
  'pattern',
  'filter',
  'feDropShadow',
  'feGaussianBlur',
  'feOffset',
  'feFlood',
  'feComposite',
  'feMerge',
  'feMergeNode',
  'title',
  'desc',
]);

const LOCAL_URL = /url\(\s*#([^)\s]+)\s*\)/g;

/** The <svg> element of the library's markup, parsed (no style attribute, style element or outside reference left), or undefined. */
export function parseDrawing(markup: string): Element | undefined {
  const tree = fromHtml(markup, { fragment: true });
  return tree.children.find((node): node is Element => node.type === 'element' && node.tagName === 'svg');
}

/** True for a property that fetches, runs or styles something, or that carries the library's own data for describe.ts. */
function unwanted(name: string, value: unknown): boolean {
  if (name === 'style' || name.startsWith('on') || name === 'href' || name === 'xLinkHref' || name.startsWith('data')) return true;
  const text = Array.isArray(value) ? value.join(' ') : String(value);
  // A writer's `style A fill:…` reaches attributes: a colour is fine, a URL or script is not.
  return /javascript:|expression\(|@import/i.test(text) || /url\(/i.test(text.replace(LOCAL_URL, ''));
}

/**
 * Cleans the parsed drawing in place and returns it: drops what is not a drawing element and
 * every unwanted property; gives the ids that something points at (markers, clip paths) the
 * `prefix`, so two diagrams on one page do not share an `arrowhead`, and drops the others
 * (the library ids every shape by its Mermaid name, which could equal a heading's id).
 * The library's <style> (a font @import from Google, selectors for every svg and text on the
 * page) is replaced by DIAGRAM_CSS, which takes the colours from the site's theme.
 */
export function cleanDrawing(svg: Element, prefix: string): Element {
  const wanted = new Set<string>();
  visit(svg, 'element', (node: Element) => {
    for (const value of Object.values(node.properties)) {
      if (typeof value === 'string') for (const match of value.matchAll(LOCAL_URL)) wanted.add(match[1]!);
    }
  });
  visit(svg, 'element', (node: Element, index, parent) => {
    // The library's indentation: text only inside <text>, <title> and <desc>.
    if (!['text', 'tspan', 'title', 'desc'].includes(node.tagName))
      node.children = node.children.filter((child) => child.type !== 'text' || child.value.trim() !== '');
    if (!DRAWING.has(node.tagName) && parent && index !== undefined) {
      parent.children.splice(index, 1);
      return [SKIP, index];
    }
    for (const [name, value] of Object.entries(node.properties)) {
      if (name === 'id') {
        if (typeof value === 'string' && wanted.has(value)) node.properties['id'] = `${prefix}${value}`;
        else delete node.properties['id'];
      } else if (unwanted(name, value)) {
        delete node.properties[name];
      } else if (typeof value === 'string' && value.includes('url(')) {
        node.properties[name] = value.replace(LOCAL_URL, (_all, id: string) => `url(#${prefix}${id})`);
      }
    }
    return undefined;
  });
  const style: ElementContent = { type: 'element', tagName: 'style', properties: {}, children: [{ type: 'text', value: DIAGRAM_CSS }] };
  svg.children.unshift(style);
  return svg;
}

/** The drawing as a tree of its own, for describe.ts (which reads the data attributes cleanDrawing drops). */
export function asRoot(svg: Element): Root {
  return { type: 'root', children: [svg] };
}
