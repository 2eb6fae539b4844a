import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseFeed } from '@rowanmanning/feed-parser';
import { parseHTML } from 'linkedom';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkProject } from '../helpers/check-project.ts';
import { distHas, page } from '../helpers/dist.ts';
import { BODY_IMAGE_SIZES } from '#src/lib/markdown/rehype-body-images.ts';

/**
 * Images beside a folder post (tests/fixtures/site/content/blog/toolkit-images/, its images made
 * by writeFixtureImages): the same webp variants as public/ images, a link to the largest, none
 * of the originals published; an image on another host refused by the check with its line.
 */
const POST = '/blog/toolkit-images/';
const SITE = 'https://blog.example.com';
const VARIANT = /^\/_img\/[a-z0-9-]+-[0-9a-f]{14}-\d+\.webp$/;

let fixtureRoot = '';
let dist = '';
const scratch: string[] = [];
beforeAll(() => {
  fixtureRoot = inject('fixtureRoot');
  dist = path.join(fixtureRoot, 'dist');
});
afterAll(() => Promise.all(scratch.map((folder) => rm(folder, { recursive: true, force: true }))));

const prose = () => page(dist, POST).querySelector('.prose')!;
const candidates = (img: Element) =>
  img
    .getAttribute('srcset')!
    .split(', ')
    .map((candidate) => candidate.split(' ') as [string, string]);

describe('a folder post with images beside it', () => {
  it.each([
    [
      './diagram.png, 1800 px wide',
      'A pipeline diagram kept beside the post',
      'diagram',
      ['480w', '800w', '1200w', '1600w'],
      ['1600', '800'],
    ],
    ['<./img/cost chart.jpg>, in a figure', 'A bar chart of costs by month', 'cost-chart', ['480w', '800w', '1000w'], ['1000', '500']],
  ])('%s: webp variants that exist, width and height, sizes, lazy loading', async (_form, alt, stem, widths, size) => {
    const img = prose().querySelector(`img[alt="${alt}"]`)!;
    expect(img.getAttribute('src')).toMatch(VARIANT);
    expect(candidates(img).map(([, width]) => width)).toEqual(widths);
    for (const [url, width] of candidates(img)) {
      expect(url).toMatch(new RegExp(`^/_img/${stem}-[0-9a-f]{14}-${width.slice(0, -1)}\\.webp$`));
      expect(distHas(dist, url), url).toBe(true);
      const meta = await sharp(path.join(dist, url)).metadata();
      expect([meta.format, String(meta.width)]).toEqual(['webp', width.slice(0, -1)]);
    }
    expect([img.getAttribute('width'), img.getAttribute('height')]).toEqual(size);
    expect(img.getAttribute('sizes')).toBe(BODY_IMAGE_SIZES);
    expect(img.getAttribute('loading')).toBe('lazy');
  });

  it('links each image to its largest variant, named as opening the full-size image', () => {
    const links = [...prose().querySelectorAll('a.image-zoom')];
    expect(links).toHaveLength(2);
    for (const link of links) {
      const img = link.querySelector('img')!;
      expect(link.children).toHaveLength(1);
      expect(link.getAttribute('href')).toBe(candidates(img).at(-1)![0]);
      expect(distHas(dist, link.getAttribute('href')!)).toBe(true);
      expect(link.getAttribute('aria-label')).toBe(`${img.getAttribute('alt')} (opens the full-size image)`);
    }
  });

  it('keeps the figure and its caption around the link, and the writer’s own link around a linked image', () => {
    const figure = prose().querySelector('figure')!;
    expect([...figure.children].map((child) => child.tagName)).toEqual(['A', 'FIGCAPTION']);
    expect(figure.querySelector('figcaption')!.textContent).toBe('Costs by month, from a file beside the post');
    const linked = prose().querySelector('img[alt="A linked pipeline diagram"]')!;
    expect(linked.parentElement!.getAttribute('href')).toBe('https://example.org/pipeline');
    expect(linked.parentElement!.classList.contains('image-zoom')).toBe(false);
    expect(linked.getAttribute('src')).toMatch(VARIANT);
  });

  it('publishes no original: Astro did not import the images the pipeline made variants of', async () => {
    const published = await readdir(dist, { recursive: true });
    expect(published.filter((file) => /(^|\/)(diagram|cost.chart)[^/]*\.(png|jpe?g)$/i.test(file) && !file.startsWith('_img/'))).toEqual(
      [],
    );
    const html = readFileSync(path.join(dist, 'blog/toolkit-images/index.html'), 'utf8');
    expect(html).not.toMatch(/__ASTRO_IMAGE_|\.\/diagram\.png|cost%20chart\.jpg/);
  });

  it('gives feed readers absolute URLs of variants that exist', () => {
    const item = parseFeed(readFileSync(path.join(dist, 'rss.xml'), 'utf8')).items.find((entry) => entry.url === `${SITE}${POST}`)!;
    const { document } = parseHTML(`<!doctype html><html><body>${item.content}</body></html>`);
    const urls = [...document.querySelectorAll('img')].flatMap((img) => [img.getAttribute('src')!, ...candidates(img).map(([url]) => url)]);
    urls.push(...[...document.querySelectorAll('a')].map((a) => a.getAttribute('href')!).filter((href) => href.includes('/_img/')));
    expect(urls.length).toBeGreaterThanOrEqual(3 * 4);
    for (const url of urls) {
      expect(url).toMatch(/^https:\/\/blog\.example\.com\/_img\/[a-z0-9-]+-[0-9a-f]{14}-\d+\.webp$/);
      expect(distHas(dist, url.slice(SITE.length)), url).toBe(true);
    }
  });
});

describe('an image on another host in the same post', () => {
  it('is refused by the post check with its line and the fix, the images beside it still pass', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'blog-remote-image-'));
    scratch.push(root);
    const folder = path.join(root, 'src/content/blog/toolkit-images');
    await cp(path.join(fixtureRoot, 'src/content/blog/toolkit-images'), folder, { recursive: true });
    const text = readFileSync(path.join(folder, 'index.md'), 'utf8');
    const written = `${text}\nA chart from elsewhere:\n\n![A chart](https://images.example.com/c.jpg)\n\n<img src="//cdn.example.net/x.png" alt="raw">\n`;
    await writeFile(path.join(folder, 'index.md'), written);
    const lineOf = (needle: string) => written.split('\n').findIndex((line) => line.includes(needle)) + 1;
    const { lines: problems } = await checkProject(root);
    const fix =
      'and the site\'s Content-Security-Policy lets pages show only their own images; download it, save it next to the post and write "./name.webp" (or put it in public/ and write "/name.webp")';
    expect(problems).toEqual([
      `src/content/blog/toolkit-images/index.md:${lineOf('![A chart]')}  body  image "https://images.example.com/c.jpg" is on another site (images.example.com), ${fix}`,
      `src/content/blog/toolkit-images/index.md:${lineOf('<img src="//cdn')}  body  image "//cdn.example.net/x.png" is on another site (cdn.example.net), ${fix}`,
    ]);
  });
});
