import { describe, expect, it } from 'vitest';
import { compareSites, maskAssetHash, pageAddress, summarizeHtml } from '../../scripts/upstream/compare-dist.ts';

/**
 * `npm run upstream` compares the site built with the pinned Astro and with
 * the new one. Pages below are cut from this site's real output; each case
 * is a change a new Astro could make, and whether a reader would notice.
 */
const page = ({
  generator = 'Astro v7.4.8',
  css = '/_astro/index.B3Eg4mxE.css',
  script = '/_astro/ThemeSwitch.astro_astro_type_script_index_0_lang.DSd9Wth2.js',
  title = 'Evaluating RAG Pipelines Without Fooling Yourself',
  body = '<p>Retrieval-augmented generation is easy to demo and <em>hard</em> to trust.</p>',
  link = '/blog/evaluating-rag-pipelines/',
  image = '/_img/hero-ece2a0177eb098-480.webp 480w, /_img/hero-ece2a0177eb098-800.webp 800w',
  inline = 'document.documentElement.dataset.theme = localStorage.theme;',
} = {}) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="generator" content="${generator}">
<title>${title} | Signal &amp; Noise</title><link rel="stylesheet" href="${css}"><meta property="og:image" content="https://blog.example.com/_social/evaluating-rag-3fe35f44e24f.jpg">
<script>${inline}</script><script type="module" src="${script}"></script></head>
<body><main><article><h1>${title}</h1>${body}<img srcset="${image}" alt="Embedding space"><a href="${link}">Read on</a></article></main></body></html>`;

const rss = ({
  built = 'Wed, 18 Nov 2026 15:45:00 GMT',
  title = 'Evaluating RAG Pipelines',
  link = 'https://blog.example.com/blog/evaluating-rag-pipelines/',
} = {}) =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Signal &amp; Noise</title><link>https://blog.example.com/</link><lastBuildDate>${built}</lastBuildDate><item><title>${title}</title><link>${link}</link><guid isPermaLink="true">${link}</guid><content:encoded><![CDATA[<p>Easy to demo & hard to trust.</p>]]></content:encoded></item></channel></rss>`;

const site = (pages: Record<string, string>) => new Map(Object.entries(pages));

describe('comparing two builds of the site', () => {
  const same: { change: string; after: string }[] = [
    { change: 'another generator meta', after: page({ generator: 'Astro v7.5.0' }) },
    {
      change: 'new hashes in bundled asset names',
      after: page({ css: '/_astro/index.Cq9x_7-a.css', script: '/_astro/ThemeSwitch.astro_astro_type_script_index_0_lang.Bz81kQ2p.js' }),
    },
    {
      change: 'an inline script written another way',
      after: page({ inline: 'document.documentElement.dataset.theme=localStorage.getItem("theme");' }),
    },
    {
      change: 'markup reflowed, attributes reordered and quoted otherwise',
      after: page()
        .replace('<p>', '<p class="lead"\n  >')
        .replace(/<a href="([^"]+)">/, "<a data-x href='$1'>"),
    },
    { change: 'entities written otherwise', after: page().replace('Signal &amp; Noise', 'Signal &#38; Noise') },
  ];
  it.each(same)('sees no difference for $change', ({ after }) => {
    expect(compareSites(site({ 'blog/x/index.html': page() }), site({ 'blog/x/index.html': after }))).toEqual([]);
  });

  const different: { change: string; after: string; problems: (string | RegExp)[] }[] = [
    {
      change: 'a word dropped from the text',
      after: page({ body: '<p>Retrieval-augmented generation is easy to demo and to trust.</p>' }),
      problems: [/^text differs: ".*easy to demo and hard to trust.*" -> ".*easy to demo and to trust.*"$/],
    },
    { change: 'a heading lost', after: page().replace(/<h1>.*?<\/h1>/, ''), problems: [/^text differs/] },
    {
      change: 'a link that now lacks its trailing slash',
      after: page({ link: '/blog/evaluating-rag-pipelines' }),
      problems: ['links gone: /blog/evaluating-rag-pipelines/', 'links added: /blog/evaluating-rag-pipelines'],
    },
    {
      change: 'an image variant gone from a srcset',
      after: page({ image: '/_img/hero-ece2a0177eb098-480.webp 480w' }),
      problems: ['links gone: /_img/hero-ece2a0177eb098-800.webp'],
    },
    {
      change: 'a stylesheet no longer linked',
      after: page().replace(/<link rel="stylesheet"[^>]*>/, ''),
      problems: ['links gone: /_astro/index.[hash].css'],
    },
  ];
  it.each(different)('names $change', ({ after, problems }) => {
    const [difference, ...others] = compareSites(site({ 'blog/x/index.html': page() }), site({ 'blog/x/index.html': after }));
    expect(others).toEqual([]);
    expect(difference?.page).toBe('blog/x/index.html');
    expect(difference?.problems).toHaveLength(problems.length);
    problems.forEach((problem, i) => expect(difference?.problems[i]).toMatch(problem));
  });

  it('reads feeds without their build date, and names an item retitled or relinked', () => {
    const before = site({ 'rss.xml': rss() });
    expect(compareSites(before, site({ 'rss.xml': rss({ built: 'Thu, 19 Nov 2026 08:00:00 GMT' }) }))).toEqual([]);
    expect(compareSites(before, site({ 'rss.xml': rss({ title: 'Evaluating RAG' }) }))).toEqual([
      { page: 'rss.xml', problems: [expect.stringMatching(/^text differs: .*Evaluating RAG Pipelines/)] },
    ]);
    expect(
      compareSites(before, site({ 'rss.xml': rss({ link: 'https://blog.example.com/blog/evaluating-rag-pipelines' }) }))[0]?.problems,
    ).toEqual([
      'links gone: https://blog.example.com/blog/evaluating-rag-pipelines/',
      'links added: https://blog.example.com/blog/evaluating-rag-pipelines',
    ]);
  });

  it('names pages missing from the new build and pages only in it, and compares nothing else', () => {
    const before = site({ 'index.html': page(), 'tag/ai/index.html': page(), '_astro/index.B3Eg4mxE.css': 'a{}' });
    const after = site({ 'index.html': page(), 'tags/ai/index.html': page(), '_astro/index.Zz9x_7-a.css': 'b{}' });
    expect(compareSites(before, after)).toEqual([
      { page: 'tag/ai/index.html', problems: ['missing in the new build'] },
      { page: 'tags/ai/index.html', problems: ['only in the new build'] },
    ]);
  });

  it('takes visible text only: no scripts, styles or templates, whitespace collapsed', () => {
    const summary = summarizeHtml(
      '<html><head><title>T</title><style>p{}</style><script type="application/ld+json">{"a":1}</script></head><body><p>One\n   two</p><template><p>hidden</p></template><noscript>Enable</noscript></body></html>',
    );
    expect(summary.text).toBe('T One two Enable');
    expect(summary.links).toEqual([]);
  });

  it('masks only the hashes of bundled assets, and names pages by their address', () => {
    expect(maskAssetHash('/_astro/hero.BwK7nF2s_Z1abcD.webp')).toBe('/_astro/hero.[hash].webp');
    expect(maskAssetHash('/blog/_astro/index.B3Eg4mxE.css?v=1')).toBe('/blog/_astro/index.[hash].css?v=1');
    expect(maskAssetHash('/_img/hero-ece2a0177eb098-480.webp')).toBe('/_img/hero-ece2a0177eb098-480.webp');
    expect(maskAssetHash('/images/golden.hour-histogram.webp')).toBe('/images/golden.hour-histogram.webp');
    expect(['index.html', 'blog/x/index.html', 'rss.xml', '404.html'].map(pageAddress)).toEqual(['/', '/blog/x/', '/rss.xml', '/404.html']);
  });
});
