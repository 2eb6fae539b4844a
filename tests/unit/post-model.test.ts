import { describe, expect, it } from 'vitest';
import { buildPosts, type SourceEntry } from '#src/lib/content/post-model.ts';
import { postFrontmatterSchema } from '#src/lib/content/post-schema.ts';

const paths = { root: '/site', publicDir: '/site/public', cacheDir: '/site/.cache' };
const options = { paths, now: new Date('2026-12-01T00:00:00Z'), includeUnpublished: false };

/** A post whose body read is counted, as posts.ts reads bodies from the post files. */
function entry(slug: string, body: string, extra: Record<string, unknown> = {}) {
  const reads = { count: 0 };
  const data = postFrontmatterSchema.parse({
    title: slug,
    description: 'A post.',
    slug,
    keywords: ['edge ai'],
    pubDate: '2026-03-04',
    category: 'AI',
    ...extra,
  });
  const source: SourceEntry = {
    id: `${slug}.md`,
    filePath: `src/content/blog/${slug}.md`,
    readBody: () => {
      reads.count += 1;
      return body;
    },
    data,
  };
  return { source, reads };
}

describe('buildPosts', () => {
  const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

  it('reads no body while loading the posts: a page reads only those it shows', () => {
    const entries = [entry('a', words(10)), entry('b', words(10)), entry('c', words(10))];
    const posts = buildPosts(
      entries.map((e) => e.source),
      options,
    );
    expect(posts.map((post) => post.slug)).toEqual(['a', 'b', 'c']);
    expect(entries.map((e) => e.reads.count)).toEqual([0, 0, 0]);
  });

  it('reads a body once, for its reading time and for the page alike', () => {
    const one = entry('long', words(450));
    const [post] = buildPosts([one.source], options);
    expect(post!.readingMinutes).toBe(3);
    expect(post!.body).toBe(words(450));
    expect(post!.readingMinutes).toBe(3);
    expect(one.reads.count).toBe(1);
  });

  it("takes the editor's reading time without reading the body", () => {
    const one = entry('stated', words(450), { readingTime: '9 min' });
    const [post] = buildPosts([one.source], options);
    expect(post!.readingMinutes).toBe(9);
    expect(one.reads.count).toBe(0);
  });

  it('shows its facts when spread into another object, as a card does', () => {
    const [post] = buildPosts([entry('spread', words(250)).source], options);
    expect({ ...post! }).toMatchObject({ slug: 'spread', readingMinutes: 2, body: words(250) });
  });
});
