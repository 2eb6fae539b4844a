/**
 * Annotated code as a reader of the built fixture site gets it (toolkit-code.md): titles in the
 * bar as text, marked lines and words, diff marks, line numbers, a terminal frame with its
 * prompts set apart, no style attribute anywhere; and the feed's copy, readable without the
 * site's styles.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { page } from '../helpers/dist.ts';

const URL_PATH = '/blog/toolkit-code/';
let dist = '';
let doc: Document;
beforeAll(() => {
  dist = path.join(inject('fixtureRoot'), 'dist');
  doc = page(dist, URL_PATH);
});

const blocks = () => [...doc.querySelectorAll('.prose .code-block')];
const lineMarks = (block: Element) =>
  [...block.querySelectorAll('pre code > .line')].map((line) =>
    [
      line.getAttribute('data-line') ?? '',
      ...['highlighted', 'add', 'remove'].filter((mark) => line.classList.contains(mark)),
      ...[...line.querySelectorAll('.highlighted-word')].map((word) => `/${word.textContent}/`),
    ].join(' '),
  );

describe('annotated code on the page', () => {
  it('has every block, framed and titled as its fence says', () => {
    expect(
      blocks().map((block) => ({
        title: block.querySelector('.code-block__title')?.textContent ?? null,
        language: block.querySelector('.code-block__language')!.textContent,
        terminal: block.classList.contains('code-block--terminal'),
      })),
    ).toEqual([
      { title: 'src/lib/load.ts', language: 'ts', terminal: false },
      { title: null, language: 'sh', terminal: true },
      { title: null, language: 'diff', terminal: false },
      { title: "<b>bold</b> & 'quotes'.js", language: 'js', terminal: false },
      { title: null, language: 'py', terminal: false },
    ]);
    // The title with markup is text: no <b> element came from it.
    expect(doc.querySelector('.code-block__title b')).toBeNull();
  });

  it('marks lines and words, numbers lines, and takes the notation comments out', () => {
    const [ts, , diff, js, py] = blocks();
    expect(lineMarks(ts!)).toEqual(['1 highlighted /posts/', '2 remove', '3 add', '4 highlighted /posts/', '5']);
    expect(lineMarks(diff!)).toEqual(['', '', '', ' remove', ' add', '']);
    expect(lineMarks(js!)).toEqual(['41 remove /answer/', '42 add /answer/', '43 /log/ /answer/']);
    expect(lineMarks(py!)).toEqual([' highlighted']);
    expect(doc.querySelector('.prose')!.textContent).not.toContain('[!code');
    expect(ts!.querySelector('pre')!.classList.contains('line-numbers')).toBe(true);
  });

  it("sets a terminal's $ prompts apart", () => {
    const terminal = blocks()[1]!;
    expect([...terminal.querySelectorAll('.line')].map((line) => line.querySelector('.code-prompt')?.textContent)).toEqual(['$ ', '$ ']);
    expect(terminal.querySelector('pre')!.textContent).toBe('$ npm install @shikijs/transformers\n$ npm run build');
  });

  it('writes no style attribute, and keeps every block reachable by keyboard', () => {
    expect(doc.querySelectorAll('.prose [style]')).toHaveLength(0);
    for (const block of blocks()) expect(block.querySelector('pre')!.getAttribute('tabindex')).toBe('0');
  });
});

describe('annotated code in the feed', () => {
  it('reads without the site: titles as text, marks as <mark>, <ins> and <del>, no classes or line numbers', () => {
    // The item's HTML as the feed carries it (the XML's own escaping undone once, as a feed reader does).
    const rss = new XMLParser({ isArray: (name) => name === 'item' }).parse(readFileSync(path.join(dist, 'rss.xml'), 'utf8')) as {
      rss: { channel: { item: Array<{ link: string; 'content:encoded': string }> } };
    };
    const content = rss.rss.channel.item.find((item) => item.link.endsWith(URL_PATH))!['content:encoded'];
    const body = parseHTML(`<!doctype html><html><body>${content}</body></html>`).document;
    expect(body.body.textContent).toContain('src/lib/load.ts');
    expect(body.body.textContent).toContain("<b>bold</b> & 'quotes'.js");
    const marks = [...body.querySelectorAll('pre del, pre ins')].map((node) => `${node.tagName.toLowerCase()} ${node.textContent}`);
    expect(marks).toEqual([
      'del   const cache = new Map();',
      'ins   const cache = new Map<string, number>();',
      "del -const site = 'http://example.com';",
      "ins +const site = 'https://example.com';",
      'del const answer = 41;',
      'ins const answer = 42;',
    ]);
    expect(body.querySelectorAll('pre mark').length).toBeGreaterThan(0);
    expect(content).not.toMatch(/class=|data-line|\[!code/);
  });
});
