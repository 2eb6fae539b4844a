/** The series checks of `npm run check` (tools/check/series.ts), on real post files: what is reported, on which line, and what is not. */
import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { preferredSpelling } from '#tools/check/series.ts';
import { checkProject, newProject, writePosts } from '../helpers/check-project.ts';

const roots: string[] = [];
afterAll(() => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

/** A post as an editor writes one; `series` and `extra` are frontmatter lines as written (line 7 on is theirs). */
const post = (name: string, series: string | null, extra: string[] = []) =>
  [
    '---',
    `title: "${name}"`,
    `description: "About ${name}."`,
    'keywords: [one]',
    'pubDate: "2026-03-04"',
    'category: "Testing"',
    ...(series === null ? [] : [`series: ${series}`]),
    ...extra,
    '---',
    '',
    'Text.',
    '',
  ].join('\n');

async function check(posts: Record<string, string>) {
  const root = await newProject('series');
  roots.push(root);
  await writePosts(root, posts);
  return (await checkProject(root)).lines;
}

const F = 'src/content/blog';

describe('series checks', () => {
  it.each([
    {
      name: 'two parts, numbered',
      posts: { 'a.md': post('A', '"Quantum Basics"', ['seriesOrder: 1']), 'b.md': post('B', '"Quantum Basics"', ['seriesOrder: 2']) },
    },
    {
      name: 'three parts, no numbers (ordered by date)',
      posts: { 'a.md': post('A', '"Q"'), 'b.md': post('B', '"Q"'), 'c.md': post('C', '"Q"') },
    },
    {
      name: 'a scheduled part counts: it will be published',
      posts: { 'a.md': post('A', '"Q"'), 'b.md': post('B', '"Q"').replace('2026-03-04', '2026-12-01') },
    },
    { name: 'a draft alone in its series is still being written', posts: { 'a.md': post('A', '"Q"', ['draft: true']) } },
    { name: 'no post in any series', posts: { 'a.md': post('A', null), 'b.md': post('B', null) } },
    {
      name: 'two series with the same numbers',
      posts: {
        'a.md': post('A', '"One"', ['seriesOrder: 1']),
        'b.md': post('B', '"One"', ['seriesOrder: 2']),
        'c.md': post('C', '"Two"', ['seriesOrder: 1']),
        'd.md': post('D', '"Two"', ['seriesOrder: 2']),
      },
    },
  ])('accepts $name', async ({ posts }) => {
    expect(await check(posts)).toEqual([]);
  });

  it.each([
    {
      name: 'a series with one post',
      posts: { 'a.md': post('A', '"Quantum Basics"'), 'b.md': post('B', null) },
      expected: [
        `${F}/a.md:7  series  "Quantum Basics" has only this post; a series needs at least two parts: add series: "Quantum Basics" to another post, or remove series until there is one`,
      ],
    },
    {
      name: 'a series with one post and a draft part',
      posts: { 'a.md': post('A', '"Q"', ['seriesOrder: 1']), 'drafts/b.md': post('B', '"Q"', ['seriesOrder: 2', 'draft: true']) },
      expected: [
        `${F}/a.md:7  series  "Q" has only this post; a series needs at least two parts (${F}/drafts/b.md is a draft, which does not count until it is published): add series: "Q" to another post, or remove series until there is one`,
      ],
    },
    {
      name: 'two parts with the same seriesOrder, each told of the other',
      posts: {
        'a.md': post('A', '"Q"', ['seriesOrder: 2']),
        'b.md': post('B', '"Q"', ['seriesOrder: 2']),
        'c.md': post('C', '"Q"', ['seriesOrder: 1']),
      },
      expected: [
        `${F}/a.md:8  seriesOrder  2 is also the seriesOrder of ${F}/b.md in "Q"; give each part its own number`,
        `${F}/b.md:8  seriesOrder  2 is also the seriesOrder of ${F}/a.md in "Q"; give each part its own number`,
      ],
    },
    {
      name: 'a draft with a number a published part has',
      posts: {
        'a.md': post('A', '"Q"', ['seriesOrder: 1']),
        'b.md': post('B', '"Q"', ['seriesOrder: 2']),
        'c.md': post('C', '"Q"', ['draft: true', 'seriesOrder: 1']),
      },
      expected: [
        `${F}/a.md:8  seriesOrder  1 is also the seriesOrder of ${F}/c.md in "Q"; give each part its own number`,
        `${F}/c.md:9  seriesOrder  1 is also the seriesOrder of ${F}/a.md in "Q"; give each part its own number`,
      ],
    },
    {
      name: 'a name that differs in case: the spelling most parts use is the one to write',
      posts: { 'a.md': post('A', '"Quantum Basics"'), 'b.md': post('B', '"quantum basics"'), 'c.md': post('C', '"Quantum Basics"') },
      expected: [
        `${F}/b.md:7  series  "quantum basics" is the series "Quantum Basics" of ${F}/a.md, ${F}/c.md, spelled differently; write series: "Quantum Basics" so the series has one name`,
      ],
    },
    {
      name: 'names that differ in spacing and punctuation (same address)',
      posts: { 'a.md': post('A', '"Quantum Basics"'), 'b.md': post('B', '"Quantum  Basics"'), 'c.md': post('C', "'Quantum-Basics'") },
      expected: [
        `${F}/b.md:7  series  "Quantum  Basics" is the series "Quantum Basics" of ${F}/a.md, spelled differently; write series: "Quantum Basics" so the series has one name`,
        `${F}/c.md:7  series  "Quantum-Basics" is the series "Quantum Basics" of ${F}/a.md, spelled differently; write series: "Quantum Basics" so the series has one name`,
      ],
    },
    {
      name: 'seriesOrder without series, on its own line',
      posts: { 'a.md': post('A', null, ['seriesOrder: 3']) },
      expected: [
        `${F}/a.md:7  seriesOrder  is set but series is not; add the series name, e.g. series: "Quantum Basics", or remove seriesOrder`,
      ],
    },
  ])('reports $name', async ({ posts, expected }) => {
    expect(await check(posts)).toEqual(expected);
  });
});

describe('preferredSpelling', () => {
  it.each([
    [['Quantum Basics', 'quantum basics', 'Quantum Basics'], 'Quantum Basics'],
    [['quantum basics', 'quantum basics', 'Quantum Basics'], 'quantum basics'],
    [['quantum basics', 'Quantum Basics'], 'Quantum Basics'],
    [['Quantum  Basics', 'Quantum Basics'], 'Quantum Basics'],
    [['Quantum-Basics', 'Quantum Basics'], 'Quantum Basics'],
    [['C++ in Practice', 'c++ in practice'], 'C++ in Practice'],
  ])('%j: %s', (spellings, expected) => {
    expect(preferredSpelling(spellings)).toBe(expected);
  });
});
