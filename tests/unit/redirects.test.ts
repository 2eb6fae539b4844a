import { describe, expect, it } from 'vitest';
import { lostUrls, nextPublishedUrls, type CurrentPost } from '#src/lib/urls/published-urls.ts';
import { redirectPagePath, redirectsFile, renderRedirectPage } from '#src/lib/urls/redirect-pages.ts';
import { pathKey, planRedirects, type RedirectSource } from '#src/lib/urls/redirects.ts';

const origin = (file: string, line = 3) => ({ file, line, field: 'redirectFrom' });
const source = (from: string, to: string, file = 'src/content/blog/a.md'): RedirectSource => ({
  from,
  to,
  title: `Title of ${to}`,
  origin: origin(file),
});

describe('pathKey', () => {
  it.each([
    ['/old/', '/old'],
    ['/old', '/old'],
    ['/old/?ref=x#top', '/old'],
    ['/caf%C3%A9/', '/café'],
    ['/', '/'],
    ['/2019/05/old.html', '/2019/05/old.html'],
  ])('%s is the address %s', (written, key) => expect(pathKey(written)).toBe(key));
});

describe('planRedirects', () => {
  const live = new Map([[pathKey('/blog/live/'), 'the post src/content/blog/live.md']]);

  it('publishes each old address once, straight to its target', () => {
    const { rules, problems } = planRedirects([source('/old-slug/', '/blog/a/'), source('/2019/05/old.html', '/blog/a/')], live);
    expect(problems).toEqual([]);
    expect(rules.map((r) => [r.from, r.to])).toEqual([
      ['/2019/05/old.html', '/blog/a/'],
      ['/old-slug/', '/blog/a/'],
    ]);
  });

  it('collapses chains to one hop', () => {
    const { rules } = planRedirects([source('/a/', '/b/'), source('/b/', '/c/'), source('/c/', '/blog/final/')], live);
    expect(rules.map((r) => [r.from, r.to])).toEqual([
      ['/a/', '/blog/final/'],
      ['/b/', '/blog/final/'],
      ['/c/', '/blog/final/'],
    ]);
    expect(rules[0]!.title).toBe('Title of /blog/final/');
  });

  it('refuses an old address that is a live page, naming both', () => {
    const { rules, problems } = planRedirects([source('/blog/live', '/blog/a/')], live);
    expect(rules).toEqual([]);
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'src/content/blog/a.md',
        line: 3,
        message: expect.stringMatching(/"\/blog\/live" is the address of the post src\/content\/blog\/live\.md/),
      }),
    ]);
  });

  it("refuses an old address that is another redirect's source, naming both", () => {
    const { problems } = planRedirects(
      [source('/old/', '/blog/a/', 'src/content/blog/a.md'), source('/old', '/blog/b/', 'src/content/blog/b.md')],
      live,
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]!.file).toBe('src/content/blog/b.md');
    expect(problems[0]!.message).toMatch(/is also redirected by src\/content\/blog\/a\.md:3 \(redirectFrom\) to "\/blog\/a\/"/);
  });

  it('accepts the same redirect said twice, and refuses loops and self-redirects', () => {
    expect(planRedirects([source('/x/', '/blog/a/'), source('/x', '/blog/a')], live).problems).toEqual([]);
    expect(planRedirects([source('/x/', '/y/'), source('/y/', '/x/')], live).problems[0]!.message).toMatch(/redirect loop/);
    expect(planRedirects([source('/x/', '/x')], live).problems[0]!.message).toMatch(/redirects to itself/);
  });

  it('leaves whole URLs to other sites as they are', () => {
    const { rules } = planRedirects([source('/moved/', 'https://elsewhere.example.org/post/')], live);
    expect(rules[0]!.to).toBe('https://elsewhere.example.org/post/');
  });
});

describe('redirect output', () => {
  const rule = { from: '/old-slug/', to: '/blog/new/', title: 'New <Post>', origin: origin('a.md') };
  it.each([
    ['/old-slug/', '/', '/old-slug/index.html'],
    ['/old-slug', '/', '/old-slug/index.html'],
    ['/2019/05/old.html', '/', '/2019/05/old.html'],
    ['/old-slug/', '/sub/', '/sub/old-slug/index.html'],
    ['/caf%C3%A9/', '/', '/caf%C3%A9/index.html'],
  ])('writes the page for %s (base %s) at %s', (from, base, file) => expect(redirectPagePath(from, base)).toBe(file));

  it('makes a page that moves readers on and keeps search engines on the new address', () => {
    const html = renderRedirectPage(rule, { site: 'https://blog.example.com', base: '/sub/', language: 'en', siteTitle: 'Signal & Noise' });
    expect(html).toContain('<meta http-equiv="refresh" content="0; url=/sub/blog/new/">');
    expect(html).toContain('<link rel="canonical" href="https://blog.example.com/sub/blog/new/">');
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).toContain('<a href="/sub/blog/new/">New &lt;Post&gt;</a>');
    // Loads and runs nothing, said first, for hosts that send no headers.
    expect(html).toMatch(
      /<head>\s*<meta charset="utf-8">\s*<meta http-equiv="Content-Security-Policy" content="default-src 'none'; base-uri 'none'; form-action 'none'">/,
    );
  });

  it('lists 301s for both slash forms of a folder address, and one for a file', () => {
    const file = redirectsFile(
      [rule, { ...rule, from: '/2019/05/old.html' }, { ...rule, from: '/gone/', to: 'https://x.example.org/' }],
      '/',
    );
    expect(file.split('\n').filter((line) => !line.startsWith('#') && line)).toEqual([
      '/old-slug  /blog/new/  301',
      '/old-slug/  /blog/new/  301',
      '/2019/05/old.html  /blog/new/  301',
      '/gone  https://x.example.org/  301',
      '/gone/  https://x.example.org/  301',
    ]);
    expect(redirectsFile([], '/')).toBe('');
  });
});

describe('published URLs', () => {
  const post = (file: string, slug: string, published = true, draft = false): CurrentPost => ({
    file,
    url: `/blog/${slug}/`,
    slug,
    published,
    draft,
    lines: { slug: 4, draft: 9, pubDate: 6 },
  });
  const previous = {
    '/blog/old/': 'src/content/blog/a.md',
    '/blog/b/': 'src/content/blog/b.md',
    '/blog/gone/': 'src/content/blog/gone.md',
  };
  const nothing = () => false;

  it('names a renamed slug on its slug line, with the redirect to add', () => {
    const lost = lostUrls({ '/blog/old/': 'src/content/blog/a.md' }, [post('src/content/blog/a.md', 'new')], nothing);
    expect(lost).toEqual([
      {
        file: 'src/content/blog/a.md',
        line: 4,
        field: 'slug',
        message: expect.stringMatching(/^was "old" \(published at \/blog\/old\/\); add redirectFrom: \["\/blog\/old\/"\]/),
      },
    ]);
  });

  it('names a deleted file and the URL it had, and a post turned back into a draft', () => {
    const lost = lostUrls(previous, [post('src/content/blog/a.md', 'old'), post('src/content/blog/b.md', 'b', false, true)], nothing);
    expect(lost.map((l) => [l.file, l.field])).toEqual([
      ['src/content/blog/b.md', 'draft'],
      ['src/content/blog/gone.md', 'file'],
    ]);
    expect(lost[1]!.message).toMatch(/is gone \(renamed or deleted\), but it was published at \/blog\/gone\//);
  });

  it('accepts a URL that a redirect or the removed list covers', () => {
    const covered = (key: string) => key === '/blog/gone' || key === '/blog/b';
    expect(lostUrls(previous, [post('src/content/blog/a.md', 'old')], covered)).toEqual([]);
  });

  it('remembers what was published, and redirected old URLs, but not removed ones', () => {
    const next = nextPublishedUrls(previous, [post('src/content/blog/a.md', 'new')], (key) => key === '/blog/old');
    expect(next).toEqual({ '/blog/old/': 'src/content/blog/a.md', '/blog/new/': 'src/content/blog/a.md' });
    expect(nextPublishedUrls(null, [post('a.md', 'x', false)], nothing)).toEqual({});
  });
});
