/** What pages tell the sitemap: noindex pages and last-modified dates. */
import { buildRegistry } from '#src/lib/build/registries.ts';
import { withTrailingSlash } from '#src/lib/urls/site-paths.ts';

// Pages render before the sitemap is written, in the same process, so pages
// tell @astrojs/sitemap what it cannot know from URLs alone: which pages stay
// out of search engines, and when a post last changed.
const registry = buildRegistry('sitemap-registry', () => ({ noindex: new Set<string>(), lastModified: new Map<string, Date>() }));

const pathOf = (url: string) => withTrailingSlash(new URL(url).pathname);

export function markNoindex(pathname: string): void {
  registry().noindex.add(withTrailingSlash(pathname));
}

/**
 * Keeps a page that search engines may still see out of the sitemap: a post
 * whose canonical URL is another address, a redirect page. Same list as noindex.
 */
export const excludeFromSitemap = markNoindex;

export function markLastModified(pathname: string, date: Date): void {
  registry().lastModified.set(withTrailingSlash(pathname), date);
}

/** For the sitemap's filter: true when the page asked to stay out of search engines. */
export function isNoindex(url: string): boolean {
  return registry().noindex.has(pathOf(url));
}

/** For the sitemap's serialize: when the page's content last changed, if it said. */
export function lastModified(url: string): Date | undefined {
  return registry().lastModified.get(pathOf(url));
}
