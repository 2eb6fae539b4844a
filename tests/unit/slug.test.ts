import { describe, expect, it } from 'vitest';
import { slugFromFile, slugify } from '#src/lib/content/slug.ts';

describe('slugify', () => {
  it.each([
    ['Artificial Intelligence', 'artificial-intelligence'],
    ['C++', 'c-plus-plus'],
    ['C#', 'c-sharp'],
    ['C', 'c'],
    ['Finance & Crypto', 'finance-and-crypto'],
    ['Jonas Müller', 'jonas-mueller'],
    ['HiFi Studio And Mobile', 'hifi-studio-and-mobile'],
    ['日本語のタグ', '日本語のタグ'],
    ['Machine Learning', 'machine-learning'],
    ['machine-learning', 'machine-learning'],
    ['  edge   ai ', 'edge-ai'],
  ])('%s -> %s', (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });

  it('keeps symbol-only differences distinct', () => {
    const slugs = ['C', 'C++', 'C#', 'F#'].map(slugify);
    expect(new Set(slugs).size).toBe(4);
  });

  it('gives slugs that are valid URL path segments', () => {
    for (const text of ['C++', 'Finance & Crypto', 'Jonas Müller', '日本語のタグ', 'Что нового']) {
      const slug = slugify(text);
      expect(slug).toMatch(/^[^\s/?#%]+$/);
      expect(new URL(`https://x.test/tag/${encodeURIComponent(slug)}/`).pathname).toContain('/tag/');
    }
  });

  it('returns "" for text with no letters or digits', () => {
    expect(slugify('!!!')).toBe('');
  });

  it('is stable: the same text always gives the same slug, remembered or not', () => {
    // Asked in turn so each text is first answered fresh, then from memory, with other texts between.
    const texts = ['Jonas Müller', 'C++', '日本語のタグ', 'Jonas Müller', 'C++', '日本語のタグ'];
    expect(texts.map(slugify)).toEqual(['jonas-mueller', 'c-plus-plus', '日本語のタグ', 'jonas-mueller', 'c-plus-plus', '日本語のタグ']);
    // The composed and decomposed spellings of "ü" are one name.
    expect([slugify('Jonas Mu\u0308ller'), slugify('Jonas M\u00fcller')]).toEqual(['jonas-mueller', 'jonas-mueller']);
  });
});

describe('slugFromFile', () => {
  it('uses the file name, or the folder name for index files', () => {
    expect(slugFromFile('src/content/blog/My Post.md')).toBe('my-post');
    expect(slugFromFile('src/content/blog/beta-post/index.md')).toBe('beta-post');
    expect(slugFromFile('src/content/blog/2026/gamma.mdx')).toBe('gamma');
  });
});
