import { existsSync, readFileSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { HtmlValidate, StaticConfigLoader, type ConfigData } from 'html-validate';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SITE } from '#src/site.config.ts';
import { distFiles } from '../helpers/crawl.ts';
import { makeProjectCopy, PROJECT_ROOT, runScriptAsync } from '../helpers/project-copy.ts';
import { SAMPLE_POSTS, SAMPLES_HERE } from '../helpers/samples.ts';
import { checkStructuredData } from '../helpers/structured-data-check.ts';

/**
 * Site-wide checks over every page of two builds: the fixture site (built
 * once by the global setup, at the root of its domain) and the real sample
 * site in src/content/blog, built here under a base path and another site
 * URL, so links are checked the way a sub-folder host serves them.
 */

interface BuiltSite {
  name: string;
  dist: string;
  /** Public origin, e.g. "https://blog.example.com". */
  origin: string;
  /** Base path, with both slashes: "/" or "/notes/". */
  base: string;
  /** Its settings name X (Twitter) accounts, so pages carry twitter:site and twitter:creator. */
  twitter: boolean;
}

interface Page {
  /** dist-relative path, "blog/x/index.html". */
  file: string;
  /** The URL the page is served at. */
  url: URL;
  html: string;
  doc: Document;
}

const SAMPLE_BASE = '/notes/';
const SAMPLE_ORIGIN = 'https://preview.example.org';

const sites: BuiltSite[] = [];
let sampleRoot = '';

beforeAll(async () => {
  sites.push({ name: 'fixture site', dist: path.join(inject('fixtureRoot'), 'dist'), origin: SITE.url, base: '/', twitter: true });
  if (!SAMPLES_HERE) return; // the fixture site alone once npm run init has removed the samples
  sampleRoot = await makeProjectCopy({
    contentDir: SAMPLE_POSTS,
    publicDir: path.join(PROJECT_ROOT, 'public'),
    name: 'sample',
  });
  const result = await runScriptAsync(sampleRoot, 'build', { BASE_PATH: SAMPLE_BASE, SITE_URL: SAMPLE_ORIGIN });
  expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
  sites.push({
    name: 'sample site',
    dist: path.join(sampleRoot, 'dist'),
    origin: SAMPLE_ORIGIN,
    base: SAMPLE_BASE,
    twitter: Boolean(SITE.twitter.site),
  });
});

afterAll(async () => {
  if (sampleRoot && !process.env['KEEP_FIXTURES']) await rm(sampleRoot, { recursive: true, force: true });
});

const pageCache = new Map<string, Page[]>();

/** Every HTML page of a site, parsed once. */
function pages(site: BuiltSite): Page[] {
  let list = pageCache.get(site.dist);
  if (!list) {
    list = distFiles(site.dist)
      .filter((file) => file.endsWith('.html'))
      .sort()
      .map((file) => {
        const posix = file.split(path.sep).join('/');
        const html = readFileSync(path.join(site.dist, file), 'utf8');
        const url = new URL(`${site.base}${posix.replace(/(^|\/)index\.html$/, '$1')}`, site.origin);
        return { file: posix, url, html, doc: parseHTML(html).document };
      });
    pageCache.set(site.dist, list);
  }
  return list;
}

/** The dist file a URL on the site is served from, or null (dir/ -> dir/index.html, as static hosts do). */
function fileFor(site: BuiltSite, url: URL): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null; // malformed percent-encoding
  }
  if (!pathname.startsWith(site.base)) return null;
  const relative = pathname.slice(site.base.length);
  const candidates = relative === '' || relative.endsWith('/') ? [`${relative}index.html`] : [relative, `${relative}/index.html`];
  return (
    candidates.find((candidate) => existsSync(path.join(site.dist, candidate)) && statSync(path.join(site.dist, candidate)).isFile()) ??
    null
  );
}

const idCache = new Map<string, Set<string>>();

/** Fragment targets of a built page: every id, and the names of <a name>. */
function idsOf(site: BuiltSite, file: string): Set<string> {
  const key = path.join(site.dist, file);
  let ids = idCache.get(key);
  if (!ids) {
    const doc = pages(site).find((page) => page.file === file)?.doc ?? parseHTML(readFileSync(key, 'utf8')).document;
    ids = new Set([...doc.querySelectorAll('[id]')].map((el) => el.getAttribute('id')!));
    for (const anchor of doc.querySelectorAll('a[name]')) ids.add(anchor.getAttribute('name')!);
    idCache.set(key, ids);
  }
  return ids;
}

/** Attributes that hold one URL, by element. */
const URL_ATTRIBUTES: Array<[selector: string, attribute: string]> = [
  ['a[href]', 'href'],
  ['area[href]', 'href'],
  ['link[href]', 'href'],
  ['img[src]', 'src'],
  ['script[src]', 'src'],
  ['source[src]', 'src'],
  ['iframe[src]', 'src'],
  ['video[src]', 'src'],
  ['video[poster]', 'poster'],
  ['audio[src]', 'src'],
  ['track[src]', 'src'],
  ['form[action]', 'action'],
];
const SRCSET_ATTRIBUTES: Array<[selector: string, attribute: string]> = [
  ['img[srcset]', 'srcset'],
  ['source[srcset]', 'srcset'],
  ['link[imagesrcset]', 'imagesrcset'],
];

/** "a.webp 480w, b.webp 800w" -> ["a.webp", "b.webp"] (URLs may contain commas only when followed by no space). */
const srcsetUrls = (value: string) =>
  value
    .split(/,\s+/)
    .map((candidate) => candidate.trim().split(/\s+/)[0]!)
    .filter(Boolean);

function jsonStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) jsonStrings(item, out);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) jsonStrings(item, out);
  return out;
}

/** Every URL a page points at, with the element and attribute holding it. */
function references(page: Page, origin: string): Array<{ where: string; url: string }> {
  const found: Array<{ where: string; url: string }> = [];
  for (const [selector, attribute] of URL_ATTRIBUTES) {
    for (const el of page.doc.querySelectorAll(selector)) {
      const rel = el.getAttribute('rel');
      found.push({ where: `${selector}${rel ? `[rel=${rel}]` : ''}`, url: el.getAttribute(attribute)!.trim() });
    }
  }
  for (const [selector, attribute] of SRCSET_ATTRIBUTES) {
    for (const el of page.doc.querySelectorAll(selector)) {
      for (const url of srcsetUrls(el.getAttribute(attribute)!)) found.push({ where: selector, url });
    }
  }
  // Social meta (og:image, og:url, twitter:image, …) and structured data carry absolute URLs of the site.
  for (const meta of page.doc.querySelectorAll('meta[content]')) {
    const content = meta.getAttribute('content')!.trim();
    if (content.startsWith(`${origin}/`) || content === origin)
      found.push({ where: `meta[${meta.getAttribute('property') ?? meta.getAttribute('name')}]`, url: content });
  }
  for (const script of page.doc.querySelectorAll('script[type="application/ld+json"]')) {
    for (const text of jsonStrings(JSON.parse(script.textContent ?? 'null'))) {
      if (text.startsWith(`${origin}/`)) found.push({ where: 'json-ld', url: text });
    }
  }
  return found;
}

/** Problems with the links of one page: a missing file, a missing #fragment, a URL outside the base. */
function brokenReferences(site: BuiltSite, page: Page): string[] {
  const broken: string[] = [];
  for (const { where, url } of references(page, site.origin)) {
    if (url === '' || /^(mailto|tel|data|sms):/i.test(url)) continue;
    let resolved: URL;
    try {
      resolved = new URL(url, page.url);
    } catch {
      broken.push(`${page.file}  ${where}  "${url}" is not a valid URL`);
      continue;
    }
    if (resolved.origin !== site.origin) continue; // other sites are not ours to check offline
    const file = fileFor(site, resolved);
    // 404.html answers every missing URL, so hosts answer its own canonical and og:url (…/404/) with it too.
    if (!file && page.file === '404.html' && resolved.pathname === `${site.base}404/`) continue;
    if (!file) {
      broken.push(
        `${page.file}  ${where}  "${url}" has no file in dist/${resolved.pathname.startsWith(site.base) ? '' : ` (outside the base ${site.base})`}`,
      );
      continue;
    }
    const fragment = resolved.hash.slice(1);
    if (!fragment || !file.endsWith('.html') || fragment === 'top') continue; // "#" and "#top" mean the top of the page
    let id: string;
    try {
      id = decodeURIComponent(fragment);
    } catch {
      broken.push(`${page.file}  ${where}  "${url}" has a malformed fragment`);
      continue;
    }
    if (!idsOf(site, file).has(id)) broken.push(`${page.file}  ${where}  "${url}": no id "${id}" in ${file}`);
  }
  return broken;
}

/** An article page: blog/<slug>/index.html, not an archive page (blog/2/). */
const ARTICLE_FILE = /^blog\/(?!\d+\/)[^/]+\/index\.html$/;

const validator = new HtmlValidate(
  new StaticConfigLoader(JSON.parse(readFileSync(path.join(PROJECT_ROOT, '.htmlvalidate.json'), 'utf8')) as ConfigData),
);

describe.each(['fixture site', ...(SAMPLES_HERE ? ['sample site'] : [])])('the built %s', (name) => {
  const site = () => sites.find((s) => s.name === name)!;

  it('has pages to check: home, articles, listings and the 404 page', () => {
    const files = pages(site()).map((page) => page.file);
    expect(files).toContain('index.html');
    expect(files).toContain('404.html');
    expect(files).toContain('blog/index.html');
    expect(files.filter((file) => file.startsWith('blog/') && !/^blog\/(\d+\/)?index\.html$/.test(file)).length).toBeGreaterThanOrEqual(6);
    expect(files.some((file) => file.startsWith('category/'))).toBe(true);
    expect(files.some((file) => file.startsWith('tag/'))).toBe(true);
  });

  it('is valid HTML on every page (html-validate with .htmlvalidate.json)', async () => {
    const errors: string[] = [];
    for (const page of pages(site())) {
      const report = await validator.validateString(page.html, page.file);
      for (const result of report.results) {
        for (const message of result.messages)
          errors.push(`${page.file}:${message.line}:${message.column}  ${message.ruleId}  ${message.message}  (${message.selector ?? ''})`);
      }
    }
    expect(errors).toEqual([]);
  });

  it('resolves every internal link, image, srcset candidate and #fragment to a file or an id in dist/', () => {
    const all = pages(site()).flatMap((page) => references(page, site().origin));
    // The crawl sees every kind of reference, so an empty result below means something.
    // (No stylesheet links: the styles are inline, astro.config.ts `inlineStylesheets`.)
    for (const kind of ['a[href]', 'img[src]', 'img[srcset]', 'link[href][rel=icon]', 'link[href][rel=canonical]']) {
      expect(
        all.map((ref) => ref.where),
        kind,
      ).toContain(kind);
    }
    expect(all.some((ref) => ref.url.includes('#'))).toBe(true);
    expect(pages(site()).flatMap((page) => brokenReferences(site(), page))).toEqual([]);
  });

  it('keeps the 404 page out of search results', () => {
    const doc = pages(site()).find((page) => page.file === '404.html')!.doc;
    expect(doc.querySelector('meta[name="robots"]')?.getAttribute('content')).toMatch(/noindex/);
  });

  it('gives every page a title, a meta description, a canonical URL and exactly one <h1>', () => {
    const missing: string[] = [];
    for (const { file, doc } of pages(site())) {
      if (!doc.querySelector('head > title')?.textContent?.trim()) missing.push(`${file}: no <title>`);
      if (!doc.querySelector('meta[name="description"]')?.getAttribute('content')?.trim()) missing.push(`${file}: no meta description`);
      const canonical = doc.querySelectorAll('link[rel="canonical"]');
      if (canonical.length !== 1) missing.push(`${file}: ${canonical.length} canonical links`);
      else if (!canonical[0]!.getAttribute('href')!.startsWith(`${site().origin}${site().base}`))
        missing.push(`${file}: canonical ${canonical[0]!.getAttribute('href')} is not an absolute URL on the site`);
      const h1 = doc.querySelectorAll('h1').length;
      if (h1 !== 1) missing.push(`${file}: ${h1} <h1> elements`);
    }
    expect(missing).toEqual([]);
  });

  it('gives every <img> an alt attribute and its width and height', () => {
    const bad: string[] = [];
    for (const { file, doc } of pages(site())) {
      for (const img of doc.querySelectorAll('img')) {
        const what = `${file}: <img src="${img.getAttribute('src')}">`;
        if (!img.hasAttribute('alt')) bad.push(`${what} has no alt`);
        for (const size of ['width', 'height']) {
          if (!/^[1-9]\d*$/.test(img.getAttribute(size) ?? '')) bad.push(`${what} has no ${size}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it("passes structured-data-testing-tool's Google, Twitter and Facebook presets on every article and listing page", async () => {
    const failures: string[] = [];
    const warnings: string[] = [];
    const articlesWithout: string[] = [];
    // Redirect stubs (a meta refresh) are not pages a crawler keeps; everything else is content or a listing.
    const checked = pages(site()).filter(({ doc }) => !doc.querySelector('meta[http-equiv="refresh"]'));
    for (const { file, html } of checked) {
      const report = await checkStructuredData(file, html, ['Google', 'Twitter', 'Facebook']);
      failures.push(...report.failures);
      warnings.push(...report.warnings);
      // The Google preset checks a BlogPosting only where it finds one: an article without it would pass unchecked.
      if (ARTICLE_FILE.test(file) && !report.schemas.includes('BlogPosting')) articlesWithout.push(`${file}: no BlogPosting`);
      if (file === 'index.html') {
        for (const type of ['WebSite', 'Organization']) if (!report.schemas.includes(type)) articlesWithout.push(`${file}: no ${type}`);
      }
    }
    expect(checked.filter(({ file }) => ARTICLE_FILE.test(file)).length).toBeGreaterThanOrEqual(6);
    expect(failures).toEqual([]);
    expect(articlesWithout).toEqual([]);
    // The presets' warnings: only the Twitter accounts may be missing, and only on a site that names none.
    const accountWarning = / {2}Twitter {2}should have (account username|username of content creator):/;
    expect(warnings.filter((line) => !accountWarning.test(line) || site().twitter)).toEqual([]);
  });

  it("has no style attribute anywhere, highlighted code included (the CSP's style-src-attr 'none' would block it)", () => {
    const styled = pages(site()).flatMap(({ file, doc }) =>
      [...doc.querySelectorAll('[style]')].map((el) => `${file}: <${el.tagName.toLowerCase()} style="${el.getAttribute('style')}">`),
    );
    expect(styled).toEqual([]);
    expect(pages(site()).some(({ doc }) => doc.querySelector('pre.astro-code .line > span[class]'))).toBe(true);
  });
});
