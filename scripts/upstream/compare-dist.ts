/**
 * Whether two builds of the same site say and link the same: the same pages
 * (HTML pages, feeds and sitemaps), the same visible text on each, the same
 * links. What a new Astro may change without a reader noticing is left out:
 * markup and whitespace, scripts and styles, the generator meta tag, the
 * hashes in bundled asset names, and a feed's build date.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import type { Element, Nodes } from 'hast';

export interface PageSummary {
  /** Visible text, whitespace collapsed. */
  text: string;
  /** Every address the page points to, asset hashes masked, sorted, each once. */
  links: string[];
}

/** What differs on one page, in words. */
export interface PageDifference {
  page: string;
  problems: string[];
}

/** Elements whose content no reader sees as text. */
const UNSEEN = new Set(['script', 'style', 'template']);
/** Attributes that hold an address, by element. */
const LINK_ATTRIBUTES: Record<string, string[]> = {
  a: ['href'],
  area: ['href'],
  link: ['href'],
  img: ['src', 'srcSet'],
  source: ['src', 'srcSet'],
  script: ['src'],
  iframe: ['src'],
  video: ['src', 'poster'],
  audio: ['src'],
  form: ['action'],
};

/**
 * An address with the content hash of a bundled asset masked
 * (`/_astro/index.B3Eg4mxE.css` -> `/_astro/index.[hash].css`): Vite names
 * bundles and Astro's processed images by a hash of their bytes, which a new
 * version changes without changing what the reader gets.
 */
export function maskAssetHash(address: string): string {
  if (!/(?:^|\/)_astro\//.test(address)) return address;
  return address.replace(/\.[A-Za-z0-9_-]{6,}(\.[A-Za-z0-9]+)(?=$|[?#])/, '.[hash]$1');
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

function srcsetAddresses(value: string): string[] {
  return value
    .split(',')
    .map((candidate) => candidate.trim().split(/\s+/)[0] ?? '')
    .filter(Boolean);
}

export function summarizeHtml(html: string): PageSummary {
  const texts: string[] = [];
  const links = new Set<string>();
  const visit = (node: Nodes) => {
    if (node.type === 'text') texts.push(node.value);
    if (node.type !== 'element' && node.type !== 'root') return;
    if (node.type === 'element') {
      collectLinks(node, links);
      if (UNSEEN.has(node.tagName)) return;
    }
    for (const child of node.children) visit(child as Nodes);
  };
  visit(fromHtml(html));
  return { text: collapse(texts.join(' ')), links: [...links].map(maskAssetHash).sort() };
}

function collectLinks(node: Element, links: Set<string>): void {
  const properties = node.properties;
  for (const name of LINK_ATTRIBUTES[node.tagName] ?? []) {
    const value = properties[name];
    if (typeof value !== 'string' && !Array.isArray(value)) continue;
    const text = Array.isArray(value) ? value.join(' ') : value;
    for (const address of name === 'srcSet' ? srcsetAddresses(text) : [text.trim()]) if (address) links.add(address);
  }
  // Link previews (og:image, og:url, twitter:image) are addresses too; the generator tag is Astro's version.
  if (node.tagName === 'meta' && properties['name'] !== 'generator') {
    const content = properties['content'];
    if (typeof content === 'string' && /^(?:https?:\/\/|\/)/.test(content)) links.add(content);
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text.replace(/&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos));/gi, (entity, decimal?: string, hex?: string, name?: string) =>
    decimal
      ? String.fromCodePoint(Number(decimal))
      : hex
        ? String.fromCodePoint(parseInt(hex, 16))
        : (ENTITIES[name!.toLowerCase()] ?? entity),
  );
}

/** A feed or sitemap: its text (CDATA's included) and, apart, the addresses in `<link>`, `<loc>`, `<guid>`, `<id>` and `href`. */
export function summarizeXml(xml: string): PageSummary {
  const withoutDates = xml.replace(/<(lastBuildDate|generator)\b[^>]*>[^]*?<\/\1>/g, '');
  const links = new Set<string>();
  for (const match of withoutDates.matchAll(/<(link|loc|guid|id)\b[^>]*>([^<]+)<\/\1>/g)) links.add(decodeXml(match[2]!.trim()));
  for (const match of withoutDates.matchAll(/\bhref="([^"]+)"/g)) links.add(decodeXml(match[1]!));
  // Addresses are compared as links, not as text.
  const text = withoutDates
    .replace(/<(link|loc|guid|id)\b[^>]*>[^<]*<\/\1>/g, ' ')
    .replace(/<!\[CDATA\[([^]*?)\]\]>/g, (_all, inner: string) => inner.replace(/&/g, '&amp;').replace(/</g, '&lt;'))
    .replace(/<[^>]*>/g, ' ');
  return { text: collapse(decodeXml(text)), links: [...links].map(maskAssetHash).sort() };
}

/** The files compared, by extension. */
export function isPage(file: string): boolean {
  return /\.(?:html|xml)$/i.test(file);
}

export function summarize(file: string, content: string): PageSummary {
  return /\.xml$/i.test(file) ? summarizeXml(content) : summarizeHtml(content);
}

/** Where two texts part, as `"…before" -> "…after"`, about `width` characters each. */
export function firstDifference(before: string, after: string, width = 60): string {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  const from = Math.max(0, start - 20);
  const excerpt = (text: string) => {
    const part = text.slice(from, from + width);
    return `${from > 0 ? '…' : ''}${part}${from + width < text.length ? '…' : ''}`;
  };
  return `${JSON.stringify(excerpt(before))} -> ${JSON.stringify(excerpt(after))}`;
}

const some = (items: string[], most = 3) =>
  `${items.slice(0, most).join(', ')}${items.length > most ? `, and ${items.length - most} more` : ''}`;

/**
 * Every page that differs between two builds, each with what differs. Pages
 * are keyed by their path in dist/ (`blog/x/index.html`, `rss.xml`).
 */
export function compareSites(pinned: ReadonlyMap<string, string>, newest: ReadonlyMap<string, string>): PageDifference[] {
  const differences: PageDifference[] = [];
  const pages = [...new Set([...pinned.keys(), ...newest.keys()])].filter(isPage).sort();
  for (const page of pages) {
    const before = pinned.get(page);
    const after = newest.get(page);
    if (after === undefined) differences.push({ page, problems: ['missing in the new build'] });
    else if (before === undefined) differences.push({ page, problems: ['only in the new build'] });
    else {
      const a = summarize(page, before);
      const b = summarize(page, after);
      const problems: string[] = [];
      if (a.text !== b.text) problems.push(`text differs: ${firstDifference(a.text, b.text)}`);
      const gone = a.links.filter((link) => !b.links.includes(link));
      const added = b.links.filter((link) => !a.links.includes(link));
      if (gone.length > 0) problems.push(`links gone: ${some(gone)}`);
      if (added.length > 0) problems.push(`links added: ${some(added)}`);
      if (problems.length > 0) differences.push({ page, problems });
    }
  }
  return differences;
}

/** The pages of a built site (HTML, feeds, sitemaps) by path relative to `dist`. */
export async function readPages(dist: string): Promise<Map<string, string>> {
  const files = (await readdir(dist, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile() && isPage(entry.name));
  const pages = new Map<string, string>();
  for (const entry of files) {
    const file = path.join(entry.parentPath, entry.name);
    pages.set(path.relative(dist, file).split(path.sep).join('/'), await readFile(file, 'utf8'));
  }
  return pages;
}

/** The page path readers type (`blog/x/index.html` -> `/blog/x/`), for messages. */
export function pageAddress(page: string): string {
  return `/${page.replace(/(?:^|\/)index\.html$/, (match) => (match.startsWith('/') ? '/' : ''))}`;
}
