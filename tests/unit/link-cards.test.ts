import type { Root } from 'hast';
import rehypeParse from 'rehype-parse';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { splitAtLinkCards } from '#src/lib/markdown/link-card-split.ts';
import { linkedPostSlugs, rehypeLinkCards } from '#src/lib/markdown/rehype-link-cards.ts';
import { articlePageKey } from '#src/lib/build/page-keys.ts';
import type { Post } from '#src/lib/content/post-model.ts';

const mark = (html: string, base = '/') =>
  String(
    unified()
      .use(rehypeParse, { fragment: true })
      .use(() => rehypeLinkCards({ base }) as (tree: Root) => void)
      .use(rehypeStringify)
      .processSync(html),
  );

describe('rehypeLinkCards', () => {
  it('marks a paragraph that is only a link to a post, bold or not, under the base path', () => {
    expect(mark('<p><a href="/blog/x/">Related: X</a></p>')).toBe('<p data-link-card="x"><a href="/blog/x/">Related: X</a></p>');
    expect(mark('<p> <strong><a href="/blog/x/">X</a></strong> </p>')).toContain('data-link-card="x"');
    expect(mark('<p><a href="/sub/blog/x/#faq">X</a></p>', '/sub/')).toContain('data-link-card="x"');
  });

  it('leaves every other link alone', () => {
    for (const html of [
      '<p>See <a href="/blog/x/">X</a> too.</p>',
      '<ul><li><p><a href="/blog/x/">X</a></p></li></ul>',
      '<p><a href="https://example.org/blog/x/">X</a></p>',
      '<p><a href="/blog/2/">Page two</a></p>',
      '<p><a href="/category/ai/">AI</a></p>',
      '<p><a href="/blog/x/"><img src="/a.webp" alt="A"></a></p>',
      '<p><a href="/blog/x/">X</a> <a href="/blog/y/">Y</a></p>',
    ])
      expect(mark(html), html).not.toContain('data-link-card');
  });
});

describe('splitAtLinkCards', () => {
  it('cuts the HTML around each marked paragraph without touching the rest', () => {
    const html = '<h2 id="a">A &amp; b</h2>\n<p data-link-card="x"><a href="/blog/x/">X</a></p>\n<p>End<br></p>';
    const parts = splitAtLinkCards(html);
    expect(parts).toEqual([
      { html: '<h2 id="a">A &amp; b</h2>\n' },
      { card: { slug: 'x', href: '/blog/x/' }, html: '<p data-link-card="x"><a href="/blog/x/">X</a></p>' },
      { html: '\n<p>End<br></p>' },
    ]);
    expect(parts.map((part) => part.html).join('')).toBe(html);
  });
});

describe('page keys and link cards', () => {
  const post = (slug: string, title: string): Post =>
    ({
      slug,
      title,
      description: 'd',
      pubDate: new Date(0),
      readingMinutes: 1,
      category: { name: 'C', slug: 'c' },
      draft: false,
      scheduled: false,
      hero: undefined,
      seo: { ogImage: undefined },
    }) as unknown as Post;

  it('finds every post a body names, in any link form', () => {
    expect([...linkedPostSlugs('[a](https://blog.example.com/blog/a/) [b](/blog/b) <a href="/sub/blog/c/#x">c</a>')]).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('changes an article’s key when a post it links to changes its title', () => {
    const self = post('self', 'Self');
    const neighbours = (linked: Post) => ({ related: [], newer: undefined, older: undefined, linked: [linked] });
    expect(articlePageKey(self, 'digest', neighbours(post('x', 'Old title')))).not.toBe(
      articlePageKey(self, 'digest', neighbours(post('x', 'New title'))),
    );
  });
});
