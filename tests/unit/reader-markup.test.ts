import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { feedHtml } from '#src/lib/feeds/feed-html.ts';
import { HAS_CODE, rehypeCodeBlocks } from '#src/lib/markdown/rehype-code-blocks.ts';
import { rehypeHeadingLinks } from '#src/lib/markdown/rehype-heading-links.ts';

/** The body as the site's pipeline writes it (the code block and heading plugins, then Astro's id pass again). */
function render(markdown: string) {
  const file = new VFile({ value: markdown, path: 'post.md', data: { astro: { frontmatter: {} } } });
  const html = String(
    unified()
      .use(remarkParse)
      .use(remarkRehype)
      .use(rehypeCodeBlocks)
      .use(rehypeHeadingLinks[0])
      .use(...rehypeHeadingLinks[1])
      // Astro runs its id pass after every plugin; it must keep the ids and read the headings' own text.
      .use(rehypeHeadingLinks[0])
      // As Astro writes empty attributes: `hidden`, not `hidden=""`.
      .use(rehypeStringify, { collapseEmptyAttributes: true })
      .processSync(file),
  );
  const astro = file.data['astro'] as {
    headings: Array<{ depth: number; slug: string; text: string }>;
    frontmatter: Record<string, unknown>;
  };
  return { html, headings: astro.headings, frontmatter: astro.frontmatter };
}

describe('heading links', () => {
  const body = '# Title\n\n## First *section*\n\n### Deeper\n\n#### Deepest\n\n##### Too deep\n\n## First section\n';

  it('link ## to #### headings to their own ids, named "Link to this section: …"', () => {
    const { html } = render(body);
    expect(html).toContain(
      '<h2 id="first-section">First <em>section</em><a class="heading-link" aria-label="Link to this section: First section" data-page-only href="#first-section"><span class="heading-link__mark" aria-hidden="true"></span></a></h2>',
    );
    expect(html).toContain('href="#deeper"');
    expect(html).toContain('href="#deepest"');
    expect(html).toContain('href="#first-section-1"');
    expect(html).not.toMatch(/<h1[^>]*>Title<a/);
    expect(html).not.toMatch(/<h5[^>]*>Too deep<a/);
  });

  it('keep the ids and heading texts the table of contents reads', () => {
    expect(render(body).headings).toEqual([
      { depth: 1, slug: 'title', text: 'Title' },
      { depth: 2, slug: 'first-section', text: 'First section' },
      { depth: 3, slug: 'deeper', text: 'Deeper' },
      { depth: 4, slug: 'deepest', text: 'Deepest' },
      { depth: 5, slug: 'too-deep', text: 'Too deep' },
      { depth: 2, slug: 'first-section-1', text: 'First section' },
    ]);
  });
});

describe('code blocks', () => {
  it('get a bar with their language and a copy button', () => {
    const { html, frontmatter } = render('Text.\n\n```js\nconst a = 1;\n```\n');
    expect(html).toMatch(
      /^<p>Text.<\/p>\n<div class="code-block"><div class="code-block__bar" data-page-only><span class="code-block__language">js<\/span><button type="button" class="code-block__copy" data-copy>Copy<\/button><span class="visually-hidden" role="status" data-copy-status><\/span><\/div><pre tabindex="0">/,
    );
    expect(frontmatter[HAS_CODE]).toBe(true);
  });

  it('leave a post without code unmarked, so its page loads no copy script', () => {
    expect(render('Just `inline` code.\n').frontmatter[HAS_CODE]).toBeUndefined();
  });
});

describe('feeds', () => {
  it('carry neither heading links nor code bars, which need the page', () => {
    const html = feedHtml(render('## A section\n\n```\nx\n```\n').html, 'https://blog.example.com/blog/post/');
    expect(html).toContain('<h2 id="a-section">A section</h2>');
    expect(html).toContain('<pre tabindex="0"><code>x\n</code></pre>');
    expect(html).not.toMatch(/Copy|Link to this section|code-block__language/);
  });
});
