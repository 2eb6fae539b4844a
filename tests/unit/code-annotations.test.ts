/**
 * Annotated code through the real pipeline (Shiki with pipeline.ts's transformers, then the rehype
 * plugins): notation comments in the forms Shiki's docs give for each comment style, meta marks,
 * diff blocks, terminal prompts, titles (hostile ones too); the post check's report of a meta it
 * cannot read; and the feed's plain marks.
 */
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { feedHtml } from '#src/lib/feeds/feed-html.ts';
import { codeMetaMistakes } from '#tools/check/code-meta-check.ts';
import { siteBodyRenderer } from '../helpers/body-renderer.ts';

const root = path.resolve(import.meta.dirname, '../..') + '/';
const renderer = siteBodyRenderer(root);

async function render(markdown: string): Promise<string> {
  return (await (await renderer)({ body: markdown, frontmatter: {}, filePath: path.join(root, 'src/content/blog/x.md') })).html;
}

const MARKS = ['highlighted', 'add', 'remove'];

const dom = (html: string) => parseHTML(`<!doctype html><html><body>${html}</body></html>`).document;

/** A rendered block as a reader sees it: its bar's title, its frame, and each line's text and marks. */
async function block(markdown: string) {
  const wrapper = dom(await render(markdown)).querySelector('.code-block')!;
  const pre = wrapper.querySelector('pre')!;
  return {
    title: wrapper.querySelector('.code-block__title')?.textContent ?? undefined,
    terminal: wrapper.classList.contains('code-block--terminal'),
    numbered: pre.classList.contains('line-numbers'),
    lines: [...pre.querySelectorAll('code > .line')].map((line) => {
      const marks = [...line.classList].filter((name) => MARKS.includes(name));
      const words = [...line.querySelectorAll('.highlighted-word')].map((word) => word.textContent);
      const prompt = line.querySelector('.code-prompt');
      const number = line.getAttribute('data-line');
      return [
        line.textContent,
        ...(marks.length > 0 ? [marks.join(' ')] : []),
        ...(words.length > 0 ? [`words: ${words.join('|')}`] : []),
        ...(prompt ? [`prompt: ${prompt.textContent}`] : []),
        ...(number !== null ? [`#${number}`] : []),
      ].join('  ');
    }),
    styleAttributes: wrapper.querySelectorAll('[style]').length,
  };
}

const fence = (info: string, ...lines: string[]) => ['```' + info, ...lines, '```'].join('\n');

describe('notation comments (Shiki docs, each comment style)', () => {
  it.each([
    [
      '// highlight, TypeScript',
      fence('ts', 'const a = 1;', 'const b = 2; // [!code highlight]'),
      ['const a = 1;', 'const b = 2;  highlighted'],
    ],
    ['// hl shorthand', fence('js', 'x(); // [!code hl]'), ['x();  highlighted']],
    ['# highlight, Python', fence('py', 'x = 1  # [!code highlight]', 'y = 2'), ['x = 1  highlighted', 'y = 2']],
    ['# highlight, shell', fence('bash', 'echo hi # [!code highlight]'), ['echo hi  highlighted']],
    ['<!-- --> highlight, HTML', fence('html', '<p>hi</p> <!-- [!code highlight] -->'), ['<p>hi</p>  highlighted']],
    ['/* */ highlight, CSS', fence('css', 'a { color: red; } /* [!code highlight] */'), ['a { color: red; }  highlighted']],
    ['-- highlight, SQL', fence('sql', 'select 1; -- [!code highlight]'), ['select 1;  highlighted']],
    ['a range, :2', fence('ts', '// [!code highlight:2]', 'a();', 'b();', 'c();'), ['a();  highlighted', 'b();  highlighted', 'c();']],
    ['++ and --', fence('ts', 'const a = 1; // [!code --]', 'const a = 2; // [!code ++]'), ['const a = 1;  remove', 'const a = 2;  add']],
    ['# ++ in YAML', fence('yaml', 'a: 1 # [!code ++]'), ['a: 1  add']],
    ['word', fence('ts', '// [!code word:Hello]', 'const Hello = "Hello";'), ['const Hello = "Hello";  words: Hello|Hello']],
    [
      'an escaped notation is shown, not applied',
      fence('ts', 'a(); // write [\\!code ++] to mark a line'),
      ['a(); // write [!code ++] to mark a line'],
    ],
  ])('%s', async (_form, markdown, lines) => {
    expect((await block(markdown)).lines).toEqual(lines);
  });
});

describe('the meta', () => {
  it.each([
    ['{2-3}', fence('ts {2-3}', 'a', 'b', 'c', 'd'), ['a', 'b  highlighted', 'c  highlighted', 'd']],
    ['{1,4-6} counted as the writer counts', fence('js {1,3}', 'a', '// [!code highlight]', 'b'), ['a  highlighted', 'b  highlighted']],
    ['ins and del', fence('js ins={1} del={2}', 'a', 'b'), ['a  add', 'b  remove']],
    ['/word/', fence('ts /foo/', 'const foo = foo();'), ['const foo = foo();  words: foo|foo']],
    ['a word across tokens', fence('ts /a = 1/', 'const a = 1;'), ['const a = 1;  words: a| =| 1']],
    ['showLineNumbers', fence('ts showLineNumbers', 'a', 'b'), ['a  #1', 'b  #2']],
    [
      'showLineNumbers=5, after a notation line is taken out',
      fence('ts showLineNumbers=5', '// [!code highlight]', 'a', 'b'),
      ['a  highlighted  #5', 'b  #6'],
    ],
    ['a meta it cannot read is ignored', fence('ts {2-x}', 'a', 'b'), ['a', 'b']],
  ])('%s', async (_form, markdown, lines) => {
    expect((await block(markdown)).lines).toEqual(lines);
  });

  it('numbers lines only when asked', async () => {
    expect((await block(fence('ts', 'a'))).numbered).toBe(false);
    expect((await block(fence('ts lineNumbers', 'a'))).numbered).toBe(true);
  });
});

describe('diff blocks', () => {
  it('mark + lines added and - lines removed, not the --- / +++ file header', async () => {
    const { lines } = await block(fence('diff', '--- a/x.ts', '+++ b/x.ts', '@@ -1 +1 @@', '-old', '+new', ' same'));
    expect(lines).toEqual(['--- a/x.ts', '+++ b/x.ts', '@@ -1 +1 @@', '-old  remove', '+new  add', ' same']);
  });
});

describe('terminal frames', () => {
  it.each(['sh', 'bash', 'shell', 'console', 'zsh', 'powershell'])(
    '```%s is framed as a terminal, its $ prompt set apart',
    async (language) => {
      const rendered = await block(fence(language, '$ npm install', 'added 1 package'));
      expect(rendered.terminal).toBe(true);
      expect(rendered.lines).toEqual(['$ npm install  prompt: $ ', 'added 1 package']);
    },
  );

  it.each([
    ['a code language', 'ts', false],
    ['a shell block with frame="code"', 'sh frame="code"', false],
    ['a shell block with frame="none"', 'sh frame="none"', false],
    ['a text block with frame="terminal"', 'text frame="terminal"', true],
  ])('%s', async (_form, info, terminal) => {
    expect((await block(fence(info, 'x'))).terminal).toBe(terminal);
  });

  it('a $ inside a line is not a prompt', async () => {
    expect((await block(fence('sh', 'echo $HOME'))).lines).toEqual(['echo $HOME']);
  });
});

describe('titles', () => {
  it.each([
    ['title="src/a.ts"', 'src/a.ts'],
    ["title='src/a.ts'", 'src/a.ts'],
    ['title="</span><script>alert(1)</script>"', '</span><script>alert(1)</script>'],
    // CommonMark decodes entities in a fence's info string, before the meta is read.
    ['title="Fish &amp; chips" {1}', 'Fish & chips'],
    ['title="x\u202Egnp.exe"', 'x gnp.exe'],
  ])('%s is text in the bar', async (meta, title) => {
    const html = await render(fence(`ts ${meta}`, 'a'));
    const rendered = await block(fence(`ts ${meta}`, 'a'));
    expect(rendered.title).toBe(title);
    expect(html).not.toContain('<script>');
    expect(html).not.toMatch(/data-code-(?:title|frame)/);
  });

  it('no title, no title element', async () => {
    expect((await block(fence('ts', 'a'))).title).toBeUndefined();
  });
});

it('writes no style attribute for any mark', async () => {
  const rendered = await block(
    fence(
      'ts title="a.ts" {1} ins={2} del={3} /x/ showLineNumbers',
      'x // [!code highlight]',
      'x // [!code ++]',
      'x // [!code --]',
      '// [!code word:x]',
      'x',
    ),
  );
  expect(rendered.styleAttributes).toBe(0);
});

describe('the post check', () => {
  it.each([
    ['no fence meta: the body is not parsed', 'Text with {2-x} in it.\n\n```ts\na\n```', []],
    ['a meta it reads', 'Intro\n\n```ts title="a.ts" {1}\na\n```', []],
    ['a fence shown inside a longer fence is not a fence', '````md\n```ts {2-x}\n````', []],
    [
      'a list it cannot read, on the fence line',
      'Intro\n\n```ts {2-x}\na\nb\n```',
      [
        {
          line: 3,
          message:
            'has a code block whose meta cannot be read: "{2-x}" is not a list of lines ("2-x" is not a line or a range); write lines as {2-3} or {1,4-6}',
        },
      ],
    ],
    [
      'a line past the end',
      '~~~js {4}\na\n~~~',
      [{ line: 1, message: 'has a code block whose meta cannot be read: "{4}" marks line 4, but the block has 1 line' }],
    ],
    [
      'in a list item',
      '- step\n\n  ```sh title="x\n  $ a\n  ```',
      [{ line: 3, message: 'has a code block whose meta cannot be read: title="x has no closing "' }],
    ],
  ])('%s', (_form, body, mistakes) => {
    expect(codeMetaMistakes(body)).toEqual(mistakes);
  });
});

describe('feeds', () => {
  it('show marks as <mark>, <ins> and <del>, with the title and without line numbers or classes', async () => {
    const html = await render(fence('ts title="a.ts" {1} /y/ showLineNumbers', 'x', 'y // [!code ++]', 'z // [!code --]'));
    const feed = feedHtml(html, 'https://example.com/blog/x/');
    const marks = [...dom(feed).querySelectorAll('pre mark, pre ins, pre del')].map(
      (node) => `${node.tagName.toLowerCase()}:${node.textContent}`,
    );
    expect(marks).toEqual(['mark:x', 'ins:y', 'mark:y', 'del:z']);
    expect(feed).toContain('a.ts');
    expect(feed).not.toMatch(/data-line|class=|Copy/);
  });
});
