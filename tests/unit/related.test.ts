import { describe, expect, it } from 'vitest';
import type { Post } from '#src/lib/content/post-model.ts';
import { adjacentPosts, relatedPosts } from '#src/lib/taxonomy/related.ts';
import { slugify } from '#src/lib/content/slug.ts';

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
    authors: [term('A')],
    pubDate: new Date(Date.UTC(2026, 0, day)),
    updatedDate: undefined,
    hero: undefined,
    readingMinutes: 1,
    draft: false,
    scheduled: false,
    body: '',
    seo: { title: slug, canonicalURL: undefined, noindex: false, ogImage: undefined },
    redirectFrom: [],
    faq: true,
    series: undefined,
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

  it('gives the same ranking as scoring and sorting every post, on a large blog with overlapping tags', () => {
    // A small deterministic generator, so a failure can be replayed.
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const many = Array.from({ length: 400 }, (_, n) =>
      post(
        `p${n}`,
        1 + Math.floor(random() * 60),
        `c${Math.floor(random() * 6)}`,
        Array.from({ length: 5 + Math.floor(random() * 10) }, () => `t${Math.floor(random() * 40)}`),
      ),
    );
    const naive = (me: Post, limit: number) =>
      many
        .map((other, i) => {
          const shared = other.tags.filter((t) => new Set(me.tags.map((m) => m.slug)).has(t.slug)).length;
          return { other, i, score: shared + (other.category.slug === me.category.slug ? 1 : 0) };
        })
        .filter(({ other, score }) => other.slug !== me.slug && score > 0)
        .sort((a, b) => b.score - a.score || b.other.pubDate.getTime() - a.other.pubDate.getTime() || a.i - b.i)
        .slice(0, limit)
        .map(({ other }) => other.slug);
    for (const me of many.slice(0, 60)) {
      expect(relatedPosts(me, many).map((p) => p.slug)).toEqual(naive(me, 4));
      expect(relatedPosts(me, many, 7).map((p) => p.slug)).toEqual(naive(me, 7));
    }
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
