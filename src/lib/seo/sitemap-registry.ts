// Pages render before the sitemap is written, in the same process, so pages
// tell @astrojs/sitemap what it cannot know from URLs alone: which pages stay
// out of search engines, and when a post last changed. The registry lives on
// globalThis because pages and astro.config are bundled as separate module copies.
const KEY = Symbol.for('astro-blog.sitemap-registry');
interface Registry {
  noindex: Set<string>;
  lastModified: Map<string, Date>;
}
const store = globalThis as typeof globalThis & { [KEY]?: Registry };

function registry(): Registry {
  return (store[KEY] ??= { noindex: new Set(), lastModified: new Map() });
}

const normalise = (pathname: string) => (pathname.endsWith('/') ? pathname : `${pathname}/`);
const pathOf = (url: string) => normalise(new URL(url).pathname);

export function markNoindex(pathname: string): void {
  registry().noindex.add(normalise(pathname));
}

/**
 * Keeps a page that search engines may still see out of the sitemap: a post
 * whose canonical URL is another address, a redirect page. Same list as noindex.
 */
export const excludeFromSitemap = markNoindex;

export function markLastModified(pathname: string, date: Date): void {
  registry().lastModified.set(normalise(pathname), date);
}

/** For the sitemap's filter: true when the page asked to stay out of search engines. */
export function isNoindex(url: string): boolean {
  return registry().noindex.has(pathOf(url));
}

/** For the sitemap's serialize: when the page's content last changed, if it said. */
export function lastModified(url: string): Date | undefined {
  return registry().lastModified.get(pathOf(url));
}
