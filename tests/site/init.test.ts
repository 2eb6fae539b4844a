import { readdirSync, readFileSync } from 'node:fs';
import { appendFile, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseFeed } from '@rowanmanning/feed-parser';
import yaml from 'js-yaml';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarDay } from '#src/lib/content/dates.ts';
import { splitFrontmatter } from '#src/lib/content/frontmatter.ts';
import { slugFromFile, slugify } from '#src/lib/content/slug.ts';
import { readManifest } from '../../scripts/init/sample-manifest.ts';
import { distHas, page } from '../helpers/dist.ts';
import { makeProjectCopy, PROJECT_ROOT, runScriptAsync, SAMPLE_SETTINGS } from '../helpers/project-copy.ts';
import { SAMPLE_POSTS, SAMPLE_SITE_ONLY, SAMPLES_HERE } from '../helpers/samples.ts';

/**
 * README's "Make it yours", followed on a fresh copy of the sample site: the first command
 * (`npm run build`; the copy shares node_modules, so there is nothing to install), then
 * `npm run init` with flags, then `npm run build`. Nothing of the samples may be left anywhere in
 * dist/ (pages, feeds, sitemap, search index, image and card files), the new name must be in
 * titles, feeds and JSON-LD, and the welcome post published. Then init refuses to remove a post
 * that is not a sample unless told to.
 */

const NAME = 'Zoë\'s "Field" Notes';
const AUTHOR = "Zoë O'Brien";
const ORIGIN = 'https://notes.example.org';
const INIT_FLAGS = [
  '--name',
  NAME,
  '--url',
  `${ORIGIN}/`,
  '--description',
  'Notes on what I build, and what I read — in Berlin.',
  '--language',
  'en-gb',
  '--time-zone',
  'Europe/Berlin',
  '--author',
  AUTHOR,
  '--yes',
];

const manifest = readManifest();
const sampleContent = Object.keys(manifest.files).filter((file) => file.startsWith('src/content/'));

/** Every name of the samples a reader or a crawler could meet: titles, slugs, authors, categories, image files. */
function sampleNeedles(): string[] {
  const needles = new Set<string>();
  for (const file of sampleContent.filter((name) => /\.mdx?$/.test(name))) {
    const split = splitFrontmatter(readFileSync(path.join(PROJECT_ROOT, file), 'utf8'));
    if (typeof split !== 'object') throw new Error(`${file} has no frontmatter`);
    const data = yaml.load(split.frontmatter, { schema: yaml.CORE_SCHEMA }) as Record<string, unknown>;
    const names = [data['title'], data['name'], data['category'], ...[data['author']].flat()].filter(
      (v): v is string => typeof v === 'string',
    );
    for (const name of names) needles.add(name).add(slugify(name));
    if (file.startsWith('src/content/blog/'))
      needles.add(typeof data['slug'] === 'string' ? data['slug'] : slugFromFile(file.slice('src/content/blog/'.length)));
  }
  for (const file of Object.keys(manifest.files).filter((name) => name.startsWith('public/')))
    needles.add(path.basename(file, path.extname(file)));
  return [...needles];
}

/** Every file of a folder, project-relative. */
const filesOf = async (folder: string) =>
  (await readdir(folder, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)));

/** A built file's text as a reader or crawler gets it: Pagefind's index files are gzipped. */
function textOf(file: string): string {
  const bytes = readFileSync(file);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return gunzipSync(bytes).toString('latin1') + gunzipSync(bytes).toString('utf8');
  return bytes.toString('utf8');
}

const jsonLd = (doc: Document) =>
  [...doc.querySelectorAll('script[type="application/ld+json"]')].flatMap((script) => [JSON.parse(script.textContent!)].flat()) as Array<
    Record<string, unknown>
  >;

describe.skipIf(!SAMPLES_HERE)(`Make it yours: build, npm run init, build ${SAMPLE_SITE_ONLY}`, () => {
  let root = '';
  let dist = '';
  let sampleBuildFiles: string[] = [];
  let init: Awaited<ReturnType<typeof runScriptAsync>>;
  let build: Awaited<ReturnType<typeof runScriptAsync>>;
  const initDays = { before: '', after: '' };

  beforeAll(async () => {
    root = await makeProjectCopy({
      contentDir: SAMPLE_POSTS,
      publicDir: path.join(PROJECT_ROOT, 'public'),
      name: 'init',
    });
    dist = path.join(root, 'dist');
    const first = await runScriptAsync(root, 'build');
    if (first.status !== 0) throw new Error(`the sample site did not build:\n${first.stdout}\n${first.stderr}`);
    sampleBuildFiles = (await filesOf(dist)).filter((file) => /^(?:_img|_social)\//.test(file));
    // A logo of the owner's, outside the project: init copies it into public/.
    await sharp({ create: { width: 256, height: 256, channels: 4, background: '#1d4ed8' } })
      .png()
      .toFile(path.join(root, '..', `${path.basename(root)}-logo.png`));
    initDays.before = calendarDay(new Date(), 'Europe/Berlin');
    init = await runScriptAsync(root, 'init', {}, [...INIT_FLAGS, '--logo', path.join(root, '..', `${path.basename(root)}-logo.png`)]);
    initDays.after = calendarDay(new Date(), 'Europe/Berlin');
    build = await runScriptAsync(root, 'build');
  });

  afterAll(async () => {
    if (process.env['KEEP_FIXTURES']) return;
    await rm(root, { recursive: true, force: true });
    await rm(path.join(root, '..', `${path.basename(root)}-logo.png`), { force: true });
  });

  it('init writes the settings, removes the samples, clears the caches, writes a welcome post and prints the next steps', async () => {
    expect(init.status, init.stderr).toBe(0);
    expect(init.stdout).toContain('✓ Wrote the settings into src/site.config.ts');
    expect(init.stdout).toContain(`✓ Removed ${Object.keys(manifest.files).length} files`);
    expect(init.stdout).toMatch(/✓ Cleared what the sample builds left: .*\.cache\//);
    expect(init.stdout).toContain('✓ Wrote a welcome post: src/content/blog/welcome.md');
    expect(init.stdout).toContain(`✓ Wrote the profile of ${AUTHOR}: src/content/authors/zoe-o-brien.md`);
    expect(init.stdout).toMatch(/Next steps:\n {2}1\. .*npm run dev.*\n(?: {2}\d\. .*\n?)+/);
    for (const step of ['npm run new', 'src/styles/', 'src/site.config.ts', 'Deploy']) expect(init.stdout).toContain(step);

    const settings = await readFile(path.join(root, 'src/site.config.ts'), 'utf8');
    expect(settings).toContain(`  url: '${ORIGIN}',`);
    expect(settings).toContain(`  title: 'Zoë\\'s "Field" Notes',`);
    expect(settings).toContain(`  defaultAuthor: "Zoë O'Brien",`);
    expect(settings).toContain("  language: 'en-GB',");
    expect(settings).toContain("  timeZone: 'Europe/Berlin',");
    expect(settings).toMatch(/^ {2}logo: 'blog-init-[^']+-logo\.png',$/m);
    expect(settings).toContain('  twitter: { authors: {} },');
    // The rest of the file is the settings file's, as it was.
    expect(settings).toContain(readFileSync(SAMPLE_SETTINGS, 'utf8').split('const defaults')[0]);

    expect((await filesOf(path.join(root, 'src/content'))).sort()).toEqual(['authors/zoe-o-brien.md', 'blog/welcome.md']);
    const publicFiles = await filesOf(path.join(root, 'public'));
    expect(publicFiles).toHaveLength(3);
    expect(publicFiles).toEqual(expect.arrayContaining(['_headers', 'favicon.svg', expect.stringMatching(/^blog-init-.*-logo\.png$/)]));
  });

  it('the site builds, and the welcome post passes the post check', async () => {
    expect(build.status, `${build.stdout}\n${build.stderr}`).toBe(0);
    const check = await runScriptAsync(root, 'check:posts');
    expect(check.status, check.stderr).toBe(0);
    expect(check.stderr).toBe(''); // no warning either: the author has a profile
  });

  it('leaves no sample title, slug, author, category or image anywhere in dist/: pages, feeds, sitemap, search index, file names', async () => {
    const needles = sampleNeedles();
    expect(needles).toEqual(
      expect.arrayContaining([
        'Edge Inference on a Budget: What Actually Fits on a Phone',
        'jonas-mueller',
        'HiFi Studio And Mobile',
        'quantizing-llms-mosaic',
      ]),
    );
    const files = await filesOf(dist);
    expect(files.some((file) => file.startsWith('pagefind/'))).toBe(true);
    const found: string[] = [];
    for (const file of files) {
      const text = /\.(?:webp|png|jpe?g|wasm|woff2?)$/.test(file) ? '' : textOf(path.join(dist, file));
      for (const needle of needles) {
        if (file.includes(needle)) found.push(`${file}: its name holds "${needle}"`);
        if (text.includes(needle)) found.push(`${file}: holds "${needle}"`);
      }
    }
    expect(found).toEqual([]);
    // The sample build's hero variants and social cards (named by hash) are gone too.
    expect(sampleBuildFiles.length).toBeGreaterThan(20);
    expect(sampleBuildFiles.filter((file) => files.includes(file))).toEqual([]);
  });

  it('names the site in titles, feeds and JSON-LD, in its language, at its address', () => {
    const home = page(dist, '/');
    expect(home.title).toContain(NAME);
    expect(home.documentElement.getAttribute('lang')).toBe('en-GB');
    const website = jsonLd(home).find((item) => item['@type'] === 'WebSite')!;
    expect(website).toMatchObject({ name: NAME, url: `${ORIGIN}/` });
    const organization = jsonLd(home).find((item) => item['@type'] === 'Organization')!;
    expect(organization).toMatchObject({ name: NAME, logo: { url: expect.stringMatching(new RegExp(`^${ORIGIN}/_img/logo-`)) } });

    const rss = parseFeed(readFileSync(path.join(dist, 'rss.xml'), 'utf8'));
    expect(rss.title).toBe(NAME);
    expect(rss.items.map((item) => item.title)).toEqual([`Welcome to ${NAME}`]);
    expect(rss.items[0]!.url).toBe(`${ORIGIN}/blog/welcome/`);
    // Atom and JSON Feed are planned (PRODUCT.md); once built, they name the site too.
    if (distHas(dist, '/atom.xml')) expect(parseFeed(readFileSync(path.join(dist, 'atom.xml'), 'utf8')).title).toBe(NAME);
    if (distHas(dist, '/feed.json')) expect(JSON.parse(readFileSync(path.join(dist, 'feed.json'), 'utf8'))).toMatchObject({ title: NAME });
    expect(readFileSync(path.join(dist, 'robots.txt'), 'utf8')).toContain(`${ORIGIN}/sitemap-index.xml`);
    const sitemaps = readdirSyncText(dist, /^sitemap-\d+\.xml$/);
    expect(sitemaps).toContain(`<loc>${ORIGIN}/blog/welcome/</loc>`);
  });

  it('publishes the welcome post, dated today in the chosen time zone, by the default author', () => {
    const post = page(dist, '/blog/welcome/');
    expect(post.querySelector('h1')!.textContent).toContain('Welcome to Zoë');
    expect(post.title).toContain(NAME);
    const article = jsonLd(post).find((item) => item['@type'] === 'BlogPosting')!;
    expect(article).toMatchObject({ author: [{ '@type': 'Person', name: AUTHOR }], publisher: { name: NAME } });
    expect([initDays.before, initDays.after]).toContain(calendarDay(new Date(String(article['datePublished'])), 'Europe/Berlin'));
    expect(distHas(dist, '/author/zoe-o-brien/')).toBe(true);
    // In the search index, read as the no-sample check reads it (Pagefind gzips its files).
    const index = readdirSync(path.join(dist, 'pagefind'), { recursive: true, encoding: 'utf8' }).filter((file) =>
      file.endsWith('.pf_fragment'),
    );
    expect(index.some((file) => textOf(path.join(dist, 'pagefind', file)).includes('Welcome to Zoë'))).toBe(true);
    expect(distHas(dist, '/category/general/')).toBe(true);
  });

  it('is safe to run again: the samples are gone, the settings change, the posts stay', async () => {
    const welcome = await readFile(path.join(root, 'src/content/blog/welcome.md'), 'utf8');
    await writeFile(
      path.join(root, 'src/content/blog/second.md'),
      welcome.replace('Welcome to', 'Second post on').replace(/^description: .*$/m, 'description: "The second."'),
    );
    const again = await runScriptAsync(root, 'init', {}, ['--yes', '--time-zone', 'Asia/Tokyo']);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).not.toContain('Removed');
    expect(again.stdout).not.toContain('welcome post');
    const settings = await readFile(path.join(root, 'src/site.config.ts'), 'utf8');
    expect(settings).toContain("  timeZone: 'Asia/Tokyo',");
    expect(settings).toContain(`  title: 'Zoë\\'s "Field" Notes',`);
    expect(await readFile(path.join(root, 'src/content/blog/welcome.md'), 'utf8')).toBe(welcome);
    expect((await filesOf(path.join(root, 'src/content/blog'))).sort()).toEqual(['second.md', 'welcome.md']);
  });
});

/** The text of the files of `folder` whose names match, joined. */
function readdirSyncText(folder: string, name: RegExp): string {
  return readdirSync(folder)
    .filter((file) => name.test(file))
    .map((file) => readFileSync(path.join(folder, file), 'utf8'))
    .join('\n');
}

describe.skipIf(!SAMPLES_HERE)(`npm run init with posts that are not the samples ${SAMPLE_SITE_ONLY}`, () => {
  let root = '';
  const own = 'src/content/blog/my-own-post.md';

  beforeAll(async () => {
    root = await makeProjectCopy({
      contentDir: SAMPLE_POSTS,
      publicDir: path.join(PROJECT_ROOT, 'public'),
      name: 'init-refuse',
    });
    await writeFile(
      path.join(root, own),
      '---\ntitle: "My Own Post"\ndescription: "Written before init was run."\npubDate: "2026-03-04"\ncategory: "Notes"\n---\n\nMine.\n',
    );
  });
  afterAll(async () => {
    if (!process.env['KEEP_FIXTURES']) await rm(root, { recursive: true, force: true });
  });

  it('refuses in one line naming how many and the flag, and changes nothing', async () => {
    const settings = await readFile(path.join(root, 'src/site.config.ts'), 'utf8');
    await appendFile(path.join(root, 'src/content/authors/jonas-mueller.md'), '\nHe edited his bio.\n');
    const refused = await runScriptAsync(root, 'init', {}, INIT_FLAGS);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe(
      '✗ Found 1 post and 1 other file that are not the unchanged samples (src/content/authors/jonas-mueller.md, src/content/blog/my-own-post.md); nothing was changed. To remove them with the samples, run npm run init -- --remove-all; to keep them, move them out of the project first.\n',
    );
    expect(await readFile(path.join(root, 'src/site.config.ts'), 'utf8')).toBe(settings);
    const content = await filesOf(path.join(root, 'src/content'));
    for (const file of sampleContent) expect(content).toContain(file.slice('src/content/'.length));
  });

  it('removes them with the samples when given --remove-all', async () => {
    const removed = await runScriptAsync(root, 'init', {}, [...INIT_FLAGS, '--remove-all']);
    expect(removed.status, removed.stderr).toBe(0);
    expect(removed.stdout).toContain(`✓ Removed ${Object.keys(manifest.files).length + 1} files`);
    expect((await filesOf(path.join(root, 'src/content'))).sort()).toEqual(['authors/zoe-o-brien.md', 'blog/welcome.md']);
    const check = await runScriptAsync(root, 'check:posts');
    expect(check.status, check.stderr).toBe(0);
  });
});
