import type { Root } from 'hast';
import rehypeParse from 'rehype-parse';
import rehypeStringify from 'rehype-stringify';
import sharp from 'sharp';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { extractFaq } from '#src/lib/seo/faq.ts';
import { feedHtml } from '#src/lib/feeds/feed-html.ts';
import { rehypeSanitizePost } from '#src/lib/markdown/rehype-sanitize-post.ts';
import { CARD_HEIGHT, CARD_WIDTH, overlaySvg, planSocialCard, renderSocialCard } from '#src/lib/seo/social-card.ts';
import { serializeJsonLd } from '#src/lib/seo/structured-data.ts';

describe('serializeJsonLd', () => {
  it('escapes everything that could end the script, and parses back to the same data', () => {
    const data = { headline: '</script><script>alert(1)</script> "q" & <b>\u2028' };
    const text = serializeJsonLd(data);
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(text)).toEqual(data);
  });
});

describe('extractFaq', () => {
  const body = `# Title

Intro.

## Frequently Asked Questions

### Does it *work*?

Yes, it [does](/x/).

It really does.

### Is it fast?

- Very.
- Mostly.

## Sources

### Not a question

Text.`;

  it('takes each ### heading under the FAQ section as a question with its text as the answer', () => {
    expect(extractFaq(body)).toEqual([
      { question: 'Does it work?', answer: 'Yes, it does. It really does.' },
      { question: 'Is it fast?', answer: 'Very. Mostly.' },
    ]);
  });

  it('is empty without an FAQ section, and accepts "FAQ" as its heading', () => {
    expect(extractFaq('## Something\n\n### Q?\n\nA.')).toEqual([]);
    expect(extractFaq('## FAQ\n\n### Q?\n\nA.')).toEqual([{ question: 'Q?', answer: 'A.' }]);
  });
});

describe('feedHtml', () => {
  const page = 'https://blog.example.com/blog/post/';

  it('makes every link and image URL absolute, srcset candidates included', () => {
    const html = feedHtml(
      '<p><a href="/blog/other/">o</a> <a href="#faq">f</a> <img src="/_img/a-800.webp" srcset="/_img/a-480.webp 480w, /_img/a-800.webp 800w" alt="a" loading="lazy"></p>',
      page,
    );
    expect(html).toContain('href="https://blog.example.com/blog/other/"');
    expect(html).toContain('href="https://blog.example.com/blog/post/#faq"');
    expect(html).toContain('src="https://blog.example.com/_img/a-800.webp"');
    expect(html).toContain('srcset="https://blog.example.com/_img/a-480.webp 480w, https://blog.example.com/_img/a-800.webp 800w"');
    expect(html).not.toContain('loading');
  });

  it('removes scripts, handlers, javascript: URLs and frames from other hosts', () => {
    const html = feedHtml(
      '<p onclick="x()">t</p><script>x()</script><a href="javascript:x()">j</a><iframe src="https://evil.example/"></iframe><iframe src="https://player.vimeo.com/video/1" title="v"></iframe>',
      page,
    );
    expect(html).not.toMatch(/onclick|<script|javascript:|evil/);
    expect(html).toContain('<iframe src="https://player.vimeo.com/video/1" title="v"></iframe>');
  });
});

describe('rehypeSanitizePost', () => {
  const run = async (html: string, path = 'post.md') => {
    const processor = unified().use(rehypeParse, { fragment: true }).use(rehypeSanitizePost).use(rehypeStringify);
    return String(await processor.process(new VFile({ value: html, path })));
  };

  it('keeps what posts use and drops what could run code', async () => {
    const html = await run(
      '<figure><img src="/a.webp" alt="a"><figcaption>c</figcaption></figure><table><tr><td>1</td></tr></table><details><summary>s</summary>d</details><p onmouseover="x()" id="keep">p</p><script>x()</script><style>p{}</style>',
    );
    expect(html).toContain('<figure><img src="/a.webp" alt="a"><figcaption>c</figcaption></figure>');
    expect(html).toContain('<td>1</td>');
    expect(html).toContain('<details><summary>s</summary>d</details>');
    expect(html).toContain('<p id="keep">p</p>');
    expect(html).not.toMatch(/onmouseover|<script|<style/);
  });

  it('leaves highlighted code blocks (colour classes) as the highlighter made them', async () => {
    const tree: Root = {
      type: 'root',
      children: [
        {
          type: 'element',
          tagName: 'pre',
          // As Shiki writes it: `class` as one string, not hast's className list.
          properties: { class: 'astro-code astro-code-themes github-light github-dark cl-24292e cd-e1e4e8' },
          children: [
            { type: 'element', tagName: 'span', properties: { class: 'cl-d73a49 cd-f97583' }, children: [{ type: 'text', value: 'x' }] },
          ],
        },
        { type: 'raw', value: '<b onclick="x()">bold</b>' } as never,
      ],
    };
    const out = rehypeSanitizePost()(tree, new VFile({ path: 'post.md' }));
    const html = unified().use(rehypeStringify).stringify(out);
    expect(html).toBe(
      '<pre class="astro-code astro-code-themes github-light github-dark cl-24292e cd-e1e4e8"><span class="cl-d73a49 cd-f97583">x</span></pre><b>bold</b>',
    );
  });
});

describe('social cards', () => {
  it('are named after what they show, so an unchanged card keeps its name', () => {
    const job = { title: 'Hello World', siteName: 'Site' };
    const a = planSocialCard(job, { base: '/', heroKey: 'hero-abc' });
    expect(planSocialCard(job, { base: '/', heroKey: 'hero-abc' }).name).toBe(a.name);
    expect(planSocialCard(job, { base: '/', heroKey: 'hero-def' }).name).not.toBe(a.name);
    expect(planSocialCard({ ...job, title: 'Hello World!' }, { base: '/' }).name).not.toBe(a.name);
    expect(planSocialCard(job, { base: '/sub/' }).url).toMatch(/^\/sub\/_social\/hello-world-[0-9a-f]{12}\.jpg$/);
  });

  it('draw text as paths from the bundled font (no system fonts), for Latin, Cyrillic and Greek', async () => {
    const svg = await overlaySvg(
      { title: 'ARTIFICIAL INTELLIGENCE Ёлка Ωμέγα “quotes” & <tags>', kicker: 'Intelligence', siteName: 'Site' },
      true,
    );
    expect(svg).not.toMatch(/<text|font-family|NaN|undefined/);
    expect(svg.match(/<path d="M/g)?.length).toBe(2);
  });

  it('render as a 1200x630 JPEG with or without a hero', async () => {
    const hero = await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#336699' } })
      .png()
      .toBuffer();
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const dir = await mkdtemp(`${(await import('node:os')).tmpdir()}/card-`);
    await writeFile(`${dir}/hero.png`, hero);
    for (const heroFile of [undefined, `${dir}/hero.png`]) {
      const card = await renderSocialCard({
        title: 'A title long enough to wrap onto a second line of the card, and maybe a third one too',
        siteName: 'Site',
        heroFile,
      });
      const info = await sharp(card).metadata();
      expect([info.format, info.width, info.height]).toEqual(['jpeg', CARD_WIDTH, CARD_HEIGHT]);
    }
  });
});
