/** Category and tag listing pages: what differs between them (their paths and views: src/lib/views/term.ts). */
import { urls } from '#src/lib/urls/urls.ts';
import type { Term } from './terms.ts';
import { SITE } from '#src/site.config.ts';

export type ListedKind = 'category' | 'tag';

/** What differs between the category and tag pages. */
export const TERM_PAGES = {
  category: {
    label: 'Category',
    plural: 'Categories',
    describe: (name: string) => `Posts about ${name} on ${SITE.title}.`,
    href: (term: Term, page = 1) => urls.category(term, page),
    index: () => ({ label: 'All categories', href: urls.categories() }),
    feed: (term: Term) => urls.categoryRss(term),
  },
  tag: {
    label: 'Tag',
    plural: 'Tags',
    describe: (name: string) => `Posts tagged ${name} on ${SITE.title}.`,
    href: (term: Term, page = 1) => urls.tag(term, page),
    index: () => ({ label: 'All tags', href: urls.tags() }),
    feed: undefined,
  },
} as const;
