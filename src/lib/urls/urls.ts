/** Every internal URL, under the site's base path. */
import { withTrailingSlash } from './site-paths.ts';
import type { Post } from '#src/lib/content/post-model.ts';
import type { Term } from '#src/lib/taxonomy/terms.ts';

/** Every internal URL is made here, under the site's base path. */
const base = withTrailingSlash(import.meta.env.BASE_URL);

const encode = (slug: string) => encodeURIComponent(slug);

export const urls = {
  home: () => base,
  post: (post: Pick<Post, 'slug'>) => `${base}blog/${encode(post.slug)}/`,
  archive: (page = 1) => (page === 1 ? `${base}blog/` : `${base}blog/${page}/`),
  category: (term: Term, page = 1) => `${base}category/${encode(term.slug)}/${page === 1 ? '' : `${page}/`}`,
  tag: (term: Term, page = 1) => `${base}tag/${encode(term.slug)}/${page === 1 ? '' : `${page}/`}`,
  author: (term: Term) => `${base}author/${encode(term.slug)}/`,
  series: (term: Term) => `${base}series/${encode(term.slug)}/`,
  allSeries: () => `${base}series/`,
  /** Every post on one page, grouped by year and month (the paginated list is `archive`, /blog/). */
  yearArchive: () => `${base}archive/`,
  categories: () => `${base}categories/`,
  tags: () => `${base}tags/`,
  search: (query?: string) => `${base}search/${query ? `?q=${encodeURIComponent(query)}` : ''}`,
  rss: () => `${base}rss.xml`,
  categoryRss: (term: Term) => `${base}category/${encode(term.slug)}/rss.xml`,
  asset: (path: string) => `${base}${path.replace(/^\//, '')}`,
};
