import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HtmlValidate } from 'html-validate';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distFiles, distSnapshot } from '../helpers/crawl.ts';
import { page } from '../helpers/dist.ts';
import { writeTestImage } from '../helpers/fixture-site.ts';
import { makeProjectCopy, PROJECT_ROOT, runScript } from '../helpers/project-copy.ts';

/**
 * The editor's SEO controls and old URLs, on a project of their own (they
 * change what the shared fixture's other tests count): seoTitle, noindex,
 * canonicalURL, ogImage, redirectFrom and settings redirects, own-domain links
 * in their many forms, the editor's image file names, and a renamed slug that
 * must not drop its URL silently.
 */

const SITE = 'https://blog.example.com';
const post = (fields: string, body: string) =>
  `---\n${fields.trim()}\ndescription: "A post of the SEO controls project."\npubDate: "2026-03-04"\ncategory: "Testing"\n---\n\n${body}\n`;

const POSTS: Record<string, string> = {
  'long-headline.md': post(
    `title: "A Headline Far Too Long for Search Results, Which Cut Titles at About Sixty Characters"\nseoTitle: "Short Search Title | Signal"\nnoindex: true\nogImage: "/preview-card.png"\nslug: "long-headline"`,
    '## Setup\n\nText of the first section.\n\n## Second part\n\nMore text.',
  ),
  'syndicated.md': post(
    `title: "First Published Elsewhere"\ncanonicalURL: "https://medium.example.org/@me/first-published-elsewhere-123"`,
    'A post that first appeared on another site.',
  ),
  'new-home.md': post(
    `title: "The Post That Moved"\nslug: "new-home"\nredirectFrom: ["/old-home/", "/2019/05/old-home.html"]\nheroImage: "/quantum-machine-learning-industrial-revolution-73451.webp"\nheroImageAlt: "A gradient standing in for a quantum computer"`,
    [
      'Links in the forms editors write them:',
      '[one](https://blog.example.com/blog/long-headline) [two](http://www.blog.example.com/blog/long-headline?ref=moved#second-part)',
      '[three](/blog/syndicated) [four](https://blog.example.com/blog/plain/#plain-section) [feed](https://blog.example.com/rss.xml).',
    ].join('\n'),
  ),
  'plain.md': post(`title: "A Plain Post"`, '## Plain section\n\nNothing special here. Back to [the moved post](/blog/new-home/).'),
};

/** The project's builds are its deploys: only a production deploy records the URLs it published (none fetched here). */
const DEPLOY = { BLOG_DEPLOY: 'production', BLOG_LIVE_RECORD: 'off' };

let root = '';
let dist = '';
let firstBuild = '';

beforeAll(async () => {
  const content = await mkdtemp(path.join(tmpdir(), 'blog-seo-content-'));
  for (const [file, text] of Object.entries(POSTS)) await writeFile(path.join(content, file), text);
  root = await makeProjectCopy({ contentDir: content, name: 'seo-controls' });
  await rm(content, { recursive: true });
  await writeFile(path.join(root, 'public/favicon.svg'), await readFile(path.join(PROJECT_ROOT, 'public/favicon.svg')));
  await writeTestImage(path.join(root, 'public/quantum-machine-learning-industrial-revolution-73451.webp'), 1600, 900, 200);
  // The editor's own preview image: square and pure red, so the crop and its origin both show in the card.
  await sharp({ create: { width: 900, height: 900, channels: 3, background: '#e01010' } })
    .png()
    .toFile(path.join(root, 'public/preview-card.png'));
  // A redirect of the site's own, declared in the settings.
  const settings = path.join(root, 'src/site.config.ts');
  const source = await readFile(settings, 'utf8');
  await writeFile(settings, source.replace('redirects: {},', "redirects: { '/about-the-move/': '/blog/new-home' },"));
  const result = runScript(root, 'build', DEPLOY);
  firstBuild = `${result.stdout}\n${result.stderr}`;
  expect(result.status, firstBuild).toBe(0);
  dist = path.join(root, 'dist');
});

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

const meta = (doc: Document, key: string) =>
  doc.querySelector(`meta[property="${key}"], meta[name="${key}"]`)?.getAttribute('content') ?? null;
const canonicalOf = (doc: Document) => doc.querySelector('link[rel="canonical"]')?.getAttribute('href');
const sitemapUrls = () => {
  const files = distFiles(dist).filter((file) => /^sitemap-\d+\.xml$/.test(file));
  return files.flatMap((file) => [...readFileSync(path.join(dist, file), 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!));
};
const blogPosting = (doc: Document) =>
  [...doc.querySelectorAll('script[type="application/ld+json"]')]
    .map((script) => JSON.parse(script.textContent!) as Record<string, unknown>)
    .find((data) => data['@type'] === 'BlogPosting')!;

describe('per-post SEO controls', () => {
  it('seoTitle is the <title> and og:title; the headline stays the page heading', () => {
    const doc = page(dist, '/blog/long-headline/');
    expect(doc.title).toBe('Short Search Title | Signal');
    expect(meta(doc, 'og:title')).toBe('Short Search Title | Signal');
    expect(meta(doc, 'twitter:title')).toBe('Short Search Title | Signal');
    expect(doc.querySelector('h1')!.textContent).toBe(
      'A Headline Far Too Long for Search Results, Which Cut Titles at About Sixty Characters',
    );
    expect(blogPosting(doc)['headline']).toBe('A Headline Far Too Long for Search Results, Which Cut Titles at About Sixty Characters');
    // Without seoTitle, the title is the headline and the site name, as before.
    expect(page(dist, '/blog/plain/').title).toBe('A Plain Post | Signal & Noise');
  });

  it('noindex keeps a post out of search engines and the sitemap, but on the site and in its search', () => {
    const doc = page(dist, '/blog/long-headline/');
    expect(meta(doc, 'robots')).toBe('noindex');
    expect(doc.querySelector('[data-pagefind-body]')).not.toBeNull();
    expect(sitemapUrls()).not.toContain(`${SITE}/blog/long-headline/`);
    expect(sitemapUrls()).toContain(`${SITE}/blog/plain/`);
    expect(meta(page(dist, '/blog/plain/'), 'robots')).toBeNull();
    expect(readFileSync(path.join(dist, 'rss.xml'), 'utf8')).toContain(`${SITE}/blog/long-headline/`);
  });

  it('canonicalURL is the canonical link, og:url and the JSON-LD address, and keeps the post out of the sitemap', () => {
    const doc = page(dist, '/blog/syndicated/');
    const original = 'https://medium.example.org/@me/first-published-elsewhere-123';
    expect(canonicalOf(doc)).toBe(original);
    expect(meta(doc, 'og:url')).toBe(original);
    expect(blogPosting(doc)['url']).toBe(original);
    expect(blogPosting(doc)['mainEntityOfPage']).toEqual({ '@type': 'WebPage', '@id': original });
    expect(sitemapUrls()).not.toContain(`${SITE}/blog/syndicated/`);
    expect(canonicalOf(page(dist, '/blog/plain/'))).toBe(`${SITE}/blog/plain/`);
  });

  it("ogImage replaces the generated card with the editor's image, cropped to a 1200x630 JPEG", async () => {
    const doc = page(dist, '/blog/long-headline/');
    const card = new URL(meta(doc, 'og:image')!).pathname;
    expect(card).toMatch(/^\/_social\/.+\.jpg$/);
    expect(meta(doc, 'twitter:image')).toBe(meta(doc, 'og:image'));
    const file = path.join(dist, card);
    const { format, width, height } = await sharp(file).metadata();
    expect([format, width, height]).toEqual(['jpeg', 1200, 630]);
    // Nothing is drawn over it: every pixel is the editor's red.
    const stats = await sharp(file).stats();
    expect(stats.channels[0]!.min).toBeGreaterThan(180);
    expect(stats.channels[1]!.max).toBeLessThan(70);
    const images = blogPosting(doc)['image'] as Array<{ url: string }>;
    expect(images[0]!.url).toBe(`${SITE}${card}`);
    // Other posts keep the generated card, which is not the editor's image.
    expect(new URL(meta(page(dist, '/blog/plain/'), 'og:image')!).pathname).not.toBe(card);
  });
});

describe('links and image names as editors write them', () => {
  it('own-domain links come out root-relative with the trailing slash, keeping query and fragment', () => {
    const hrefs = [...page(dist, '/blog/new-home/').querySelectorAll('.prose a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual([
      '/blog/long-headline/',
      '/blog/long-headline/?ref=moved#second-part',
      '/blog/syndicated/',
      '/blog/plain/#plain-section',
      '/rss.xml',
    ]);
  });

  it("variant files keep the editor's whole file name", () => {
    const variants = distFiles(path.join(dist, '_img')).filter((name) => name.startsWith('quantum-'));
    expect(variants.length).toBeGreaterThanOrEqual(4);
    for (const name of variants) expect(name).toMatch(/^quantum-machine-learning-industrial-revolution-73451-[0-9a-f]{14}-\d+\.webp$/);
  });
});

describe('redirects', () => {
  const expectRedirectPage = (file: string, target: string) => {
    const html = readFileSync(path.join(dist, file), 'utf8');
    const doc = page(dist, `/${file}`.replace(/index\.html$/, ''));
    expect(doc.querySelector('meta[http-equiv="refresh"]')!.getAttribute('content')).toBe(`0; url=${target}`);
    expect(canonicalOf(doc)).toBe(`${SITE}${target}`);
    expect(meta(doc, 'robots')).toBe('noindex');
    expect(doc.querySelector(`main a[href="${target}"]`)!.textContent).toBe('The Post That Moved');
    return html;
  };

  it('writes a page at each old address that sends readers and search engines to the post', async () => {
    const pages = [
      expectRedirectPage('old-home/index.html', '/blog/new-home/'),
      expectRedirectPage('2019/05/old-home.html', '/blog/new-home/'),
    ];
    pages.push(expectRedirectPage('about-the-move/index.html', '/blog/new-home/'));
    // Valid HTML, by the same rules as every other page.
    const validator = new HtmlValidate(JSON.parse(readFileSync(path.join(PROJECT_ROOT, '.htmlvalidate.json'), 'utf8')) as object);
    for (const html of pages) {
      const report = await validator.validateString(html);
      expect(report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`))).toEqual([]);
    }
  });

  it('lists 301s in _redirects and keeps old addresses out of the sitemap', () => {
    const lines = readFileSync(path.join(dist, '_redirects'), 'utf8')
      .split('\n')
      .filter((line) => line && !line.startsWith('#'));
    expect(lines).toEqual([
      '/2019/05/old-home.html  /blog/new-home/  301',
      '/about-the-move  /blog/new-home/  301',
      '/about-the-move/  /blog/new-home/  301',
      '/old-home  /blog/new-home/  301',
      '/old-home/  /blog/new-home/  301',
    ]);
    expect(sitemapUrls().filter((url) => /old-home|about-the-move/.test(url))).toEqual([]);
  });
});

describe('a renamed post', () => {
  it('fails the next build, naming the old URL and the redirect to add, until the redirect is there', async () => {
    const file = path.join(root, 'src/content/blog/plain.md');
    await writeFile(file, POSTS['plain.md']!.replace('title: "A Plain Post"', 'title: "A Plain Post"\nslug: "plain-renamed"'));
    const before = distSnapshot(dist);
    const failed = runScript(root, 'build', DEPLOY);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain(
      'src/content/blog/plain.md:3  slug  was "plain" (published at /blog/plain/); add redirectFrom: ["/blog/plain/"] to this post to keep old links working',
    );
    expect(failed.stderr).not.toMatch(/^\s+at /m);
    expect(distSnapshot(dist)).toEqual(before);

    await writeFile(
      file,
      POSTS['plain.md']!.replace('title: "A Plain Post"', 'title: "A Plain Post"\nslug: "plain-renamed"\nredirectFrom: ["/blog/plain/"]'),
    );
    // The moved post links to /blog/plain/#plain-section: now it must say the new address.
    const linking = path.join(root, 'src/content/blog/new-home.md');
    await writeFile(linking, (await readFile(linking, 'utf8')).replace('/blog/plain/#plain-section', '/blog/plain-renamed/#plain-section'));
    const fixed = runScript(root, 'build', DEPLOY);
    expect(fixed.status, `${fixed.stdout}\n${fixed.stderr}`).toBe(0);
    expect(existsSync(path.join(dist, 'blog/plain-renamed/index.html'))).toBe(true);
    expect(page(dist, '/blog/plain/').querySelector('meta[http-equiv="refresh"]')!.getAttribute('content')).toBe(
      '0; url=/blog/plain-renamed/',
    );
    // And the record now holds both, so dropping that redirect later is caught too.
    const record = JSON.parse(readFileSync(path.join(root, '.cache/astro/published-urls.json'), 'utf8')) as {
      urls: Record<string, string>;
    };
    expect(record.urls['/blog/plain/']).toBe('src/content/blog/plain.md');
    expect(record.urls['/blog/plain-renamed/']).toBe('src/content/blog/plain.md');
  });
});
