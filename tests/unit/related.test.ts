import { describe, expect, it } from 'vitest';
import type { Post } from '../../src/lib/post-model.ts';
import { adjacentPosts, relatedPosts } from '../../src/lib/related.ts';
import { slugify } from '../../src/lib/slug.ts';

const term = (name: string) => ({ name, slug: slugify(name) });
function post(slug: string, day: number, category: string, tags: string[]): Post {
  return {
    id: slug,
    file: `${slug}.md`,
    slug,
    title: slug,
    description: '',
    keywords: tags,
    tags: tags.map(term),
    category: term(category),
    author: term('A'),
    pubDate: new Date(Date.UTC(2026, 0, day)),
    updatedDate: undefined,
    hero: undefined,
    readingMinutes: 1,
    draft: false,
    scheduled: false,
    body: '',
  };
}

describe('relatedPosts', () => {
  const me = post('me', 10, 'AI', ['edge', 'npu', 'phones']);
  const posts = [
    post('newest-unrelated', 30, 'Finance', ['money']),
    post('one-tag-new', 25, 'Web', ['edge']),
    post('two-tags', 5, 'Web', ['edge', 'npu']),
    post('category-only', 20, 'AI', ['other']),
    post('tag-and-category', 2, 'AI', ['phones']),
    post('one-tag-old', 1, 'Web', ['npu']),
    me,
  ];

  it('ranks by shared tags and category, newest first among equals, and leaves out unrelated posts', () => {
    expect(relatedPosts(me, posts).map((p) => p.slug)).toEqual(['two-tags', 'tag-and-category', 'one-tag-new', 'category-only']);
  });

  it('never lists the post itself and respects the limit', () => {
    const related = relatedPosts(me, posts, 3);
    expect(related).toHaveLength(3);
    expect(related.map((p) => p.slug)).not.toContain('me');
  });
});

describe('adjacentPosts', () => {
  it('finds the newer and older neighbours in a newest-first list', () => {
    const list = [post('c', 3, 'A', []), post('b', 2, 'A', []), post('a', 1, 'A', [])];
    expect(adjacentPosts(list[1]!, list)).toMatchObject({ newer: { slug: 'c' }, older: { slug: 'a' } });
    expect(adjacentPosts(list[0]!, list).newer).toBeUndefined();
    expect(adjacentPosts(list[2]!, list).older).toBeUndefined();
  });
});
