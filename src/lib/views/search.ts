/** The search page: a form Pagefind answers in the browser, and where to browse without JavaScript. */
import { urls } from '#src/lib/urls/urls.ts';
import type { PageMeta, ViewContext } from './page.ts';

export interface SearchView {
  layout: PageMeta;
  /** Where the form sends its query (the page itself: the script reads `?q=`). */
  action: string;
  /** Where a reader without JavaScript can browse instead. */
  browse: { archive: string; categories: string; tags: string };
}

export function searchView({ settings }: ViewContext): SearchView {
  return {
    // A results page, not content: kept out of search engines and the sitemap.
    layout: { title: 'Search', description: `Search the posts on ${settings.title}.`, noindex: true },
    action: urls.search(),
    browse: {
      archive: urls.archive(),
      categories: urls.categories(),
      tags: urls.tags(),
    },
  };
}
