// Pages render before the sitemap is written, in the same process, so the
// pages that ask for noindex can tell the sitemap filter to leave them out.
const KEY = Symbol.for('astro-blog.noindex-pages');
const store = globalThis as typeof globalThis & { [KEY]?: Set<string> };

function registry(): Set<string> {
  return (store[KEY] ??= new Set());
}

const normalise = (pathname: string) => (pathname.endsWith('/') ? pathname : `${pathname}/`);

export function markNoindex(pathname: string): void {
  registry().add(normalise(pathname));
}

/** For @astrojs/sitemap's filter: true when the page asked to stay out of search engines. */
export function isNoindex(url: string): boolean {
  return registry().has(normalise(new URL(url).pathname));
}
