import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { calloutMistakes } from '#tools/check/callouts-check.ts';
import { checkProject, newProject, writePosts } from '../helpers/check-project.ts';

/**
 * The post check's callout rules: a kind the site does not draw, a `:::` block never closed,
 * Docusaurus 2's spaced title; each on its line, through `npm run check`'s own path
 * (`file:line  body  message`).
 */
// The parser, counted: a body with no callout marker must not reach it.
vi.mock('mdast-util-from-markdown', async (original) => {
  const actual = await original<typeof import('mdast-util-from-markdown')>();
  return { ...actual, fromMarkdown: vi.fn(actual.fromMarkdown) };
});

const KNOWN = 'write one of note, tip, important, warning, caution (or info, hint, success, attention, danger, error), in any case';

const MISTAKES: Array<[string, string, Array<{ line: number; message: string }>]> = [
  [
    'a misspelled GitHub alert',
    '> [!NOTTE]\n> x',
    [{ line: 1, message: `callout kind "NOTTE" is not one the site draws (did you mean > [!NOTE]?); ${KNOWN}` }],
  ],
  [
    'a misspelled directive, after a paragraph',
    'Intro.\n\n:::warnin\nx\n:::',
    [{ line: 3, message: `callout kind "warnin" is not one the site draws (did you mean :::warning?); ${KNOWN}` }],
  ],
  [
    'an Obsidian kind the site does not draw (no guess: it is no typo)',
    '> [!question] Why?\n> Because.',
    [{ line: 1, message: `callout kind "question" is not one the site draws; ${KNOWN}` }],
  ],
  [
    'an unknown kind inside a list item',
    '- one\n- two\n\n  > [!Cautoin]\n  > x',
    [{ line: 4, message: `callout kind "Cautoin" is not one the site draws (did you mean > [!CAUTION]?); ${KNOWN}` }],
  ],
  [
    'a directive never closed',
    ':::tip\nNever closed.\n\nMore text.',
    [{ line: 1, message: '":::tip" is not closed: add a line ":::" after the callout\'s last line' }],
  ],
  [
    "Docusaurus 2's title after a space",
    ':::note Read this\nx\n:::',
    [
      {
        line: 1,
        message: '":::note …" puts the callout\'s title after a space, which is read as text; write it in brackets: :::note[Your title]',
      },
    ],
  ],
];

const FINE: Array<[string, string]> = [
  ['every known kind and alias, any case', '> [!NOTE]\n> a\n\n> [!tip] T\n> b\n\n:::Danger[X]\nc\n:::\n\n> [!info]-\n> d'],
  ['markers inside code', '```md\n> [!NOPE]\n:::nope\n```\n\n    > [!NOPE]\n\nInline `:::nope`.'],
  ['prose with colons', 'Note:important, std::vector, 12:30, ::before, :::'],
  ['a quote with no marker', '> Just a quote with [!x] later.'],
];

describe('callout mistakes, on their line within the body', () => {
  it.each(MISTAKES)('%s', async (_form, body, expected) => {
    expect(await calloutMistakes(body, { mdx: false })).toEqual(expected);
  });

  it.each(FINE)('none in %s', async (_form, body) => {
    expect(await calloutMistakes(body, { mdx: false })).toEqual([]);
  });

  it('reads MDX with its own syntax, and leaves a body that does not parse to the MDX check', async () => {
    expect(await calloutMistakes('import X from "./x"\n\n<X />\n\n:::nope\nx\n:::', { mdx: true })).toEqual([
      { line: 5, message: expect.stringContaining('callout kind "nope" is not one the site draws') },
    ]);
    expect(await calloutMistakes('> [!NOPE] {\n', { mdx: true })).toEqual([]);
  });

  it('does not parse a body with no "[!" and no ":::"', async () => {
    vi.mocked(fromMarkdown).mockClear();
    expect(await calloutMistakes('A post with a colon: and [brackets] but no callout.\n'.repeat(100), { mdx: false })).toEqual([]);
    expect(fromMarkdown).not.toHaveBeenCalled();
    expect(await calloutMistakes('> [!NOTE]\n> x', { mdx: false })).toEqual([]);
    expect(fromMarkdown).toHaveBeenCalledTimes(1);
  });
});

const roots: string[] = [];
afterAll(() => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

describe('npm run check', () => {
  it('reports an unknown callout kind as file:line  body  message, the line counted in the whole file', async () => {
    const root = await newProject('callouts');
    roots.push(root);
    const front =
      '---\ntitle: "A post"\ndescription: "About something."\nkeywords: [one,two]\npubDate: "Mar 04 2026"\ncategory: "Testing"\n---\n';
    await writePosts(root, {
      'alert.md': `${front}\nIntro.\n\n> [!NOTTE]\n> x\n`,
      'directive.mdx': `${front}\n:::warnin[Careful]\nx\n:::\n`,
      'fine.md': `${front}\n> [!NOTE]\n> x\n\n:::tip\ny\n:::\n`,
    });
    const { lines } = await checkProject(root);
    expect(lines).toEqual([
      `src/content/blog/alert.md:11  body  callout kind "NOTTE" is not one the site draws (did you mean > [!NOTE]?); ${KNOWN}`,
      `src/content/blog/directive.mdx:9  body  callout kind "warnin" is not one the site draws (did you mean :::warning?); ${KNOWN}`,
    ]);
  });
});
