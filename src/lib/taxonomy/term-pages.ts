/** Category and tag listing pages: what differs between them, and their routes. */
import type { PaginateFunction } from 'astro';
import { categoryPage } from '#src/lib/content/profiles.ts';
import { listingPageKey, profileStamp } from '#src/lib/build/page-keys.ts';
import { getPosts } from '#src/lib/content/posts.ts';
import { markNoindex } from '#src/lib/seo/sitemap-registry.ts';
import { groupByTerm, isThin, type TermGroup } from './terms.ts';
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

/**
 * getStaticPaths for /category/<slug>/[page]/ and /tag/<slug>/[page]/, each
 * with a cache key, so incremental builds copy unchanged pages (page-keys.ts).
 */
export async function termPagePaths(kind: ListedKind, paginate: PaginateFunction) {
  const groups = groupByTerm(await getPosts(), kind);
  const landing = await Promise.all(groups.map((group) => (kind === 'category' ? categoryPage(group.term.slug) : undefined)));
  return groups.flatMap((group: TermGroup, index) => {
    const thin = isThin(group);
    const page = landing[index];
    // Added only for a category with a landing page text, so other keys stay as they were.
    const intro = page ? [profileStamp({ digest: page.digest, image: page.hero?.file })] : [];
    // Said here, not only while rendering: a page copied from the cache does not render.
    if (thin) markNoindex(TERM_PAGES[kind].href(group.term));
    return paginate(group.posts, { params: { slug: group.term.slug }, props: { group, kind }, pageSize: SITE.postsPerPage }).map(
      (path) => ({
        ...path,
        cacheKey: listingPageKey(
          [
            kind,
            group.term.name,
            group.term.slug,
            thin,
            path.props.page.currentPage,
            path.props.page.lastPage,
            path.props.page.total,
            ...intro,
          ],
          path.props.page.data,
        ),
      }),
    );
  });
}
