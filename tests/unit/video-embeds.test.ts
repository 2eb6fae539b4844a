import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { HAS_VIDEO, rehypeVideoEmbeds } from '../../src/lib/markdown/rehype-video-embeds.ts';
import { rehypeSanitizePost } from '../../src/lib/markdown/rehype-sanitize-post.ts';
import { feedHtml } from '../../src/lib/feeds/feed-html.ts';
import { embedSrc, iframeSource, parseStart, videoFromLink, watchUrl } from '../../src/lib/markdown/video-url.ts';
import { iframeProblems } from '../../tools/check/embeds-check.ts';

const ID = 'dQw4w9WgXcQ';

/** A post body through the pipeline's steps that matter here: GFM autolinks, the sanitiser, the facades. */
function render(markdown: string) {
  const file = new VFile({ path: '/site/src/content/blog/post.md', value: markdown });
  const processor = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeSanitizePost)
    .use(rehypeVideoEmbeds)
    .use(rehypeStringify);
  const html = String(processor.processSync(file)).trim();
  const flagged = (file.data as { astro?: { frontmatter?: Record<string, unknown> } }).astro?.frontmatter?.[HAS_VIDEO] === true;
  return { html, flagged };
}

describe('video links and embed URLs as writers paste them', () => {
  it.each([
    ['a watch link', `https://www.youtube.com/watch?v=${ID}`, { provider: 'youtube', id: ID }],
    ['a watch link without www, with a playlist', `https://youtube.com/watch?v=${ID}&list=PL123&index=2`, { provider: 'youtube', id: ID }],
    ['a mobile watch link with a start', `https://m.youtube.com/watch?v=${ID}&t=1m30s`, { provider: 'youtube', id: ID, start: 90 }],
    ['a short link with ?t=42', `https://youtu.be/${ID}?t=42`, { provider: 'youtube', id: ID, start: 42 }],
    ['a short link with a share id', `https://youtu.be/${ID}?si=AbCdEf123`, { provider: 'youtube', id: ID }],
    ['a Short', `https://www.youtube.com/shorts/${ID}`, { provider: 'youtube', id: ID, portrait: true }],
    ['a live link', `https://www.youtube.com/live/${ID}?feature=share`, { provider: 'youtube', id: ID }],
    ['an embed URL with start', `https://www.youtube.com/embed/${ID}?start=75`, { provider: 'youtube', id: ID, start: 75 }],
    ['a no-cookie embed URL', `https://www.youtube-nocookie.com/embed/${ID}`, { provider: 'youtube', id: ID }],
    ['a Vimeo link', 'https://vimeo.com/76979871', { provider: 'vimeo', id: '76979871' }],
    ['a Vimeo link with #t', 'https://vimeo.com/76979871#t=1m2s', { provider: 'vimeo', id: '76979871', start: 62 }],
    ['an unlisted Vimeo link', 'https://vimeo.com/76979871/8f3a2b1c9d', { provider: 'vimeo', id: '76979871', hash: '8f3a2b1c9d' }],
    ['a Vimeo channel link', 'https://vimeo.com/channels/staffpicks/76979871', { provider: 'vimeo', id: '76979871' }],
    [
      'a Vimeo player URL',
      'https://player.vimeo.com/video/76979871?h=8f3a2b1c9d',
      { provider: 'vimeo', id: '76979871', hash: '8f3a2b1c9d' },
    ],
  ])('%s', (_form, link, expected) => {
    expect(videoFromLink(link)).toEqual(expected);
  });

  it.each([
    ['an id one short', 'https://youtu.be/dQw4w9WgXc'],
    ['an id one long', `https://www.youtube.com/watch?v=${ID}X`],
    ['an id with a quote', 'https://youtu.be/dQw4w9W"XcQ'],
    ['a channel page', 'https://www.youtube.com/@somechannel'],
    ['a playlist', 'https://www.youtube.com/playlist?list=PL123'],
    ['a Vimeo id with letters', 'https://vimeo.com/7697987a'],
    ['a Vimeo page that is not a video', 'https://vimeo.com/about'],
    ['a look-alike host', `https://youtube.com.evil.example/watch?v=${ID}`],
    ['another scheme', `javascript://youtu.be/${ID}`],
    ['not a URL', 'youtube'],
  ])('are not videos: %s', (_form, link) => {
    expect(videoFromLink(link)).toBeNull();
  });

  it.each([
    ['42', 42],
    ['42s', 42],
    ['1m30s', 90],
    ['1h2m3s', 3723],
    ['2m', 120],
    ['0', undefined],
    ['1:30', undefined],
    ['abc', undefined],
    ['', undefined],
  ])('start time %j is %j seconds', (value, seconds) => {
    expect(parseStart(value)).toBe(seconds);
  });

  it('load from the no-cookie and do-not-track players, and link to the video page with the start', () => {
    const youtube = { provider: 'youtube', id: ID, start: 42 } as const;
    expect(embedSrc(youtube)).toBe(`https://www.youtube-nocookie.com/embed/${ID}?autoplay=1&start=42`);
    expect(watchUrl(youtube)).toBe(`https://www.youtube.com/watch?v=${ID}&t=42s`);
    const vimeo = { provider: 'vimeo', id: '76979871', hash: 'abcdef12', start: 62 } as const;
    expect(embedSrc(vimeo)).toBe('https://player.vimeo.com/video/76979871?dnt=1&autoplay=1&h=abcdef12#t=62s');
    expect(watchUrl(vimeo)).toBe('https://vimeo.com/76979871/abcdef12#t=62s');
    expect(watchUrl({ provider: 'youtube', id: ID, portrait: true })).toBe(`https://www.youtube.com/shorts/${ID}`);
  });

  it('tell an iframe from another host by its host', () => {
    expect(iframeSource('https://www.google.com/maps/embed?pb=1')).toEqual({ video: null, host: 'www.google.com' });
    expect(iframeSource('//player.vimeo.com/video/abc')).toEqual({ video: null, host: 'player.vimeo.com', provider: 'vimeo' });
    expect(iframeSource('/local/page')).toEqual({ video: null, host: null });
  });
});

const facadeOf = (embed: string, link: string, title: string, note = '') =>
  `<div class="video-embed" data-video-embed="${embed}" data-video-title="${title}"><a class="video-embed__link" href="${link}"><span class="video-embed__play" aria-hidden="true" data-page-only=""></span><span class="video-embed__title">${title}</span>${note}</a></div>`;

describe('video embeds in a post become click-to-load facades', () => {
  const nocookie = `https://www.youtube-nocookie.com/embed/${ID}?autoplay=1`;
  const watch = `https://www.youtube.com/watch?v=${ID}`;
  const untitled = (html: string) => html.replace(/data-video-title="YouTube video"/, 'data-video-title="Play video on YouTube"');
  it.each([
    [
      "YouTube's Share > Embed code",
      `<iframe width="560" height="315" src="https://www.youtube.com/embed/${ID}?si=Xy12AbCdEf" title="YouTube video player" frameborder="0" allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share" referrerpolicy="strict-origin-when-cross-origin" allowfullscreen></iframe>`,
      untitled(facadeOf(nocookie, watch, 'Play video on YouTube')).replace(
        'data-video-title="Play video on YouTube"',
        'data-video-title="YouTube video"',
      ),
    ],
    [
      'a no-cookie embed with a title and a start',
      `<iframe src="https://www.youtube-nocookie.com/embed/${ID}?start=42" title="How we cut build time"></iframe>`,
      facadeOf(
        `${nocookie}&#x26;start=42`,
        `${watch}&#x26;t=42s`,
        'How we cut build time',
        '<span class="video-embed__note" data-page-only=""> Play on YouTube</span>',
      ),
    ],
    [
      "Vimeo's embed code",
      '<iframe src="https://player.vimeo.com/video/76979871?h=8f3a2b1c9d&amp;badge=0" width="640" height="360" frameborder="0" allow="autoplay; fullscreen" title="The Mountain"></iframe>',
      facadeOf(
        'https://player.vimeo.com/video/76979871?dnt=1&#x26;autoplay=1&#x26;h=8f3a2b1c9d',
        'https://vimeo.com/76979871/8f3a2b1c9d',
        'The Mountain',
        '<span class="video-embed__note" data-page-only=""> Play on Vimeo</span>',
      ),
    ],
    [
      'a bare watch link',
      `https://www.youtube.com/watch?v=${ID}`,
      facadeOf(nocookie, watch, 'Play video on YouTube').replace(
        'data-video-title="Play video on YouTube"',
        'data-video-title="YouTube video"',
      ),
    ],
    [
      'a bare short link with ?t=42',
      `https://youtu.be/${ID}?t=42`,
      facadeOf(`${nocookie}&#x26;start=42`, `${watch}&#x26;t=42s`, 'Play video on YouTube').replace(
        'data-video-title="Play video on YouTube"',
        'data-video-title="YouTube video"',
      ),
    ],
    [
      'a link with its text alone in the paragraph',
      `[Watch the talk](https://vimeo.com/76979871#t=30s)`,
      facadeOf(
        'https://player.vimeo.com/video/76979871?dnt=1&#x26;autoplay=1#t=30s',
        'https://vimeo.com/76979871#t=30s',
        'Watch the talk',
        '<span class="video-embed__note" data-page-only=""> Play on Vimeo</span>',
      ),
    ],
  ])('%s', (_form, markdown, expected) => {
    const { html, flagged } = render(markdown);
    expect(html).toBe(expected);
    expect(flagged).toBe(true);
  });

  it('draws a Short upright', () => {
    expect(render(`<https://www.youtube.com/shorts/${ID}>`).html).toContain('class="video-embed video-embed--portrait"');
  });

  it.each([
    ['a link inside a sentence', `See https://youtu.be/${ID} for the demo.`],
    ['two links in one paragraph', `https://youtu.be/${ID} https://vimeo.com/76979871`],
    ['a link with a bad id', 'https://youtu.be/tooShort'],
    ['a link in a code span', `\`https://youtu.be/${ID}\``],
  ])('leaves links as links: %s', (_form, markdown) => {
    const { html, flagged } = render(markdown);
    expect(html).not.toContain('video-embed');
    expect(flagged).toBe(false);
  });

  it.each([
    ['another host', '<iframe src="https://www.google.com/maps/embed?pb=1"></iframe>'],
    ['a YouTube embed with a bad id', '<iframe src="https://www.youtube.com/embed/abc123"></iframe>'],
    ['a YouTube page that is not an embed', `<iframe src="https://www.youtube.com/watch?v=${ID}"></iframe>`],
    ['no src', '<iframe title="x"></iframe>'],
  ])('drops iframes it cannot publish: %s', (_form, markdown) => {
    const { html, flagged } = render(markdown);
    expect(html).not.toMatch(/iframe|video-embed/);
    expect(flagged).toBe(false);
  });

  it('escapes a hostile title', () => {
    const { html } = render(`<iframe src="https://www.youtube.com/embed/${ID}" title="&quot;><script>alert(1)</script>"></iframe>`);
    const tree = fromHtml(html, { fragment: true });
    const elements: string[] = [];
    visit(tree, 'element', (node: Element) => void elements.push(node.tagName));
    expect(elements).toEqual(['div', 'a', 'span', 'span', 'span']);
    expect(html).toContain('data-video-title="&#x22;><script>alert(1)</script>"');
  });
});

describe('the post check on iframes', () => {
  it.each([
    [
      'a map from another host',
      'Text.\n\n<iframe src="https://www.google.com/maps/embed?pb=1" width="600"></iframe>\n',
      3,
      /^has an iframe from www\.google\.com: iframes from www\.google\.com are not published; YouTube and Vimeo links become embeds: put the video's link .* alone on its line\. For anything else, link to the page instead$/,
    ],
    [
      'a CodePen',
      '<p>Demo:</p>\n<IFRAME height="300" src="https://codepen.io/x/embed/abc"></IFRAME>',
      2,
      /iframes from codepen\.io are not published/,
    ],
    ['no src', '<iframe title="x"></iframe>', 1, /^has an <iframe> without an https:\/\/ src/],
    [
      'a YouTube embed with a bad id',
      '<iframe src="https://www.youtube.com/embed/abc123"></iframe>',
      1,
      /^has a YouTube iframe whose src ".*abc123" has no valid video id \(it needs an 11-character/,
    ],
    [
      'a Vimeo embed with a bad id',
      '<iframe src="https://player.vimeo.com/video/abc"></iframe>',
      1,
      /^has a Vimeo iframe .* a numeric video id/,
    ],
  ])('refuses %s, on its line', (_form, body, line, message) => {
    const problems = iframeProblems(body);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.line).toBe(line);
    expect(problems[0]!.message).toMatch(message);
  });

  it.each([
    ['a YouTube embed code', `<iframe src="https://www.youtube.com/embed/${ID}?si=x" title="YouTube video player"></iframe>`],
    ['a Vimeo embed code with &amp;', '<iframe src="https://player.vimeo.com/video/76979871?h=8f3a2b1c9d&amp;badge=0"></iframe>'],
    ['an iframe in a fenced code sample', '```html\n<iframe src="https://evil.example/"></iframe>\n```'],
    ['an iframe in a code span', 'Write `<iframe src="https://evil.example/">` nowhere.'],
    ['no iframe', 'Just text about iframes.'],
  ])('accepts %s', (_form, body) => {
    expect(iframeProblems(body)).toEqual([]);
  });

  it('refuses every iframe in .mdx, where none becomes a facade', () => {
    const problems = iframeProblems(`# x\n\n<iframe src="https://www.youtube.com/embed/${ID}"></iframe>`, { mdx: true });
    expect(problems).toEqual([
      { line: 3, message: expect.stringMatching(/^has an <iframe> from YouTube; in \.mdx an iframe is not made click-to-load/) },
    ]);
  });
});

describe('a video facade in a feed', () => {
  it('is a paragraph with a plain link to the video, its title as the text', () => {
    const { html } = render(
      `<iframe src="https://www.youtube-nocookie.com/embed/${ID}?start=42" title="How we cut build time"></iframe>\n\nhttps://vimeo.com/76979871`,
    );
    expect(feedHtml(html, 'https://blog.example.com/blog/post/')).toBe(
      `<p><a href="https://www.youtube.com/watch?v=${ID}&#x26;t=42s">How we cut build time</a></p>\n<p><a href="https://vimeo.com/76979871">Play video on Vimeo</a></p>`,
    );
  });
});
