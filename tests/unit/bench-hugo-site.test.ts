import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCorpus, type CorpusPost } from '../../scripts/dev/bench/corpus.ts';
import { addParagraph } from '../../scripts/dev/bench/dev-server.ts';
import { compareWithHugo, hugoMissing, isHugoPage, type HugoRow } from '../../scripts/dev/bench/hugo.ts';
import { hugoPost, hugoTemplates, postBody, writeHugoSite } from '../../scripts/dev/bench/hugo-site.ts';
import { PROJECT_ROOT } from '../helpers/project-copy.ts';

/** The Hugo side of `npm run bench -- --vs-hugo`: the site it writes from the generated corpus. */
describe('the benchmark’s Hugo site', () => {
  let dir = '';
  let posts: CorpusPost[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'bench-hugo-unit-'));
    const corpus = await writeCorpus(path.join(dir, 'blog'), {
      posts: 4,
      images: false,
      imageCache: path.join(PROJECT_ROOT, '.cache/bench/images'),
    });
    posts = corpus.posts;
    await writeHugoSite(path.join(dir, 'blog'), path.join(dir, 'hugo'), posts);
  }, 120_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes one content file per post with the same body and the post’s terms as Hugo taxonomies', async () => {
    const files = (await readdir(path.join(dir, 'hugo/content/blog'))).sort();
    expect(files).toEqual([...posts.map((post) => `${post.slug}.md`), '_index.md'].sort());
    for (const post of posts) {
      const hugo = await readFile(path.join(dir, 'hugo/content/blog', `${post.slug}.md`), 'utf8');
      const blog = await readFile(path.join(dir, 'blog', post.file), 'utf8');
      const end = hugo.indexOf('\n}\n') + 3;
      const front = JSON.parse(hugo.slice(0, end));
      expect(front).toMatchObject({
        title: post.title,
        slug: post.slug,
        tags: post.keywords,
        categories: [post.category],
        authors: [post.author],
        hero: post.hero,
      });
      expect(new Date(front.date).toISOString()).toBe(front.date);
      expect(hugo.slice(end).trimStart()).toBe(postBody(blog).trimStart());
      expect(postBody(blog)).not.toMatch(/^title:/m);
    }
  });

  it('puts every image the posts use under assets/, where Hugo’s image processing reads them', async () => {
    const assets = new Set(await readdir(path.join(dir, 'hugo/assets/bench')));
    for (const post of posts) {
      const body = await readFile(path.join(dir, 'blog', post.file), 'utf8');
      const used = [post.hero, ...[...body.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]!)];
      for (const image of used) expect(assets, image).toContain(path.basename(image));
    }
  });

  it('declares the blog’s page types: three taxonomies, pages of 10, feeds of 50, four webp widths', () => {
    const files = hugoTemplates();
    const config = files['hugo.toml']!;
    for (const taxonomy of ['tag = "tags"', 'category = "categories"', 'author = "authors"']) expect(config).toContain(taxonomy);
    expect(config).toMatch(/^paginate = 10$/m);
    expect(config).toMatch(/^rssLimit = 50$/m);
    expect(files['layouts/partials/srcset.html']).toContain('slice 480 800 1200 1600');
    expect(files['layouts/partials/srcset.html']).toContain('webp q72');
    expect(files['layouts/_default/_markup/render-image.html']).toContain('partial "srcset.html"');
    expect(files['layouts/_default/single.html']).toContain('partial "srcset.html"');
    expect(JSON.parse(files['content/categories/_index.md']!).cascade.outputs).toEqual(['HTML', 'RSS']);
  });

  it('rejects a post without frontmatter', () => {
    expect(() => postBody('# no frontmatter\n')).toThrow(/no frontmatter/);
    expect(hugoPost(posts[0]!, 'Body.\n')).toMatch(/\n\nBody\.\n$/);
  });
});

describe('comparing with Hugo', () => {
  it('counts Hugo’s pages without the page-1 redirect stubs', () => {
    expect(isHugoPage('blog/page/1/index.html')).toBe(false);
    expect(isHugoPage('tags/rust/page/1/index.html')).toBe(false);
    expect(isHugoPage('tags/rust/page/2/index.html')).toBe(true);
    expect(isHugoPage('blog/page-1-notes/index.html')).toBe(true);
    expect(isHugoPage('index.xml')).toBe(false);
  });

  it('gives time per page for both and the blog’s over Hugo’s', () => {
    const hugo: HugoRow[] = [
      { run: 'cold', seconds: 10, pages: 1000, variantsMade: 96, cpuSeconds: 12, peakRssMB: 300, loadBefore: 1 },
      { run: 'warm', seconds: 1, pages: 1000, variantsMade: 0, cpuSeconds: 1, peakRssMB: 200, loadBefore: 1 },
    ];
    const blog = [
      { run: 'cold', seconds: 40, pages: 500 },
      { run: 'warm', seconds: 5, pages: 500 },
      { run: 'full', seconds: 20, pages: 500 },
    ];
    expect(compareWithHugo(blog, hugo)).toEqual([
      { run: 'cold', blogMsPerPage: 80, hugoMsPerPage: 10, ratio: 8 },
      { run: 'warm', blogMsPerPage: 10, hugoMsPerPage: 1, ratio: 10 },
    ]);
    expect(compareWithHugo(blog.slice(0, 1), hugo).map((c) => c.run)).toEqual(['cold']);
  });

  it('says how to install Hugo when it cannot run', () => {
    expect(hugoMissing('/nonexistent/hugo')).toMatch(/apt-get install -y hugo/);
  });
});

describe('the dev run’s edit', () => {
  it('adds the marker paragraph before the first section and keeps the rest', () => {
    const source = '---\ntitle: x\n---\n\nIntro.\n\n## One\n\nText.\n';
    expect(addParagraph(source, 'MARK')).toBe('---\ntitle: x\n---\n\nIntro.\n\n\nMARK\n\n## One\n\nText.\n');
    expect(() => addParagraph('no sections', 'MARK')).toThrow(/no ## section/);
  });
});
