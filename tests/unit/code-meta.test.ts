/** code-meta.ts: a fence's meta as writers bring it from Shiki, VitePress, Docusaurus, Expressive Code, rehype-pretty-code and Hugo. */
import { describe, expect, it } from 'vitest';
import { parseCodeMeta } from '#src/lib/markdown/code-meta.ts';

/** The parts of the result a row asserts, in a form that prints well. */
const read = (meta: string, lineCount?: number) => {
  const parsed = parseCodeMeta(meta, lineCount);
  return {
    title: parsed.title,
    highlighted: [...parsed.highlighted],
    added: [...parsed.added],
    removed: [...parsed.removed],
    words: parsed.words,
    lineNumbersFrom: parsed.lineNumbersFrom,
    frame: parsed.frame,
    problems: parsed.problems,
  };
};

type Read = ReturnType<typeof read>;

const NONE: Read = {
  title: undefined,
  highlighted: [],
  added: [],
  removed: [],
  words: [],
  lineNumbersFrom: undefined,
  frame: 'auto',
  problems: [],
};

describe('fence meta', () => {
  it.each<[string, string, Partial<Read>]>([
    ['Docusaurus and Expressive Code title', 'title="src/components/HelloCodeTitle.js"', { title: 'src/components/HelloCodeTitle.js' }],
    ["Expressive Code's single quotes", "title='src/a.ts'", { title: 'src/a.ts' }],
    ["Nextra's filename", 'filename="next.config.js"', { title: 'next.config.js' }],
    ['a title with a slashed path is not a word mark', 'title="src/lib/a.ts"', { title: 'src/lib/a.ts' }],
    ['a title with braces is not a line list', 'title="a{1}.ts"', { title: 'a{1}.ts' }],
    ['a title with an escaped quote', 'title="say \\"hi\\""', { title: 'say "hi"' }],
    [
      'a title with markup stays text (escaped when written)',
      'title="<img src=x onerror=alert(1)>"',
      { title: '<img src=x onerror=alert(1)>' },
    ],
    ['a title with control and bidi-override characters', 'title="a\u0007b\u202Ec"', { title: 'a b c' }],
    ['a blank title is none', 'title="  "', {}],
    ['Shiki and VitePress line list', '{1,4-6}', { highlighted: [1, 4, 5, 6] }],
    ["Expressive Code's spaces in the list", '{1, 4-6}', { highlighted: [1, 4, 5, 6] }],
    ['Docusaurus title and lines', 'title="a.js" {2-3}', { title: 'a.js', highlighted: [2, 3] }],
    ['two lists', '{1} {3}', { highlighted: [1, 3] }],
    ["Expressive Code's mark, ins and del", 'mark={2} ins={3-4} del={5}', { highlighted: [2], added: [3, 4], removed: [5] }],
    ['Shiki word mark', '/hello/', { words: ['hello'] }],
    ['word mark with an escaped slash', '/a\\/b/', { words: ['a/b'] }],
    ["Expressive Code's string marks", '"hello" \'world\'', { words: ['hello', 'world'] }],
    ["Expressive Code's mark with a string", 'mark="fetch"', { words: ['fetch'] }],
    ['showLineNumbers', 'showLineNumbers', { lineNumbersFrom: 1 }],
    ['Docusaurus showLineNumbers=5', 'showLineNumbers=5', { lineNumbersFrom: 5 }],
    ["rehype-pretty-code's showLineNumbers{5}", 'showLineNumbers{5}', { lineNumbersFrom: 5 }],
    ['lineNumbers', 'lineNumbers', { lineNumbersFrom: 1 }],
    ["VitePress's :line-numbers", ':line-numbers', { lineNumbersFrom: 1 }],
    ["VitePress's :line-numbers=2", ':line-numbers=2', { lineNumbersFrom: 2 }],
    ["Expressive Code's startLineNumber", 'showLineNumbers startLineNumber=10', { lineNumbersFrom: 10 }],
    ["Expressive Code's terminal frame", 'frame="terminal"', { frame: 'terminal' }],
    ["Expressive Code's no frame", 'frame="none"', { frame: 'none' }],
    ['Hugo options', '{linenos=table,hl_lines=[8,"15-17"],linenostart=199}', { highlighted: [8, 15, 16, 17], lineNumbersFrom: 199 }],
    ['Hugo hl_lines in quotes', '{hl_lines="2 4-5"}', { highlighted: [2, 4, 5] }],
    [
      'everything at once',
      'title="a.ts" {1} ins={2} del={3} /x/ showLineNumbers',
      { title: 'a.ts', highlighted: [1], added: [2], removed: [3], words: ['x'], lineNumbersFrom: 1 },
    ],
    ["other tools' options are left alone", 'wrap collapse={1-5} twoslash', {}],
  ])('reads %s', (_form, meta, expected) => {
    expect(read(meta)).toEqual({ ...NONE, ...expected });
  });

  it.each([
    ['a list that is not one', '{2-x}', '"{2-x}" is not a list of lines ("2-x" is not a line or a range); write lines as {2-3} or {1,4-6}'],
    ['a word in the list', '{one}', '"{one}" is not a list of lines ("one" is not a line or a range); write lines as {2-3} or {1,4-6}'],
    ['an empty item', '{1,,3}', '"{1,,3}" is not a list of lines ("" is not a line or a range); write lines as {2-3} or {1,4-6}'],
    ['line 0', '{0}', '"{0}" marks line 0; lines count from 1'],
    ['a backwards range', '{5-2}', '"{5-2}" has the range 5-2 backwards; write the smaller line first'],
    ['a line past the end', '{7}', '"{7}" marks line 7, but the block has 3 lines'],
    ['an ins past the end', 'ins={2-9}', '"ins={2-9}" marks line 4, but the block has 3 lines'],
    ['no closing brace', '{1,2', '"{1,2" has no closing "}"'],
    ['a title without its closing quote', 'title="a.ts', 'title="a.ts has no closing "'],
    ['a word mark without its closing slash', '/abc', '/abc has no closing "/"; mark a word as /word/'],
    [
      'line numbers from a word',
      'showLineNumbers=five',
      '"showLineNumbers=five" needs a whole number to start from, e.g. showLineNumbers=5',
    ],
    ['an unknown frame', 'frame="window"', '"frame="window"" is not a frame; write frame="terminal", "code", "none" or "auto"'],
  ])('reports %s', (_form, meta, problem) => {
    expect(read(meta, 3).problems).toEqual([problem]);
  });

  it('leaves out what it cannot read and keeps the rest', () => {
    expect(read('title="a.ts" {2-x} {3}')).toMatchObject({ title: 'a.ts', highlighted: [3] });
  });
});
