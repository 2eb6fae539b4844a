import rehypeParse from 'rehype-parse';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { rehypeSiteLinks } from '#src/lib/markdown/rehype-site-links.ts';
import { remarkPostCleanup } from '#src/lib/markdown/remark-post-cleanup.ts';
import { postSlugFromPath, siteRelativePath, withBase } from '#src/lib/urls/site-paths.ts';
import { tableOfContents } from '#src/lib/markdown/toc.ts';

function cleanup(markdown: string, frontmatter: Record<string, unknown>): string {
  const processor = unified().use(remarkParse).use(remarkPostCleanup).use(remarkStringify);
  const file = processor.processSync({ value: markdown, data: { astro: { frontmatter } } });
  return String(file);
}

function links(html: string, base = '/'): string {
  return String(
    unified()
      .use(rehypeParse, { fragment: true })
      .use(rehypeSiteLinks, { siteUrl: 'https://blog.example.com', base })
      .use(rehypeStringify)
      .processSync(html),
  );
}

describe('remarkPostCleanup', () => {
  it('drops a leading H1 that repeats the title and a leading image that repeats the hero', () => {
    const out = cleanup('# My Title!\n\n![hero](/hero.webp)\n\nText.', { title: 'My title', heroImage: '/hero.webp' });
    expect(out.trim()).toBe('Text.');
  });

  it('matches relative hero paths written with or without ./', () => {
    expect(cleanup('![x](hero.webp)\n\nText.', { title: 'T', heroImage: './hero.webp' }).trim()).toBe('Text.');
  });

  it('keeps a leading image that is not the hero', () => {
    expect(cleanup('![x](/other.webp)\n\nText.', { title: 'T', heroImage: '/hero.webp' })).toContain('/other.webp');
  });

  it('turns other H1s into H2s so the page keeps one h1', () => {
    const out = cleanup('# Something else\n\nText.\n\n# Later', { title: 'T' });
    expect(out).toContain('## Something else');
    expect(out).toContain('## Later');
    expect(out).not.toMatch(/^# /m);
  });

  it('runs the same Markdown through the real remark-rehype chain', () => {
    const html = String(
      unified()
        .use(remarkParse)
        .use(remarkPostCleanup)
        .use(remarkRehype)
        .use(rehypeStringify)
        .processSync({ value: '# T\n\nBody', data: { astro: { frontmatter: { title: 'T' } } } }),
    );
    expect(html).toBe('<p>Body</p>');
  });
});

describe('site links', () => {
  it('makes links to our own domain root-relative, keeping query and fragment', () => {
    expect(links('<a href="https://blog.example.com/blog/x/#faq">x</a>')).toBe('<a href="/blog/x/#faq">x</a>');
    expect(links('<a href="https://www.blog.example.com/blog/x/">x</a>')).toBe('<a href="/blog/x/">x</a>');
  });

  // Every way an editor writes a link to one of our posts comes out as the one canonical form.
  it.each([
    ['https://blog.example.com/blog/x/', '/blog/x/'],
    ['https://blog.example.com/blog/x', '/blog/x/'],
    ['http://blog.example.com/blog/x', '/blog/x/'],
    ['http://blog.example.com/blog/x/', '/blog/x/'],
    ['https://www.blog.example.com/blog/x', '/blog/x/'],
    ['http://www.blog.example.com/blog/x/', '/blog/x/'],
    ['https://BLOG.example.com/blog/x', '/blog/x/'],
    ['https://blog.example.com/blog/x?utm_source=feed', '/blog/x/?utm_source=feed'],
    ['https://blog.example.com/blog/x/?utm_source=feed', '/blog/x/?utm_source=feed'],
    ['https://blog.example.com/blog/x#faq', '/blog/x/#faq'],
    ['https://blog.example.com/blog/x?a=1&amp;b=2#faq', '/blog/x/?a=1&b=2#faq'],
    ['https://blog.example.com', '/'],
    ['https://blog.example.com/', '/'],
    ['https://blog.example.com/category/web-development', '/category/web-development/'],
    ['/blog/x', '/blog/x/'],
    ['/blog/x#faq', '/blog/x/#faq'],
    ['https://blog.example.com/rss.xml', '/rss.xml'],
    ['https://blog.example.com/images/diagram.webp', '/images/diagram.webp'],
  ])('writes %s as %s', (href, expected) => {
    expect(links(`<a href="${href}">x</a>`)).toBe(`<a href="${expected.replace(/&/g, '&#x26;')}">x</a>`);
  });

  it('puts own links under the base path', () => {
    expect(links('<a href="https://blog.example.com/blog/x/">x</a>', '/sub/')).toBe('<a href="/sub/blog/x/">x</a>');
    expect(links('<a href="/blog/x/">x</a>', '/sub/')).toBe('<a href="/sub/blog/x/">x</a>');
  });

  it('leaves other sites alone apart from rel=noopener', () => {
    expect(links('<a href="https://example.org/">x</a>')).toBe('<a href="https://example.org/" rel="noopener">x</a>');
    expect(links('<a href="#top">x</a>')).toBe('<a href="#top">x</a>');
  });

  it('recognises post URLs and nothing else', () => {
    expect(siteRelativePath('https://blog.example.com/blog/a/', 'https://blog.example.com')).toBe('/blog/a/');
    expect(siteRelativePath('https://evil.example.com/blog/a/', 'https://blog.example.com')).toBeNull();
    expect(siteRelativePath('mailto:x@blog.example.com', 'https://blog.example.com')).toBeNull();
    expect(postSlugFromPath('/blog/a/')).toBe('a');
    expect(postSlugFromPath('/blog/a')).toBe('a');
    expect(postSlugFromPath('/blog/2/')).toBeNull();
    expect(postSlugFromPath('/category/a/')).toBeNull();
    expect(withBase('/blog/a/', '/')).toBe('/blog/a/');
  });
});

describe('tableOfContents', () => {
  const h = (depth: number, text: string) => ({ depth, text, slug: text.toLowerCase() });
  it('needs four ## sections', () => {
    expect(tableOfContents([h(2, 'A'), h(2, 'B'), h(2, 'C')])).toEqual([]);
  });
  it('nests ### under their ##', () => {
    const toc = tableOfContents([h(2, 'A'), h(3, 'A1'), h(2, 'B'), h(2, 'C'), h(4, 'deep'), h(2, 'D')]);
    expect(toc.map((e) => e.text)).toEqual(['A', 'B', 'C', 'D']);
    expect(toc[0]!.children.map((e) => e.text)).toEqual(['A1']);
  });
});
