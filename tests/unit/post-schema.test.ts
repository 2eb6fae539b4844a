import { describe, expect, it } from 'vitest';
import { postFrontmatterSchema } from '#src/lib/content/post-schema.ts';

/** The real post from PRODUCT.md, field for field. */
const realPost = {
  title: 'Edge Inference on a Budget: What Actually Fits on a Phone',
  description: 'A practical look at which models run on-device today, what they cost, and where they break.',
  slug: 'edge-inference-on-a-budget',
  keywords: ['edge ai', 'on-device inference', 'model quantization', 'mobile machine learning', 'npu benchmarks'],
  pubDate: 'Mar 04 2026',
  heroImage: '/edge-inference-phone-budget-55120.webp',
  heroImageAlt: 'A phone on a desk running a neural network, with a power meter beside it',
  category: 'Artificial Intelligence',
  author: 'HiFi Studio And Mobile',
  readingTime: '9 min',
};

function issues(data: Record<string, unknown>) {
  const result = postFrontmatterSchema.safeParse(data);
  return result.success ? [] : result.error.issues.map((i) => ({ field: String(i.path[0] ?? ''), message: i.message, code: i.code }));
}

describe('post frontmatter schema', () => {
  it('accepts the real post exactly as written', () => {
    const post = postFrontmatterSchema.parse(realPost);
    expect(post).toMatchObject({
      title: realPost.title,
      slug: 'edge-inference-on-a-budget',
      keywords: realPost.keywords,
      category: 'Artificial Intelligence',
      author: 'HiFi Studio And Mobile',
      readingTime: 9,
      draft: false,
    });
    expect(post.pubDate.toISOString()).toBe('2026-03-04T05:00:00.000Z');
  });

  it.each(['Mar 04 2026', '2026-03-04', '2026-03-04T10:00:00Z', '2026-03-04T10:00:00.250+01:00'])('accepts pubDate %s', (pubDate) => {
    expect(issues({ ...realPost, pubDate })).toEqual([]);
  });

  it('accepts every optional field', () => {
    const post = postFrontmatterSchema.parse({ ...realPost, updatedDate: '2026-03-10', tags: ['One', 'Two'], draft: true });
    expect(post.tags).toEqual(['One', 'Two']);
    expect(post.draft).toBe(true);
    expect(post.updatedDate?.toISOString()).toBe('2026-03-10T04:00:00.000Z');
  });

  it('leaves optional fields out when absent', () => {
    const { slug, readingTime, author, ...minimal } = realPost;
    const post = postFrontmatterSchema.parse(minimal);
    expect(post.slug).toBeUndefined();
    expect(post.readingTime).toBeUndefined();
    expect(post.author).toBeUndefined();
    expect(post.tags).toBeUndefined();
  });

  it.each([
    [{ title: undefined }, 'title', /is missing/],
    [{ title: '   ' }, 'title', /is empty/],
    [{ description: 42 }, 'description', /must be text in quotes, not a number/],
    [{ pubDate: '2026-02-30' }, 'pubDate', /not a real date/],
    [{ pubDate: '2026-13-01' }, 'pubDate', /month 13/],
    [{ pubDate: 'soon' }, 'pubDate', /accepted form/],
    [{ pubDate: undefined }, 'pubDate', /is missing/],
    [{ updatedDate: '2026-01-01' }, 'updatedDate', /before pubDate/],
    [{ category: 5 }, 'category', /not a number/],
    [{ category: ['A', 'B'] }, 'category', /not a list/],
    [{ keywords: 'edge ai, npu' }, 'keywords', /must be a list/],
    [{ tags: 'one' }, 'tags', /must be a list/],
    [{ slug: 'has spaces' }, 'slug', /no spaces or slashes/],
    [{ slug: 'a/b' }, 'slug', /no spaces or slashes/],
    [{ slug: 'Upper-Case' }, 'slug', /lowercase/],
    [{ heroImageAlt: undefined }, 'heroImageAlt', /required when heroImage is set/],
    [{ heroImage: undefined }, 'heroImageAlt', /heroImage is not/],
    [{ readingTime: 'a while' }, 'readingTime', /not a reading time/],
    [{ draft: 'yes' }, 'draft', /true or false/],
    [{ pubdate: 'Mar 04 2026' }, '', /pubdate/],
  ])('rejects %o on %s', (change, field, message) => {
    const found = issues({ ...realPost, ...change });
    expect(found.length).toBeGreaterThan(0);
    const issue = found.find((i) => i.field === field);
    expect(issue, JSON.stringify(found)).toBeDefined();
    expect(issue!.message).toMatch(message);
  });
});

describe('control characters in a post text', () => {
  it.each([
    ['title', { title: 'Clear \x1b[2J the screen' }, 'U+001B'],
    ['title', { title: 'A NUL\0 inside' }, 'U+0000'],
    ['description', { description: 'A C1 \x9b code' }, 'U+009B'],
    ['keywords', { keywords: ['fine', 'bell\x07'] }, 'U+0007'],
    ['tags', { tags: ['back\bspace'] }, 'U+0008'],
    ['category', { category: 'Money\x7f' }, 'U+007F'],
  ])('refuses one in %s, naming its code point', (field, change, code) => {
    const found = issues({ ...realPost, ...change });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ field });
    expect(found[0]!.message).toBe(
      `holds an invisible control character (${code}); delete it (it often comes with text pasted from a terminal or a PDF)`,
    );
  });

  it.each([
    ['a tab', { title: 'Tab\tseparated' }],
    ['a line break from a block scalar', { description: 'Two\nlines' }],
    ['right-to-left text', { title: 'مرحبا بالعالم' }],
    ['emoji and CJK', { keywords: ['日本語', '🚀 launch'] }],
  ])('accepts %s', (_, change) => {
    expect(issues({ ...realPost, ...change })).toEqual([]);
  });
});
