import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { markdownConfigDefaults } from '@astrojs/markdown-remark';
import { parseHTML } from 'linkedom';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyImageSource } from '#src/lib/images/body-image-source.ts';
import { markdownProcessor, shikiConfig } from '#src/lib/markdown/pipeline.ts';
import { bodyError, type BodyRenderer } from '#src/lib/markdown/render-body.ts';
import { SITE } from '#src/site.config.ts';
import { siteBodyRenderer } from '../helpers/body-renderer.ts';
import { BODY_IMAGE_SIZES } from '#src/lib/markdown/rehype-body-images.ts';

const SITE_URLS = ['https://blog.example.com'];

describe('bodyImageSource: what a body image address names', () => {
  it.each([
    ['./diagram.png', { kind: 'file', reference: './diagram.png' }],
    ['diagram.png', { kind: 'file', reference: 'diagram.png' }],
    ['img/chart.jpg', { kind: 'file', reference: 'img/chart.jpg' }],
    ['../shared/chart.jpg', { kind: 'file', reference: '../shared/chart.jpg' }],
    ['./my%20diagram.png', { kind: 'file', reference: './my%20diagram.png' }],
    ['./café.png', { kind: 'file', reference: './café.png' }],
    ['/images/x.webp', { kind: 'file', reference: '/images/x.webp' }],
    ['/etc/passwd', { kind: 'file', reference: '/etc/passwd' }],
    ['https://blog.example.com/images/x.webp', { kind: 'file', reference: '/images/x.webp' }],
    ['https://www.blog.example.com/images/x.webp', { kind: 'file', reference: '/images/x.webp' }],
    ['https://images.example.com/c.jpg', { kind: 'remote', host: 'images.example.com' }],
    ['HTTP://images.example.com:8080/c.jpg', { kind: 'remote', host: 'images.example.com:8080' }],
    ['//cdn.example.net/x.png', { kind: 'remote', host: 'cdn.example.net' }],
    [' https://images.example.com/c.jpg ', { kind: 'remote', host: 'images.example.com' }],
    ['file:///etc/passwd', { kind: 'other' }],
    ['C:\\Users\\me\\Pictures\\x.png', { kind: 'other' }],
    ['ftp://files.example.com/x.png', { kind: 'other' }],
    ['data:image/png;base64,iVBORw0KGgo=', { kind: 'none' }],
    ['', { kind: 'none' }],
    ['#top', { kind: 'none' }],
  ])('%j', (src, expected) => {
    expect(bodyImageSource(src, SITE_URLS)).toEqual(expected);
  });
});

let root = '';
let render: BodyRenderer;
const post = () => path.join(root, 'src/content/blog/my-post/index.md');

async function image(file: string, width: number, height: number, format: 'png' | 'jpeg' | 'webp') {
  await mkdir(path.dirname(file), { recursive: true });
  await sharp({ create: { width, height, channels: 3, background: { r: 40, g: 90, b: 160 } } })
    .toFormat(format)
    .toFile(file);
}

beforeAll(async () => {
  root = `${await mkdtemp(path.join(tmpdir(), 'blog-body-images-'))}/`;
  const folder = path.join(root, 'src/content/blog/my-post');
  await image(path.join(folder, 'diagram.png'), 1400, 700, 'png');
  await image(path.join(folder, 'img/chart.jpg'), 900, 600, 'jpeg');
  await image(path.join(folder, 'my diagram.png'), 500, 250, 'png');
  await image(path.join(folder, 'café ünïcode.png'), 600, 300, 'png');
  await image(path.join(root, 'public/images/wide.webp'), 1000, 600, 'webp');
  await image(path.join(root, 'secret.png'), 64, 64, 'png');
  await symlink(path.join(root, 'secret.png'), path.join(folder, 'linked.png'));
  await writeFile(path.join(folder, 'index.md'), '');
  render = await siteBodyRenderer(root);
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** The body rendered as the loader renders a post, the file written first (a refusal names the file's line). */
async function rendered(body: string) {
  await writeFile(post(), `---\ntitle: "A post"\n---\n${body}`);
  return render({ body, frontmatter: {}, filePath: post() });
}
const dom = (html: string) => parseHTML(`<!doctype html><html><body>${html}</body></html>`).document;

describe('body images beside the post and in public/', () => {
  it.each([
    ['with "./"', '![A diagram](./diagram.png)', 'diagram', 1400, 700],
    ['without "./"', '![A diagram](diagram.png)', 'diagram', 1400, 700],
    ['in a nested folder', '![A chart](./img/chart.jpg)', 'chart', 900, 600],
    ['a space, in angle brackets', '![A diagram](<./my diagram.png>)', 'my-diagram', 500, 250],
    ['a space, percent-encoded', '![A diagram](./my%20diagram.png)', 'my-diagram', 500, 250],
    ['unicode and spaces', '![Unicode](<./café ünïcode.png>)', 'cafe-unicode', 600, 300],
    ['reference-style', '![A diagram][d]\n\n[d]: ./diagram.png', 'diagram', 1400, 700],
    ['raw HTML <img>', '<img src="./diagram.png" alt="A diagram">', 'diagram', 1400, 700],
    ['inside a sentence', 'See ![A diagram](./diagram.png) here.', 'diagram', 1400, 700],
    ['a file in public/', '![Wide](/images/wide.webp)', 'wide', 1000, 600],
    ["the site's own address", '![Wide](https://blog.example.com/images/wide.webp)', 'wide', 1000, 600],
  ])('%s: webp variants, size, lazy loading and a link to the largest', async (_form, body, stem, width, height) => {
    const { html, metadata } = await rendered(body);
    const img = dom(html).querySelector('img')!;
    expect(img.getAttribute('src')).toMatch(new RegExp(`^/_img/${stem}-[0-9a-f]{14}-\\d+\\.webp$`));
    expect(img.getAttribute('srcset')).toMatch(new RegExp(`/_img/${stem}-[0-9a-f]{14}-${width}\\.webp ${width}w$`));
    expect([img.getAttribute('width'), img.getAttribute('height')]).toEqual([String(width), String(height)]);
    expect(img.getAttribute('loading')).toBe('lazy');
    expect(img.getAttribute('sizes')).toBe(BODY_IMAGE_SIZES);
    const link = img.parentElement!;
    expect(link.tagName).toBe('A');
    expect(link.getAttribute('class')).toBe('image-zoom');
    expect(link.getAttribute('href')).toBe(img.getAttribute('srcset')!.split(', ').at(-1)!.split(' ')[0]);
    expect(link.getAttribute('aria-label')).toBe(`${img.getAttribute('alt')} (opens the full-size image)`);
    // Astro neither imports the original (which would publish it) nor swaps in its own <img>.
    expect(metadata.localImagePaths).toEqual([]);
    expect(html).not.toContain('__ASTRO_IMAGE_');
  });

  it('keeps a titled image a figure, the link inside it around the image', async () => {
    const { html } = await rendered('![A diagram](./diagram.png "The pipeline, stage by stage")');
    const figure = dom(html).querySelector('figure')!;
    expect([...figure.children].map((child) => child.tagName)).toEqual(['A', 'FIGCAPTION']);
    expect(figure.querySelector('a.image-zoom > img')!.getAttribute('width')).toBe('1400');
    expect(figure.querySelector('figcaption')!.textContent).toBe('The pipeline, stage by stage');
  });

  it.each([
    ['a Markdown link', '[![A diagram](./diagram.png)](https://example.com/data)', 'https://example.com/data'],
    ['a raw HTML link', '<a href="/blog/other/"><img src="./diagram.png" alt="A diagram"></a>', '/blog/other/'],
    ['a titled image in a link', '[![A diagram](./diagram.png "Caption")](https://example.com/data)', 'https://example.com/data'],
  ])('inside %s: variants, but the writer’s link is kept and no second link is added', async (_form, body, href) => {
    const { html } = await rendered(body);
    const document = dom(html);
    expect(document.querySelectorAll('a').length).toBe(1);
    expect(document.querySelector('a')!.getAttribute('href')).toBe(href);
    expect(document.querySelector('img')!.getAttribute('width')).toBe('1400');
  });

  it('leaves a data: image as it is, with no link', async () => {
    const { html } = await rendered('![dot](data:image/gif;base64,R0lGODlhAQABAAAAACw=)');
    expect(html).not.toContain('image-zoom');
    expect(html).not.toContain('srcset');
  });

  it.each([
    [
      'climbing out of the content folder',
      '![x](../../../secret.png)',
      /image "\.\.\/\.\.\/\.\.\/secret\.png" points outside src\/content\//,
    ],
    ['climbing out, percent-encoded dots', '![x](%2e%2e/%2e%2e/%2e%2e/secret.png)', /points outside src\/content\//],
    [
      'an encoded slash, which names no folder',
      '![x](..%2f..%2f..%2fsecret.png)',
      /does not exist \(looked for src\/content\/blog\/my-post\//,
    ],
    ['a link to a file outside', '![x](./linked.png)', /image "\.\/linked\.png" is a link to ".*secret\.png", outside src\/content\//],
    ['climbing out of public/', '![x](/../../secret.png)', /points outside public\//],
    ['a missing file beside the post', '![x](./missing.png)', /does not exist \(looked for src\/content\/blog\/my-post\/missing\.png\)/],
  ])('refuses %s, naming the post and the line', async (_form, body, says) => {
    const error = await rendered(`Intro.\n\n${body}\n`).then(
      () => null,
      (failure: unknown) => bodyError('src/content/blog/my-post/index.md', failure),
    );
    expect(error?.message).toMatch(/^src\/content\/blog\/my-post\/index\.md:6 {2}body {2}image "/);
    expect(error?.message).toMatch(says);
  });
});

describe('body images beside an .mdx post', () => {
  it('get the same variants and link instead of Astro importing the original for its <Image>', async () => {
    const mdx = await markdownProcessor({ root, base: '/', origins: [SITE.url] }).createMdxRenderer!(
      { ...markdownConfigDefaults, shikiConfig: { ...markdownConfigDefaults.shikiConfig, ...shikiConfig } },
      { srcDir: new URL(`file://${root}src/`), optimize: false },
    );
    const file = path.join(root, 'src/content/blog/my-post/index.mdx');
    const { code } = await mdx.process('![A diagram](./diagram.png)\n', file, {});
    expect(code).toMatch(/\/_img\/diagram-[0-9a-f]{14}-1400\.webp 1400w/);
    expect(code).toContain('image-zoom');
    expect(code).not.toMatch(/import [\w$]+ from "\.\/diagram\.png"/);
  });
});

describe('body images on another host', () => {
  it.each([
    ['a Markdown image', '![chart](https://images.example.com/c.jpg)', 'https://images.example.com/c.jpg', 'images.example.com', 6],
    ['a protocol-relative address', '![chart](//cdn.example.net/x.png)', '//cdn.example.net/x.png', 'cdn.example.net', 6],
    [
      'reference-style',
      '![chart][c]\n\n[c]: https://images.example.com/c.jpg',
      'https://images.example.com/c.jpg',
      'images.example.com',
      8,
    ],
    [
      'a raw <img>',
      '<img src="https://images.example.com/c.jpg" alt="chart">',
      'https://images.example.com/c.jpg',
      'images.example.com',
      6,
    ],
    ['a titled image', '![chart](https://images.example.com/c.jpg "Costs")', 'https://images.example.com/c.jpg', 'images.example.com', 6],
    [
      'a <picture> source',
      '<picture>\n<source srcset="https://images.example.com/c.avif 2x">\n<img src="/images/wide.webp" alt="chart">\n</picture>',
      'https://images.example.com/c.avif',
      'images.example.com',
      7,
    ],
  ])('%s stops the build with the post, the line and the fix', async (_form, body, address, host, line) => {
    const error = await rendered(`Intro.\n\n${body}\n`).then(
      () => null,
      (failure: unknown) => bodyError('src/content/blog/my-post/index.md', failure),
    );
    expect(error?.message).toMatch(new RegExp(`^src/content/blog/my-post/index\\.md:${line} {2}body {2}image "`));
    expect(error?.message).toContain(
      `image "${address}" is on another site (${host}), and the site's Content-Security-Policy lets pages show only their own images; download it, save it next to the post and write "./name.webp"`,
    );
  });
});
