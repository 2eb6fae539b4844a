import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseFeed } from '@rowanmanning/feed-parser';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { distHas, page } from '../helpers/dist.ts';
import { runScriptAsync } from '../helpers/project-copy.ts';

/**
 * Author profiles, category landing pages and "Related:" link cards over the
 * fixture site: tests/fixtures/site/content/authors/jonas-mueller.md,
 * categories/artificial-intelligence.md, and delta.md, which has three
 * co-authors (one with a profile) and one paragraph of each link form.
 */
const SITE = 'https://blog.example.com';
let dist = '';
beforeAll(() => {
  dist = path.join(inject('fixtureRoot'), 'dist');
});

type Json = Record<string, unknown>;
const jsonLd = (doc: Document) =>
  [...doc.querySelectorAll('script[type="application/ld+json"]')].map((script) => JSON.parse(script.textContent!) as Json);
const ofType = (doc: Document, type: string) => jsonLd(doc).filter((block) => block['@type'] === type);
const text = (element: Element | null) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
/** Every variant of a srcset exists in the built site. */
const srcsetFiles = (img: Element) =>
  img
    .getAttribute('srcset')!
    .split(',')
    .map((candidate) => candidate.trim().split(/\s+/)[0]!);

describe('author pages', () => {
  it('show the avatar, job title, bio and links above the posts', () => {
    const doc = page(dist, '/author/jonas-mueller/');
    const profile = doc.querySelector('.author-profile')!;
    expect(profile).not.toBeNull();
    // Above the list of posts.
    expect(profile.compareDocumentPosition(doc.querySelector('.card-grid')!) & 4).toBe(4);
    const avatar = profile.querySelector('img')!;
    expect(avatar.getAttribute('alt')).toBe('Portrait of Jonas Müller');
    for (const file of srcsetFiles(avatar)) {
      expect(file).toMatch(/^\/_img\/jonas-[0-9a-f]{14}-\d+\.webp$/);
      expect(distHas(dist, file), file).toBe(true);
    }
    // Avatar widths, not hero ones: it shows at 112 CSS px at most.
    expect(
      avatar
        .getAttribute('srcset')!
        .split(',')
        .map((candidate) => candidate.trim().split(/\s+/)[1]),
    ).toEqual(['64w', '128w', '256w', '384w']);
    expect(avatar.getAttribute('width')).toBe('384');
    expect(text(profile.querySelector('.author-profile__job'))).toBe('Fixture Machine Learning Engineer');
    expect(profile.querySelector('.author-profile__bio strong')?.textContent).toBe('alpha post');
    expect([...profile.querySelectorAll('.author-profile__links a')].map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Website', 'https://jonas.example.org/'],
      ['X', 'https://x.com/jonas_fixture'],
      ['LinkedIn', 'https://www.linkedin.com/in/jonas-fixture/'],
      ['GitHub', 'https://github.com/jonas-fixture'],
      ['Mastodon', 'https://mastodon.example/@jonas'],
    ]);
  });

  it('carry a JSON-LD Person with jobTitle, image and sameAs', () => {
    const [personBlock, ...others] = ofType(page(dist, '/author/jonas-mueller/'), 'Person');
    expect(others).toEqual([]);
    expect(personBlock).toMatchObject({
      '@context': 'https://schema.org',
      name: 'Jonas Müller',
      url: `${SITE}/author/jonas-mueller/`,
      jobTitle: 'Fixture Machine Learning Engineer',
      sameAs: [
        'https://jonas.example.org/',
        'https://x.com/jonas_fixture',
        'https://www.linkedin.com/in/jonas-fixture/',
        'https://github.com/jonas-fixture',
        'https://mastodon.example/@jonas',
      ],
    });
    const image = new URL(personBlock!['image'] as string);
    expect(image.origin).toBe(SITE);
    expect(distHas(dist, image.pathname)).toBe(true);
  });

  it('keep the plain page for an author without a profile', () => {
    const doc = page(dist, '/author/ana-lima/');
    expect(doc.querySelector('h1')!.textContent).toBe('Ana Lima');
    expect(doc.querySelector('.author-profile')).toBeNull();
    expect([...doc.querySelectorAll('.card__title a')].map((a) => a.getAttribute('href'))).toEqual(['/blog/delta/']);
    const [personBlock] = ofType(doc, 'Person');
    expect(personBlock).toEqual({ '@context': 'https://schema.org', '@type': 'Person', name: 'Ana Lima', url: `${SITE}/author/ana-lima/` });
  });
});

describe('bylines', () => {
  it('show the avatar of an author with a profile', () => {
    const byline = page(dist, '/blog/alpha-post/').querySelector('.article__meta .byline')!;
    expect(text(byline)).toBe('By Jonas Müller');
    const avatar = byline.querySelector('a[href="/author/jonas-mueller/"] img')!;
    // Decorative: the name beside it is the link's text.
    expect(avatar.getAttribute('alt')).toBe('');
    for (const file of srcsetFiles(avatar)) expect(distHas(dist, file), file).toBe(true);
  });

  it('name every co-author, each linking to their page, and only profiled ones with an avatar', () => {
    const byline = page(dist, '/blog/delta/').querySelector('.article__meta .byline')!;
    expect(text(byline)).toBe('By HiFi Studio And Mobile, Jonas Müller and Ana Lima');
    const links = [...byline.querySelectorAll('a')];
    expect(links.map((a) => [a.getAttribute('href'), a.querySelector('img') !== null])).toEqual([
      ['/author/hifi-studio-and-mobile/', false],
      ['/author/jonas-mueller/', true],
      ['/author/ana-lima/', false],
    ]);
  });

  it('list a co-authored post on each author’s page', () => {
    for (const author of ['hifi-studio-and-mobile', 'jonas-mueller', 'ana-lima']) {
      const hrefs = [...page(dist, `/author/${author}/`).querySelectorAll('.card__title a')].map((a) => a.getAttribute('href'));
      expect(hrefs, author).toContain('/blog/delta/');
    }
  });

  it('give the post’s BlogPosting every author as a Person, with the profile’s fields where there is one', () => {
    const [posting] = ofType(page(dist, '/blog/delta/'), 'BlogPosting');
    const authors = posting!['author'] as Json[];
    expect(authors.map((author) => [author['@type'], author['name'], author['url']])).toEqual([
      ['Person', 'HiFi Studio And Mobile', `${SITE}/author/hifi-studio-and-mobile/`],
      ['Person', 'Jonas Müller', `${SITE}/author/jonas-mueller/`],
      ['Person', 'Ana Lima', `${SITE}/author/ana-lima/`],
    ]);
    expect(authors[1]).toMatchObject({
      jobTitle: 'Fixture Machine Learning Engineer',
      sameAs: expect.arrayContaining(['https://github.com/jonas-fixture']),
    });
    expect(distHas(dist, new URL(authors[1]!['image'] as string).pathname)).toBe(true);
    expect(authors[2]).not.toHaveProperty('sameAs');
    expect(authors[2]).not.toHaveProperty('jobTitle');
  });

  it('name every co-author in the feed', () => {
    const feed = parseFeed(readFileSync(path.join(dist, 'rss.xml'), 'utf8'));
    const delta = feed.items.find((item) => item.url === `${SITE}/blog/delta/`)!;
    expect(delta.authors.map((author) => author.name)).toEqual(['HiFi Studio And Mobile', 'Jonas Müller', 'Ana Lima']);
  });
});

describe('category landing pages', () => {
  it('show the category file’s title, description, hero and intro above the posts', () => {
    const doc = page(dist, '/category/artificial-intelligence/');
    expect(doc.querySelector('meta[name="description"]')!.getAttribute('content')).toBe(
      'Fixture landing page for AI posts: models on phones and in pipelines.',
    );
    const intro = doc.querySelector('.term-intro')!;
    expect(intro.querySelector('.term-intro__text strong')?.textContent).toBe('Artificial Intelligence');
    expect(intro.compareDocumentPosition(doc.querySelector('.card-grid')!) & 4).toBe(4);
    const hero = intro.querySelector('img')!;
    expect(hero.getAttribute('alt')).toBe('Category hero: a purple gradient');
    for (const file of srcsetFiles(hero)) expect(distHas(dist, file), file).toBe(true);
  });

  it('show the intro on the first page only', () => {
    const second = page(dist, '/category/artificial-intelligence/2/');
    expect(second.querySelector('.card-grid')).not.toBeNull();
    expect(second.querySelector('.term-intro')).toBeNull();
  });

  it('keep today’s generated page for a category without a file', () => {
    const doc = page(dist, '/category/c-plus-plus/');
    expect(doc.querySelector('.term-intro')).toBeNull();
    expect(doc.querySelector('meta[name="description"]')!.getAttribute('content')).toBe('Posts about C++ on Signal & Noise.');
  });

  it('give the description on /categories/', () => {
    const items = [...page(dist, '/categories/').querySelectorAll('.term-index li')];
    const ai = items.find((li) => li.querySelector('a')!.textContent === 'Artificial Intelligence')!;
    expect(text(ai.querySelector('.term-index__description'))).toBe(
      'Fixture landing page for AI posts: models on phones and in pipelines.',
    );
    const cpp = items.find((li) => li.querySelector('a')!.textContent === 'C++')!;
    expect(cpp.querySelector('.term-index__description')).toBeNull();
  });

  it('carry a CollectionPage whose ItemList is the listed posts, in order, on category and tag pages', () => {
    for (const urlPath of [
      '/category/artificial-intelligence/',
      '/category/c-plus-plus/',
      '/tag/machine-learning/',
      '/category/artificial-intelligence/2/',
    ]) {
      const doc = page(dist, urlPath);
      const [collection, ...others] = ofType(doc, 'CollectionPage');
      expect(others, urlPath).toEqual([]);
      expect(collection!['url']).toBe(`${SITE}${urlPath}`);
      const list = collection!['mainEntity'] as Json;
      expect(list['@type']).toBe('ItemList');
      const listed = [...doc.querySelectorAll('.card__title a')].map((a) => `${SITE}${a.getAttribute('href')}`);
      const items = list['itemListElement'] as Json[];
      expect(
        items.map((item) => item['url']),
        urlPath,
      ).toEqual(listed);
      expect(items.every((item) => item['@type'] === 'ListItem')).toBe(true);
      // Positions run on across pages.
      const first = urlPath.endsWith('/2/') ? 11 : 1;
      expect(items.map((item) => item['position'])).toEqual(listed.map((_, index) => first + index));
      expect(list['numberOfItems']).toBe(listed.length);
    }
  });
});

describe('"Related:" link cards', () => {
  const body = () => page(dist, '/blog/delta/').querySelector('.prose')!;

  it('turn each paragraph that is only a link to one of our posts into one card, in any link form', () => {
    const cards = [...body().querySelectorAll('.link-card')];
    expect(cards.map((card) => card.querySelector('a')!.getAttribute('href'))).toEqual(['/blog/alpha-post/', '/blog/beta-post/']);
    for (const card of cards) {
      // One link: the whole card.
      expect(card.querySelectorAll('a')).toHaveLength(1);
    }
    const [alpha, beta] = cards as [Element, Element];
    expect(text(alpha.querySelector('.link-card__title'))).toBe('Alpha Post: Edge Inference & You');
    expect(text(alpha.querySelector('.link-card__description'))).toBe('The fixture post that exercises every field and body feature.');
    expect(text(alpha.querySelector('.link-card__kicker'))).toBe('Related · Artificial Intelligence');
    expect(text(beta.querySelector('.link-card__title'))).toMatch(/^Beta Post /);
  });

  it('show the target’s hero thumbnail, with every webp variant built', () => {
    const cards = [...body().querySelectorAll('.link-card')];
    expect(cards).toHaveLength(2);
    for (const card of cards) {
      const img = card.querySelector('img')!;
      expect(img.getAttribute('alt')).toBe('');
      expect(img.getAttribute('loading')).toBe('lazy');
      const files = srcsetFiles(img);
      expect(files.length).toBeGreaterThan(1);
      for (const file of files) {
        expect(file).toMatch(/^\/_img\/.+\.webp$/);
        expect(distHas(dist, file), file).toBe(true);
      }
    }
  });

  it('leave every other link a link: in a sentence, in a list, to another site', () => {
    const prose = body();
    expect(prose.querySelector('a[href="/blog/gamma/"]')!.closest('.link-card')).toBeNull();
    expect(prose.querySelectorAll('a[href="/blog/gamma/"]')).toHaveLength(2);
    expect(prose.querySelector('a[href="https://example.org/page"]')!.closest('.link-card')).toBeNull();
    // Alpha's "See [Related: Beta Post](…) and …" is in a sentence: no card there.
    expect(page(dist, '/blog/alpha-post/').querySelectorAll('.prose .link-card')).toHaveLength(0);
  });

  it('work in MDX posts too', () => {
    const cards = [...page(dist, '/blog/gamma/').querySelectorAll('.prose .link-card a')];
    expect(cards.map((a) => a.getAttribute('href'))).toEqual(['/blog/delta/']);
  });

  it('stay plain links in the feed', () => {
    const feed = parseFeed(readFileSync(path.join(dist, 'rss.xml'), 'utf8'));
    const delta = feed.items.find((item) => item.url === `${SITE}/blog/delta/`)!;
    const { document } = parseHTML(`<!doctype html><html><body>${delta.content}</body></html>`);
    expect(document.querySelector('.link-card, [data-link-card]')).toBeNull();
    const alpha = document.querySelector(`a[href="${SITE}/blog/alpha-post/"]`)!;
    expect(alpha.textContent).toBe('Related: Alpha Post');
    expect(alpha.parentElement!.tagName).toBe('P');
    expect(document.querySelectorAll('img')).toHaveLength(0);
  });
});

describe('npm run check and profiles', () => {
  it('names each author without a profile once, as a warning, and passes', async () => {
    const result = await runScriptAsync(inject('fixtureRoot'), 'check:posts');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^⚠ 2 warnings \(the site still builds\):$/m);
    const warnings = result.stderr.split('\n').filter((line) => /^ {4}\S+:\d+ {2}author {2}/.test(line));
    expect(warnings).toEqual([
      expect.stringMatching(
        /^ {4}src\/content\/blog\/delta\.md:7 {2}author {2}"HiFi Studio And Mobile" has no profile \(named by 3 posts\)/,
      ),
      expect.stringMatching(
        /^ {4}src\/content\/blog\/delta\.md:7 {2}author {2}"Ana Lima" has no profile, so the byline shows the name alone; add src\/content\/authors\/ana-lima\.md/,
      ),
    ]);
  });
});
