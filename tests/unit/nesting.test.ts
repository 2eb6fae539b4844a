import { describe, expect, it } from 'vitest';
import { NESTING_LIMIT, tooDeepNesting } from '#src/lib/markdown/nesting.ts';

/** Three lines of ordinary text first, so the line found is not just "the first". */
const INTRO = 'An intro paragraph.\n\nAnother one, with *emphasis* and **strong** words.\n';
const INTRO_LINES = 3;

/** `count` lines, the ith made by `line(i)`. */
const lines = (count: number, line: (i: number) => string) => Array.from({ length: count }, (_, i) => line(i)).join('\n');

/**
 * A line prefix that stays inside the containers opened so far and opens one more:
 * list items ("- ", continued by two spaces) and quotes ("> ", continued by "> ") in turn.
 */
function mixedStaircase(depth: number): string {
  const out: string[] = [];
  let prefix = '';
  for (let i = 0; i < depth; i++) {
    const list = i % 2 === 0;
    out.push(`${prefix}${list ? '- ' : '> '}level ${i + 1}`);
    prefix += list ? '  ' : '> ';
  }
  return out.join('\n');
}

interface Form {
  name: string;
  /** The body nested `depth` deep. */
  body: (depth: number) => string;
  /** The line (1-based, within `body`) where depth `NESTING_LIMIT + 1` is reached. */
  line: number;
  mdx?: boolean;
}

const deep = NESTING_LIMIT + 1;
const FORMS: Form[] = [
  { name: '"- " list by indentation', body: (d) => lines(d, (i) => `${'  '.repeat(i)}- item ${i}`), line: deep },
  { name: '"* " list by indentation', body: (d) => lines(d, (i) => `${'  '.repeat(i)}* item ${i}`), line: deep },
  { name: '"1." list by indentation', body: (d) => lines(d, (i) => `${'   '.repeat(i)}1. item ${i}`), line: deep },
  { name: '"1)" list, tab-indented', body: (d) => lines(d, (i) => `${'\t'.repeat(i)}1) item ${i}`), line: deep },
  { name: 'list items on one line ("- - - x")', body: (d) => `${'- '.repeat(d)}x`, line: 1 },
  { name: 'quotes "> > > x"', body: (d) => `${'> '.repeat(d)}x`, line: 1 },
  { name: 'quotes ">>>x"', body: (d) => `${'>'.repeat(d)}x`, line: 1 },
  { name: 'quotes one more per line', body: (d) => lines(d, (i) => `${'>'.repeat(i + 1)} quote ${i}`), line: deep },
  { name: 'list and quote on one line ("> - > - x")', body: (d) => `${'> - '.repeat(Math.ceil(d / 2))}x`, line: 1 },
  { name: 'list and quote, one more per line', body: mixedStaircase, line: deep },
  { name: '<div> per line', body: (d) => lines(d, () => '<div>'), line: deep },
  { name: '<div> on one line', body: (d) => '<div>'.repeat(d), line: 1 },
  { name: '<span> in a paragraph', body: (d) => `Text ${'<span class="x">'.repeat(d)} more`, line: 1 },
  { name: '<span/> in Markdown (the HTML parser opens it)', body: (d) => `Text ${'<span/>'.repeat(d)}`, line: 1 },
  {
    name: '<section>s over lines, with attributes on lines of their own',
    body: (d) => lines(d, () => '<section\n  id="a">'),
    line: 2 * deep,
  },
  { name: '<div> in MDX', body: (d) => lines(d, () => '<div>'), line: deep, mdx: true },
  { name: 'a component in MDX', body: (d) => lines(d, () => '<Box kind={"note"}>'), line: deep, mdx: true },
  { name: 'list in MDX', body: (d) => lines(d, (i) => `${'  '.repeat(i)}- item`), line: deep, mdx: true },
  { name: 'emphasis "***…x***"', body: (d) => `${'*'.repeat(d)}x${'*'.repeat(d)}`, line: 1 },
  { name: 'emphasis "*a *a *a … b* b*"', body: (d) => `${'*a '.repeat(d)}x${' b*'.repeat(d)}`, line: 1 },
  { name: 'emphasis "_a" one per line', body: (d) => lines(d, () => '_a'), line: deep },
  {
    name: 'a fence in a list item, ended by leaving the item',
    body: (d) => `- \`\`\`\n  code\nleft the item\n\n${'- '.repeat(d)}x`,
    line: 5,
  },
  { name: 'an HTML comment opened in a sentence and never closed', body: (d) => `Text <!-- ${'<div>'.repeat(d)}`, line: 1 },
  {
    name: 'lists and <div>s and quotes together, each below the limit',
    body: () => `${lines(40, (i) => `${'  '.repeat(i)}- item`)}\n${'  '.repeat(40)}${'> '.repeat(21)}${'<div>'.repeat(40)}x`,
    line: 41,
  },
];

describe('tooDeepNesting: every form nested one past the limit is found, on its line', () => {
  it.each(FORMS)('$name', (form) => {
    const mdx = form.mdx ?? false;
    const found = tooDeepNesting(`${INTRO}${form.body(deep)}\n\nAfter.\n`, { mdx });
    expect(found?.line).toBe(INTRO_LINES + form.line);
    expect(found?.message).toMatch(
      new RegExp(`^nests lists, quotes, emphasis or HTML elements more than ${NESTING_LIMIT} deep; .*close each element`),
    );
    // Thousands deep, as in the attack: found just as well.
    expect(tooDeepNesting(form.body(10_000), { mdx })?.line).toBe(form.line);
  });

  it.each(FORMS.filter((form) => !form.name.includes('together') && !form.name.includes('fence')))(
    '$name, at a depth real posts use, passes',
    (form) => {
      expect(tooDeepNesting(`${INTRO}${form.body(6)}\n`, { mdx: form.mdx ?? false })).toBeNull();
    },
  );
});

const fenced = (fence: string, content: string) => `${fence}md\n${content}\n${fence}\n`;
const deepLot = `${lines(500, (i) => `${'  '.repeat(i)}- item`)}\n${'> '.repeat(500)}x\n${'<div>'.repeat(500)}\n${'*'.repeat(500)}x`;

const FLAT: Array<{ name: string; body: string; mdx?: boolean }> = [
  { name: 'a long flat list', body: lines(5000, (i) => `- item ${i}`) },
  { name: 'a long flat ordered list', body: lines(5000, (i) => `${i + 1}. item`) },
  { name: '300 sibling <div>s, one per line', body: lines(300, () => '<div>\n  <p>Text</p>\n</div>') },
  { name: '300 sibling <div>s on one line', body: '<div>x</div>'.repeat(300) },
  { name: '300 sibling <div>s in MDX', body: lines(300, () => '<div>x</div>'), mdx: true },
  { name: '300 <li> and <p> without end tags', body: `<ul>${'<li>item'.repeat(300)}</ul>\n\n${'<p>para'.repeat(300)}` },
  { name: '300 void elements (<br>, <img>, <hr/>)', body: '<br><img src="/a.webp" alt="a"><hr/>'.repeat(300) },
  { name: '300 self-closing components in MDX', body: lines(300, () => '<Chart data={[1, 2]} />'), mdx: true },
  { name: 'an SVG with 300 <path/>s', body: `<svg viewBox="0 0 1 1">${'<path d="M0 0"/>'.repeat(300)}</svg>` },
  { name: 'a ``` fence holding deep nesting', body: fenced('```', deepLot) },
  { name: 'a ~~~ fence holding deep nesting', body: fenced('~~~~', deepLot) },
  {
    name: 'a fence inside a list item holding deep nesting',
    body: `- item\n\n  \`\`\`\n${deepLot.replace(/^/gm, '  ')}\n  \`\`\`\n- next`,
  },
  { name: 'a fence inside a quote holding deep nesting', body: `> \`\`\`\n${deepLot.replace(/^/gm, '> ')}\n> \`\`\`` },
  { name: 'an indented code block holding deep nesting', body: `Text.\n\n${deepLot.replace(/^/gm, '    ')}\n` },
  { name: 'an MDX fence holding deep nesting', body: fenced('```', deepLot), mdx: true },
  { name: 'code spans holding <div>s', body: lines(300, () => 'Wrap it in `<div>` or ``<section class="`x`">``.') },
  { name: 'an HTML comment holding <div>s', body: `<!--\n${'<div>\n'.repeat(300)}-->\n\nText.` },
  { name: 'a <script> block holding <div>s', body: `<script type="text/plain">\n${'<div>\n'.repeat(300)}</script>` },
  { name: 'escaped tags and stars', body: lines(300, () => String.raw`\<div> \* \_`) },
  { name: 'snake_case and stars inside words', body: lines(300, () => 'a snake_case_name, 2*3*4 and __init__') },
  { name: '300 **bold** words in one paragraph', body: lines(300, () => '**bold** and *em* and _em_ and __strong__') },
  { name: 'rules of stars and dashes', body: `${'* '.repeat(300)}\n\n${'- '.repeat(300)}\n\n${'_'.repeat(300)}` },
  {
    name: 'a realistic post: lists 6 deep, quotes 3 deep',
    body: `${lines(6, (i) => `${'  '.repeat(i)}- item **bold**`)}\n\n> > > quote\n\n<details><summary>More</summary>\n\n- a\n  - b\n\n</details>`,
  },
];

describe('tooDeepNesting: flat bodies pass, however long', () => {
  it.each(FLAT)('$name', ({ body, mdx }) => {
    expect(tooDeepNesting(body, { mdx: mdx ?? false })).toBeNull();
  });
});
