import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseFeed } from '@rowanmanning/feed-parser';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { page } from '../helpers/dist.ts';

/**
 * Math as a reader sees it in the fixture's toolkit-math.md (and gamma.mdx): MathML written at
 * build time, display formulas in their own scrolling box, prices left as prose, no style
 * attribute anywhere, and the same MathML with its TeX in the feed.
 */
let dist = '';
beforeAll(() => {
  dist = path.join(inject('fixtureRoot'), 'dist');
});

const URL_PATH = '/blog/toolkit-math/';
const tex = (math: Element) => math.querySelector('annotation[encoding="application/x-tex"]')?.textContent?.trim();

describe('a post with math', () => {
  it('renders every inline formula as MathML in its sentence, with its TeX kept', () => {
    const prose = page(dist, URL_PATH).querySelector('.prose')!;
    const inline = [...prose.querySelectorAll('math:not([display="block"])')];
    expect(inline.map((math) => math.getAttribute('alttext'))).toEqual([
      'E = mc^2',
      'c',
      'O(n \\log n)',
      'n',
      'a_n = \\frac{1}{n^2}',
      '\\hat{x}',
      '\\vec{v}',
      '\\boxed{42}',
      '\\cancel{7}',
    ]);
    for (const math of inline) {
      expect(math.closest('p')).not.toBeNull();
      expect(tex(math)).toBe(math.getAttribute('alttext'));
    }
  });

  it('puts each display formula in its own focusable box: $$ blocks, one-line $$…$$ and ```math', () => {
    const prose = page(dist, URL_PATH).querySelector('.prose')!;
    const blocks = [...prose.querySelectorAll('math[display="block"]')];
    expect(blocks.map((math) => tex(math)!.split('\n')[0])).toEqual([
      'x = \\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a}',
      '\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}',
      '\\int_0^\\infty e^{-x^2}\\,dx = \\frac{\\sqrt{\\pi}}{2}',
      'f(x) = a_0 + a_1 x + a_2 x^2 + a_3 x^3 + a_4 x^4 + a_5 x^5 + a_6 x^6 + a_7 x^7 + a_8 x^8 + a_9 x^9 + a_{10} x^{10}',
      '\\begin{aligned}',
      'A = \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}, \\quad',
    ]);
    for (const math of blocks) {
      const box = math.parentElement!;
      expect(box.className).toBe('math-display');
      expect(box.getAttribute('tabindex')).toBe('0');
    }
    expect(prose.querySelector('pre code.language-math, code.language-math, .math-error')).toBeNull();
  });

  it('leaves prices as prose', () => {
    const prose = page(dist, URL_PATH).querySelector('.prose')!;
    const prices = [...prose.querySelectorAll('p')].find((p) => p.textContent!.startsWith('The plan costs'))!;
    expect(prices.querySelector('math')).toBeNull();
    expect(prices.textContent).toBe(
      'The plan costs $5 a month, or $50 a year; team seats are $5–$10 each, between $3 and $4 in bulk, US$20 abroad, $1,000 for the year, and $5 is escaped.',
    );
  });

  it('writes no style attribute (the CSP forbids them): layout is classes', () => {
    const html = readFileSync(path.join(dist, URL_PATH, 'index.html'), 'utf8');
    expect(html).toContain('<math');
    expect(html).not.toMatch(/<[^>]+\sstyle=/);
    const doc = page(dist, URL_PATH);
    // \\hat's accent and \\boxed's frame, which Temml writes as style attributes.
    expect(doc.querySelector('mo.math-depth-0')).not.toBeNull();
    expect(doc.querySelector('mrow.math-box')).not.toBeNull();
  });

  it('renders math in MDX, braces and all', () => {
    const prose = page(dist, '/blog/gamma/').querySelector('.prose')!;
    expect([...prose.querySelectorAll('math')].map((math) => [math.getAttribute('display'), tex(math)])).toEqual([
      [null, '\\text{a ratio of } \\frac{x}{y}'],
      ['block', '\\sqrt{\\frac{a}{b}}'],
    ]);
  });
});

describe('math in the feed', () => {
  it('carries the MathML and its TeX, without the page-only classes', () => {
    const parsed = parseFeed(readFileSync(path.join(dist, 'rss.xml'), 'utf8'));
    const item = parsed.items.find((entry) => entry.url === `https://blog.example.com${URL_PATH}`)!;
    const body = parseHTML(`<body>${item.content}</body>`).document;
    const maths = [...body.querySelectorAll('math')];
    expect(maths).toHaveLength(15);
    expect(maths.filter((math) => math.getAttribute('display') === 'block')).toHaveLength(6);
    expect(tex(maths[0]!)).toBe('E = mc^2');
    expect(maths[0]!.getAttribute('alttext')).toBe('E = mc^2');
    expect(body.querySelector('mfrac')).not.toBeNull();
    expect(item.content).not.toMatch(/\sclass=|\sstyle=/);
    expect(item.content).toContain('<p>The plan costs $5 a month, or $50 a year;');
  });
});
