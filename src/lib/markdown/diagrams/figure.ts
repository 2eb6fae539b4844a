/** A diagram as the page shows it: a <figure> holding the SVG with its text alternative, or its source with a note when it cannot be drawn. */
import { createHash } from 'node:crypto';
import type { Element } from 'hast';
import { PAGE_ONLY } from '../page-only.ts';
import { describeDiagram } from './describe.ts';
import { DiagramError, drawCached } from './draw.ts';
import { diagramKind, diagramWords, type DiagramSource } from './source.ts';
import { asRoot, cleanDrawing, parseDrawing } from './svg-clean.ts';

/**
 * Wider than this (in the SVG's own pixels) a diagram would shrink in a phone's 320 px column
 * until its 11-13 px labels were 7 px or less (an ER diagram of two entities is 580 px): on a
 * phone it keeps its size and scrolls sideways in its own focusable box instead (prose.css).
 */
const WIDE = 480;

const textNode = (value: string) => ({ type: 'text' as const, value });

/** The figure for one diagram; `index` is its place in the post, so ids inside differ from every other diagram's. */
export async function diagramFigure(source: DiagramSource, index: number, cacheDir: string | undefined): Promise<Element> {
  const words = diagramWords(source.code, source.meta);
  const markup = await drawCached(words.drawn, cacheDir);
  const svg = parseDrawing(markup);
  if (!svg) throw new DiagramError('the diagram library gave no SVG');
  const kind = diagramKind(words.drawn);
  const description = words.accDescr ?? describeDiagram(kind, asRoot(svg));
  const name = words.accTitle ?? words.title;
  const alternative = name ? `${name}. ${description}` : description;
  const prefix = `diagram-${index + 1}-${createHash('sha256').update(source.code).digest('hex').slice(0, 8)}-`;
  cleanDrawing(svg, prefix);
  Object.assign(svg.properties, { role: 'img', ariaLabel: alternative, className: ['diagram__svg'] });
  const wide = Number(svg.properties['width']) > WIDE;
  const children: Element[] = [
    {
      type: 'element',
      // Wide ones scroll, so they take keyboard focus and a name, as tables do (rehype-table-scroll.ts):
      // a named <section> is a region landmark, no role attribute needed.
      tagName: wide ? 'section' : 'div',
      properties: {
        className: ['diagram__scroll'],
        ...(wide ? { tabIndex: 0, ariaLabel: `${name ?? kind}, scrolls sideways` } : {}),
        // Search reads the text below: Pagefind indexes no SVG <text> (tests/site/diagrams.test.ts).
        ...PAGE_ONLY,
      },
      children: [svg],
    },
    // Hidden on the page, where the SVG's name says it. Feeds show it in place of the drawing they
    // leave out (PAGE_ONLY): their sanitiser keeps no `hidden` (sanitize-schema.ts). Search indexes it, hidden or not.
    {
      type: 'element',
      tagName: 'p',
      properties: { className: ['diagram__text'], hidden: true },
      children: [textNode(alternative)],
    },
  ];
  if (words.title) children.push({ type: 'element', tagName: 'figcaption', properties: {}, children: [textNode(words.title)] });
  return { type: 'element', tagName: 'figure', properties: { className: wide ? ['diagram', 'diagram--wide'] : ['diagram'] }, children };
}

/** What a reader sees of a diagram that cannot be drawn (the dev server; the checker stops a build first): a note and its source as code. */
export function undrawnDiagram(source: DiagramSource, message: string): Element[] {
  return [
    {
      type: 'element',
      tagName: 'p',
      properties: { className: ['diagram-error'], role: 'note' },
      children: [textNode(`This diagram could not be drawn: ${message}`)],
    },
    {
      type: 'element',
      tagName: 'pre',
      properties: {},
      children: [{ type: 'element', tagName: 'code', properties: { className: ['language-mermaid'] }, children: [textNode(source.code)] }],
    },
  ];
}
