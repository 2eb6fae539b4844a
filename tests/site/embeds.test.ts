import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseFeed } from '@rowanmanning/feed-parser';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { headersCsp, metaCsp, parseCsp } from '../helpers/csp.ts';
import { page } from '../helpers/dist.ts';

let dist = '';
beforeAll(() => {
  dist = path.join(inject('fixtureRoot'), 'dist');
});

const POST = '/blog/toolkit-embeds/';
const PLAYERS = ['https://www.youtube-nocookie.com', 'https://player.vimeo.com'];

/** Each facade as a reader's page has it: what the click loads, where the link goes, what it says. */
const facades = (doc: Document) =>
  [...doc.querySelectorAll('.prose .video-embed')].map((embed) => ({
    loads: embed.getAttribute('data-video-embed'),
    href: embed.querySelector('a')!.getAttribute('href'),
    title: embed.querySelector('.video-embed__title')!.textContent,
  }));

describe('video embeds on the page', () => {
  it('are click-to-load facades for every form a writer pastes, with their start times and titles', () => {
    expect(facades(page(dist, POST))).toEqual([
      {
        loads: 'https://www.youtube-nocookie.com/embed/M7lc1UVf-VE?autoplay=1&start=42',
        href: 'https://www.youtube.com/watch?v=M7lc1UVf-VE&t=42s',
        title: 'Play video on YouTube',
      },
      {
        loads: 'https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1',
        href: 'https://www.youtube.com/watch?v=aqz-KE-bpKQ',
        title: 'Big Buck Bunny',
      },
      {
        loads: 'https://player.vimeo.com/video/76979871?dnt=1&autoplay=1&h=8f3a2b1c9d',
        href: 'https://vimeo.com/76979871/8f3a2b1c9d',
        title: 'The New Vimeo Player',
      },
      {
        loads: 'https://www.youtube-nocookie.com/embed/M7lc1UVf-VE?autoplay=1',
        href: 'https://www.youtube.com/watch?v=M7lc1UVf-VE',
        title: 'Play video on YouTube',
      },
      {
        loads: 'https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1&start=42',
        href: 'https://www.youtube.com/watch?v=aqz-KE-bpKQ&t=42s',
        title: 'Play video on YouTube',
      },
      {
        loads: 'https://www.youtube-nocookie.com/embed/M7lc1UVf-VE?autoplay=1',
        href: 'https://www.youtube.com/shorts/M7lc1UVf-VE',
        title: 'Play video on YouTube',
      },
      {
        loads: 'https://player.vimeo.com/video/76979871?dnt=1&autoplay=1',
        href: 'https://vimeo.com/76979871',
        title: 'Play video on Vimeo',
      },
      {
        loads: 'https://player.vimeo.com/video/76979871?dnt=1&autoplay=1#t=62s',
        href: 'https://vimeo.com/76979871#t=62s',
        title: 'Watch the launch talk',
      },
    ]);
    const doc = page(dist, POST);
    expect(doc.querySelectorAll('.video-embed--portrait')).toHaveLength(1);
    // A link inside a sentence stays a link.
    expect(doc.querySelector('.prose p a[href="https://youtu.be/M7lc1UVf-VE"]')!.closest('p')!.textContent).toContain('for the demo');
  });

  it('make no request to another host before the click: no iframe, no remote thumbnail, script or stylesheet', () => {
    const doc = page(dist, POST);
    expect(doc.querySelectorAll('iframe')).toHaveLength(0);
    for (const element of doc.querySelectorAll('img[src], script[src], link[href], source[srcset], video, audio')) {
      const url = element.getAttribute('src') ?? element.getAttribute('href') ?? element.getAttribute('srcset')!;
      if (element.tagName === 'LINK' && !/stylesheet|preload|icon|modulepreload/.test(element.getAttribute('rel') ?? '')) continue;
      expect(url, element.outerHTML).not.toMatch(/^(https?:)?\/\//);
    }
  });

  it("load the facades' script only on a page with a video, and say how big it is", () => {
    const script = (urlPath: string) =>
      [...page(dist, urlPath).querySelectorAll('script[src]')].map((s) => s.getAttribute('src')!).find((src) => /VideoEmbeds/.test(src));
    const src = script(POST);
    expect(src).toMatch(/^\/_astro\/VideoEmbeds\.astro_astro_type_script_index_0_lang\.[\w-]+\.js$/);
    expect(script('/blog/alpha-post/')).toBeUndefined();
    expect(script('/blog/toolkit-wide/')).toBeUndefined();
    const bytes = statSync(path.join(dist, src!)).size;
    expect(bytes).toBeLessThan(1024);
    console.log(`VideoEmbeds script: ${bytes} bytes`);
  });

  it('let exactly the two players in frames, in the page and in _headers', () => {
    expect([...parseCsp(metaCsp(page(dist, POST))).get('frame-src')!]).toEqual(PLAYERS);
    const headers = readFileSync(path.join(dist, '_headers'), 'utf8');
    expect([...parseCsp(headersCsp(headers)).get('frame-src')!]).toEqual(PLAYERS);
  });

  it('are plain links to the video in the feed', () => {
    const parsed = parseFeed(readFileSync(path.join(dist, 'rss.xml'), 'utf8'));
    const item = parsed.items.find((entry) => entry.url === `https://blog.example.com${POST}`)!;
    const { document } = parseHTML(`<!doctype html><html><body>${item.content}</body></html>`);
    expect(document.querySelectorAll('iframe, [data-video-embed], [data-page-only]')).toHaveLength(0);
    const links = [...document.querySelectorAll('a')].map((a) => [a.getAttribute('href'), a.textContent]);
    expect(links).toEqual(
      expect.arrayContaining([
        ['https://www.youtube.com/watch?v=M7lc1UVf-VE&t=42s', 'Play video on YouTube'],
        ['https://www.youtube.com/watch?v=aqz-KE-bpKQ', 'Big Buck Bunny'],
        ['https://vimeo.com/76979871#t=62s', 'Watch the launch talk'],
      ]),
    );
  });
});
