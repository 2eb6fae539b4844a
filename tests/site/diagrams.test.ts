/**
 * ```mermaid diagrams in the built fixture (toolkit-diagrams.md): what a reader's page holds,
 * what a feed reader gets instead of the SVG, and that a warm build drew nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { page } from '../helpers/dist.ts';

const POST = '/blog/toolkit-diagrams/';
let dist = '';
let doc: Document;
beforeAll(() => {
  dist = path.join(inject('fixtureRoot'), 'dist');
  doc = page(dist, POST);
});

/** The fixture's diagrams in order: the kind its text alternative starts with, and the caption when the fence has a title. */
const DIAGRAMS: Array<[alternative: RegExp, caption: string | null]> = [
  [
    /^How a request flows\. Flowchart: Browser → CDN cache\?: GET \/blog\/; CDN cache\? → Cached page: hit; .*Origin → Cached page\.$/,
    'How a request flows',
  ],
  [
    /^The login conversation\. Sequence diagram: Browser → Server: POST \/login; Server → Browser: 303 See Other; Browser → Server: GET \/account\.$/,
    null,
  ],
  [/^Class diagram: Post → Article\.$/, null],
  [/^State diagram: start → Draft; Draft → Published: .*publish & <announce>.*; Published → end\.$/, null],
  [/^Each author writes many posts; each post has many tags\.$/, null],
  [/^Flowchart: Draft → Check; Check → Build; .*Deploy → Live\.$/, null],
];

describe('a post with diagrams', () => {
  it('shows each ```mermaid fence as an SVG figure named by its text alternative, in place of its source', () => {
    const figures = [...doc.querySelectorAll('.prose figure.diagram')];
    expect(figures).toHaveLength(DIAGRAMS.length);
    for (const [index, [alternative, caption]] of DIAGRAMS.entries()) {
      const figure = figures[index]!;
      const svg = figure.querySelector('svg')!;
      expect(svg.getAttribute('role')).toBe('img');
      expect(svg.getAttribute('aria-label')).toMatch(alternative);
      expect(figure.querySelector('figcaption')?.textContent ?? null).toBe(caption);
      // The same words, hidden on the page, for feeds and search.
      const text = figure.querySelector('p.diagram__text')!;
      expect(text.hasAttribute('hidden')).toBe(true);
      expect(text.textContent).toBe(svg.getAttribute('aria-label'));
    }
    expect(doc.querySelector('.prose code.language-mermaid, .prose [data-language="mermaid"]')).toBeNull();
    expect(doc.querySelector('.diagram-error')).toBeNull();
  });

  it('carries no style attribute, no script and no outside address in the drawings, and no id twice on the page', () => {
    const html = readFileSync(path.join(dist, POST, 'index.html'), 'utf8');
    const drawings = [...doc.querySelectorAll('.prose figure.diagram')].map((figure) => figure.outerHTML).join('');
    expect(drawings).not.toMatch(/\sstyle=|<script|googleapis|@import/i);
    expect(doc.querySelectorAll('.prose figure.diagram script')).toHaveLength(0);
    const ids = [...parseHTML(html).document.querySelectorAll('[id]')].map((element) => element.id);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
    // Every marker reference resolves to a marker of its own drawing.
    for (const svg of doc.querySelectorAll('.prose figure.diagram svg')) {
      const own = new Set([...svg.querySelectorAll('[id]')].map((element) => element.id));
      for (const element of svg.querySelectorAll('[marker-end], [marker-start]'))
        for (const name of ['marker-end', 'marker-start']) {
          const value = element.getAttribute(name);
          if (value) expect(own.has(/url\(#([^)]+)\)/.exec(value)![1]!)).toBe(true);
        }
    }
  });

  it('keeps the label that tried to break out as text', () => {
    const state = doc.querySelectorAll('.prose figure.diagram svg')[3]!;
    expect(state.querySelector('script, foreignObject')).toBeNull();
    expect([...state.querySelectorAll('text')].map((text) => text.textContent).join(' ')).toContain('publish & <announce>');
  });

  it('lets the wide diagram scroll in its own focusable, named box', () => {
    const wide = doc.querySelectorAll('.prose figure.diagram')[5]!;
    expect(wide.classList.contains('diagram--wide')).toBe(true);
    const box = wide.querySelector('.diagram__scroll')!;
    expect(box.getAttribute('tabindex')).toBe('0');
    expect(box.getAttribute('aria-label')).toBe('Flowchart, scrolls sideways');
  });
});

/** The HTML of one item of /rss.xml, its XML escapes undone once (a feed reader's parse; feed-parser decodes HTML entities too). */
function feedItemHtml(url: string): string {
  const xml = readFileSync(path.join(dist, 'rss.xml'), 'utf8');
  const item = xml.split('<item>').find((part) => part.includes(`<link>${url}</link>`))!;
  const escaped = /<content:encoded>([\s\S]*?)<\/content:encoded>/.exec(item)![1]!;
  const XML_ESCAPES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
  return escaped.replace(/&(lt|gt|amp|quot|apos);/g, (_all, name: string) => XML_ESCAPES[name]!);
}

describe('diagrams in the feed', () => {
  it('come as their text alternative and caption, without the SVG feed readers strip', () => {
    const { document } = parseHTML(`<!doctype html><html><body>${feedItemHtml(`https://blog.example.com${POST}`)}</body></html>`);
    expect(document.querySelector('svg')).toBeNull();
    const texts = [...document.querySelectorAll('figure > p')].map((p) => p.textContent);
    expect(texts).toHaveLength(DIAGRAMS.length);
    for (const [index, [alternative]] of DIAGRAMS.entries()) expect(texts[index]).toMatch(alternative);
    expect(document.querySelector('[hidden]')).toBeNull();
    expect(document.querySelector('figure figcaption')?.textContent).toBe('How a request flows');
  });
});

describe('diagrams in search', () => {
  it("are indexed by their text alternative, not by the drawing's labels a second time", () => {
    const root = path.join(dist);
    const fragments = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.pf_fragment'));
    const record = fragments
      .map((file) => gunzipSync(readFileSync(path.join(root, file))).toString('utf8'))
      .find((text) => text.includes(`"url":"${POST}"`))!;
    const content = (JSON.parse(record.slice(record.indexOf('{'))) as { content: string }).content;
    for (const [alternative] of DIAGRAMS) expect(content).toMatch(new RegExp(alternative.source.replace(/^\^|\$$/g, '')));
    // Once: Pagefind reads no SVG <text>, so the drawing's labels are not indexed beside it.
    expect(content.split('POST /login')).toHaveLength(2);
  });
});

describe('the diagram cache', () => {
  it('holds one drawing per diagram, drawn once by the check before the build and used by it', () => {
    const folder = path.join(inject('fixtureRoot'), '.cache/astro/blog-diagrams');
    expect(readdirSync(folder).filter((name) => /^[0-9a-f]{64}\.json$/.test(name))).toHaveLength(DIAGRAMS.length);
  });
});
