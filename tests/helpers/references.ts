import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { distFiles } from './crawl.ts';

/** One URL found in the built site, and where. */
export interface Reference {
  /** dist-relative file the URL was found in. */
  file: string;
  /** What holds it: `img[srcset]`, `rss <link>`, `css url()`, … */
  where: string;
  /** The URL exactly as written. */
  url: string;
  /** Resolved against the page (or feed) it appears on. */
  resolved: URL;
}

/** HTML attributes that hold one URL, or a srcset list. */
const URL_ATTRIBUTES = ['href', 'src', 'action', 'poster', 'data-src', 'data-href', 'xlink:href'];
const SRCSET_ATTRIBUTES = ['srcset', 'imagesrcset'];

const decodeEntities = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&');

const srcsetUrls = (value: string) =>
  value
    .split(/,\s+/)
    .map((candidate) => candidate.trim().split(/\s+/)[0]!)
    .filter(Boolean);

function cssUrls(css: string): string[] {
  return [...css.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)].map((m) => m[2]!).filter((url) => !url.startsWith('data:'));
}

/** Every URL in an HTML document or fragment, with the element and attribute that hold it. */
function htmlUrls(html: string): Array<{ where: string; url: string }> {
  const { document } = parseHTML(
    html.trimStart().startsWith('<!') || /^<html/i.test(html.trim()) ? html : `<!doctype html><html><body>${html}</body></html>`,
  );
  const found: Array<{ where: string; url: string }> = [];
  for (const element of document.querySelectorAll('*')) {
    const tag = element.tagName.toLowerCase();
    for (const attribute of URL_ATTRIBUTES) {
      const value = element.getAttribute(attribute);
      if (value !== null)
        found.push({ where: `${tag}[${attribute}]${tag === 'link' ? `[rel=${element.getAttribute('rel')}]` : ''}`, url: value.trim() });
    }
    for (const attribute of SRCSET_ATTRIBUTES) {
      const value = element.getAttribute(attribute);
      if (value !== null) for (const url of srcsetUrls(value)) found.push({ where: `${tag}[${attribute}]`, url });
    }
    const content = element.getAttribute('content');
    if (tag === 'meta' && content && /^(https?:)?\/\//.test(content))
      found.push({ where: `meta[${element.getAttribute('property') ?? element.getAttribute('name')}]`, url: content });
    const style = element.getAttribute('style');
    if (style) for (const url of cssUrls(style)) found.push({ where: `${tag}[style] url()`, url });
    if (tag === 'style') for (const url of cssUrls(element.textContent ?? '')) found.push({ where: 'style url()', url });
    if (tag === 'script' && element.getAttribute('type') === 'application/ld+json') {
      for (const m of (element.textContent ?? '').matchAll(/"(https?:\/\/[^"]+)"/g)) found.push({ where: 'json-ld', url: m[1]! });
    }
  }
  return found;
}

/** Every URL in a feed or sitemap, including those inside the HTML of each item. */
function xmlUrls(xml: string): Array<{ where: string; url: string }> {
  const found: Array<{ where: string; url: string }> = [];
  for (const m of xml.matchAll(/<(link|guid|loc|id|url|uri)(?:\s[^>]*)?>([^<]+)<\/\1>/g))
    found.push({ where: `<${m[1]}>`, url: decodeEntities(m[2]!.trim()) });
  for (const m of xml.matchAll(/<([\w:]+)\s[^>]*?\b(href|url|src)="([^"]+)"/g))
    found.push({ where: `<${m[1]} ${m[2]}>`, url: decodeEntities(m[3]!) });
  for (const m of xml.matchAll(/<\?xml-stylesheet[^>]*href="([^"]+)"/g))
    found.push({ where: '<?xml-stylesheet?>', url: decodeEntities(m[1]!) });
  for (const m of xml.matchAll(/<(content:encoded|description|summary|content)(?:\s[^>]*)?>([\s\S]*?)<\/\1>/g)) {
    const body = m[2]!.startsWith('<![CDATA[') ? m[2]!.slice(9, -3) : decodeEntities(m[2]!);
    for (const ref of htmlUrls(body)) found.push({ where: `<${m[1]}> ${ref.where}`, url: ref.url });
  }
  return found;
}

/**
 * Every URL in every page, stylesheet, feed, sitemap and robots.txt of a built
 * site, resolved against the public URL each file is served at
 * (`siteUrl` + `base` + its path).
 */
export function siteReferences(dist: string, siteUrl: string, base: string): Reference[] {
  const references: Reference[] = [];
  // Paths our own scripts might spell out by hand: "/" + a top-level name in dist/ ("/search/", "/pagefind/…").
  const topLevel = [...new Set(distFiles(dist).map((file) => file.split(path.sep)[0]!))].map((name) =>
    name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
  );
  const handWritten = new RegExp(`[\`'"](/(?:${topLevel.join('|')})(?:[/?#][^\`'"\\s]*)?)[\`'"]`, 'g');
  for (const file of distFiles(dist)) {
    const posix = file.split(path.sep).join('/');
    const servedAt = new URL(`${base.replace(/\/?$/, '/')}${posix.replace(/(^|\/)index\.html$/, '$1')}`, siteUrl);
    let found: Array<{ where: string; url: string }>;
    if (file.endsWith('.html')) found = htmlUrls(readFileSync(path.join(dist, file), 'utf8'));
    else if (file.endsWith('.xml')) found = xmlUrls(readFileSync(path.join(dist, file), 'utf8'));
    else if (file.endsWith('.css'))
      found = cssUrls(readFileSync(path.join(dist, file), 'utf8')).map((url) => ({ where: 'css url()', url }));
    else if (file.endsWith('.js')) {
      const js = readFileSync(path.join(dist, file), 'utf8');
      found = [...js.matchAll(/(?:import|from)\s*\(?\s*["']([^"']+\.js)["']/g)].map((m) => ({ where: 'js import', url: m[1]! }));
      // The site's own scripts (not vendored bundles such as Pagefind's, whose "/pagefind/" is a fallback they never use here).
      if (posix.startsWith('_astro/')) for (const m of js.matchAll(handWritten)) found.push({ where: 'js string', url: m[1]! });
    } else if (posix === 'robots.txt')
      found = [...readFileSync(path.join(dist, file), 'utf8').matchAll(/^Sitemap:\s*(\S+)/gim)].map((m) => ({
        where: 'robots Sitemap:',
        url: m[1]!,
      }));
    else if (file.endsWith('.webmanifest') || posix === 'manifest.json') {
      found = [...readFileSync(path.join(dist, file), 'utf8').matchAll(/"(?:src|start_url|scope)"\s*:\s*"([^"]+)"/g)].map((m) => ({
        where: 'manifest',
        url: m[1]!,
      }));
    } else continue;
    for (const { where, url } of found) {
      if (url === '' || /^(mailto|tel|data|javascript):/i.test(url)) continue;
      let resolved: URL;
      try {
        resolved = new URL(url, servedAt);
      } catch {
        continue;
      }
      references.push({ file: posix, where, url, resolved });
      // Share links carry our URL inside theirs: https://x.com/intent?url=https%3A%2F%2Fsite%2F…
      if (resolved.origin !== new URL(siteUrl).origin) {
        for (const value of resolved.searchParams.values()) {
          if (/^https?:\/\//.test(value)) references.push({ file: posix, where: `${where} (query)`, url: value, resolved: new URL(value) });
        }
      }
    }
  }
  return references;
}
