import { describe, expect, it } from 'vitest';
import { bodyReferences } from '#tools/check/body-references.ts';

/** Each form an editor writes an image in, with the target and line the checker must see. */
const IMAGE_FORMS: Array<[string, string, { target: string; line: number; alt: string | null }]> = [
  ['inline', 'Text.\n\n![A chart](/img/chart.webp)\n', { target: '/img/chart.webp', line: 3, alt: 'A chart' }],
  ['inline with a title', '![A chart](/img/chart.webp "Figure 1")', { target: '/img/chart.webp', line: 1, alt: 'A chart' }],
  ['angle brackets, spaces', '![A chart](</img/my chart.webp>)', { target: '/img/my chart.webp', line: 1, alt: 'A chart' }],
  [
    'alt text with brackets',
    '![chart [fig. 1] of results](/../../outside/secret.png)',
    { target: '/../../outside/secret.png', line: 1, alt: 'chart [fig. 1] of results' },
  ],
  ['reference-style', 'Intro.\n\n![s][r]\n\n[r]: /../../outside/secret.png\n', { target: '/../../outside/secret.png', line: 3, alt: 's' }],
  ['collapsed reference', '![Logo][]\n\n[logo]: ./logo.png', { target: './logo.png', line: 1, alt: 'Logo' }],
  ['shortcut reference', 'See ![Logo]\n\n[Logo]: ./logo.png "The logo"', { target: './logo.png', line: 1, alt: 'Logo' }],
  ['no alt text', '![](/img/a.webp)', { target: '/img/a.webp', line: 1, alt: null }],
  ['inside a list and a quote', '- item\n  > quoted\n  > ![Q](/q.webp)', { target: '/q.webp', line: 3, alt: 'Q' }],
  ['in a table cell', '| a | b |\n|---|---|\n| ![T](/t.webp) | x |', { target: '/t.webp', line: 3, alt: 'T' }],
  ['malformed escape', '![x](/%zz.webp)', { target: '/%zz.webp', line: 1, alt: 'x' }],
  ['HTML img block', '<img src="/h.webp" alt="H">', { target: '/h.webp', line: 1, alt: 'H' }],
  ['HTML img without alt', 'Para <img src="/h.webp"> inline.', { target: '/h.webp', line: 1, alt: null }],
  ['HTML img, decorative', '<p>\n<img alt="" src="/h.webp">\n</p>', { target: '/h.webp', line: 2, alt: '' }],
  ['HTML uppercase', '<IMG SRC="/up.webp" ALT="U">', { target: '/up.webp', line: 1, alt: 'U' }],
];

describe('body references', () => {
  it.each(IMAGE_FORMS)('find an image written %s', (_, body, expected) => {
    expect(bodyReferences(body).filter((ref) => ref.kind === 'image')).toEqual([{ kind: 'image', ...expected }]);
  });

  it('find every source of a <picture> and every candidate of a srcset', () => {
    const body = [
      'Before.',
      '',
      '<picture>',
      '  <source srcset="/a.avif 1x, /../../b.avif 2x" type="image/avif">',
      '  <img src="/a.png" srcset="/a-800.png 800w" alt="A">',
      '</picture>',
    ].join('\n');
    expect(bodyReferences(body).map((ref) => [ref.target, ref.line])).toEqual([
      ['/a.avif', 4],
      ['/../../b.avif', 4],
      ['/a.png', 5],
      ['/a-800.png', 5],
    ]);
  });

  it('find links in every form, on their own lines', () => {
    const body = [
      '[Related: one](https://example.com/blog/one/)',
      'and [two][ref] and <https://example.com/blog/three/>',
      '',
      '<a href="/blog/four/">four</a>',
      '',
      '[ref]: /blog/two/',
    ].join('\n');
    expect(bodyReferences(body).map((ref) => [ref.kind, ref.target, ref.line])).toEqual([
      ['link', 'https://example.com/blog/one/', 1],
      ['link', '/blog/two/', 2],
      ['link', 'https://example.com/blog/three/', 2],
      ['link', '/blog/four/', 4],
    ]);
  });

  it('count the lines of several images in one paragraph', () => {
    const body = 'Intro\n\n![a](/a.webp) and\n![b](/b.webp)\ntext ![c][c]\n\n[c]: /c.webp';
    expect(bodyReferences(body).map((ref) => [ref.target, ref.line])).toEqual([
      ['/a.webp', 3],
      ['/b.webp', 4],
      ['/c.webp', 5],
    ]);
  });

  it.each([
    ['a fenced block', '```md\n![x](/../../secret.png)\n```'],
    ['a tilde fence', '~~~\n<img src="/../../secret.png">\n~~~'],
    ['an indented block', 'Text.\n\n    ![x](/../../secret.png)'],
    ['inline code', 'Write `![x](/../../secret.png)` to show an image.'],
  ])('leave alone what is in %s', (_, body) => {
    expect(bodyReferences(body)).toEqual([]);
  });

  it('keep targets as written, including ones markdown-it would drop or encode', () => {
    expect(bodyReferences('[x](javascript:alert(1)) ![y](/ü%20b.webp)').map((ref) => ref.target)).toEqual([
      'javascript:alert(1)',
      '/ü%20b.webp',
    ]);
  });
});
