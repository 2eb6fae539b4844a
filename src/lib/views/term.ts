/**
 * Category and tag pages: the paginated listing of one term (/category/<slug>/,
 * /tag/<slug>/, with pages after the first) and the index of all terms of a kind.
 */
import type { PaginateFunction, Page } from 'astro';
import { listingPageKey, profileStamp } from '#src/lib/build/page-keys.ts';
import type { Post } from '#src/lib/content/post-model.ts';
import type { CategoryPage } from '#src/lib/content/profiles.ts';
import type { ResponsiveImage } from '#src/lib/images/images.ts';
import { markNoindex } from '#src/lib/seo/sitemap-registry.ts';
import { collectionPage } from '#src/lib/seo/structured-data.ts';
import { TERM_PAGES, type ListedKind } from '#src/lib/taxonomy/term-pages.ts';
import { isThin, type TermGroup } from '#src/lib/taxonomy/terms.ts';
import { urls } from '#src/lib/urls/urls.ts';
import type { ListingView } from './listing.ts';
import { absoluteOn, type Crumb, type PageMeta, type ViewContext } from './page.ts';

/** What a term page's view and cache key read of a category's landing page text (src/content/categories/). */
export type TermLanding = Pick<CategoryPage, 'title' | 'description' | 'hero' | 'digest'>;

export interface TermListingProps {
  page: Page<Post>;
  group: TermGroup;
  kind: ListedKind;
}

/**
 * getStaticPaths of /category/<slug>/[page]/ and /tag/<slug>/[page]/: `groups`
 * are the kind's terms with their posts, `landings[i]` the landing page of
 * `groups[i]` (categories only). Each path has a cache key, so incremental builds
 * copy unchanged pages (page-keys.ts); thin terms are marked noindex here, not only
 * while rendering, since a page copied from the cache does not render.
 */
export function termPaths(
  kind: ListedKind,
  groups: readonly TermGroup[],
  landings: readonly (TermLanding | undefined)[],
  paginate: PaginateFunction,
  { settings }: Pick<ViewContext, 'settings'>,
) {
  return groups.flatMap((group, index) => {
    const thin = isThin(group);
    const page = landings[index];
    // Added only for a category with a landing page text, so other keys stay as they were.
    const intro = page ? [profileStamp({ digest: page.digest, image: page.hero?.file })] : [];
    if (thin) markNoindex(TERM_PAGES[kind].href(group.term));
    return paginate(group.posts, { params: { slug: group.term.slug }, props: { group, kind }, pageSize: settings.postsPerPage }).map(
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

/** What the listing page of one term is made from, loaded by src/lib/views/routes.ts. */
export interface TermListingData extends TermListingProps {
  /** The category's landing page text, when it has one. */
  landing: TermLanding | undefined;
  /** Its hero image, when it has one. */
  landingHero: ResponsiveImage | undefined;
}

export interface TermListingView {
  listing: ListingView;
  /** The landing page's text is shown on the first page only. */
  showIntro: boolean;
  introLabel: string;
  hero: { image: ResponsiveImage; alt: string; sizes: string } | undefined;
}

export function termListingView(data: TermListingData, { site, settings }: ViewContext): TermListingView {
  const { page, group, kind, landing } = data;
  const config = TERM_PAGES[kind];
  const absolute = absoluteOn(site);
  // A category with a file in src/content/categories/ gets its title, description and intro; others keep the generated page.
  const title = landing?.title ?? group.term.name;
  const description = landing?.description ?? config.describe(group.term.name);
  return {
    listing: {
      kind: config.label,
      title,
      description,
      posts: page.data,
      totalPosts: page.total,
      page: { current: page.currentPage, last: page.lastPage, href: (n) => config.href(group.term, n) },
      index: config.index(),
      noindex: isThin(group),
      feeds: config.feed ? [{ title: `${group.term.name} | ${settings.title}`, href: config.feed(group.term) }] : [],
      jsonLd: [
        collectionPage({
          name: title,
          description,
          url: absolute(config.href(group.term, page.currentPage)),
          language: settings.language,
          firstPosition: page.start + 1,
          items: page.data.map((post) => ({ name: post.title, url: absolute(urls.post(post)) })),
        }),
      ],
    },
    showIntro: landing !== undefined && page.currentPage === 1,
    introLabel: `About ${title}`,
    hero: data.landingHero && landing?.hero && { image: data.landingHero, alt: landing.hero.alt, sizes: '(min-width: 62rem) 60rem, 100vw' },
  };
}

/** What the index of all categories or all tags is made from. */
export interface TermIndexData {
  kind: ListedKind;
  groups: readonly TermGroup[];
  landings: readonly (TermLanding | undefined)[];
}

export interface TermIndexView {
  layout: PageMeta;
  breadcrumbs: Crumb[];
  heading: string;
  /** "12 categories". */
  count: string;
  terms: Array<{ label: string; href: string; description: string | undefined; posts: string }>;
}

export function termIndexView({ kind, groups, landings }: TermIndexData, { settings }: ViewContext): TermIndexView {
  const config = TERM_PAGES[kind];
  return {
    layout: { title: config.plural, description: `Every ${config.label.toLowerCase()} on ${settings.title}, with its number of posts.` },
    breadcrumbs: [{ label: 'Home', href: urls.home() }, { label: config.plural }],
    heading: config.plural,
    count: `${groups.length} ${config.plural.toLowerCase()}`,
    // A category's landing page text names it and says what it covers.
    terms: groups.map((group, index) => ({
      label: landings[index]?.title ?? group.term.name,
      href: config.href(group.term),
      description: landings[index]?.description,
      posts: `${group.posts.length} ${group.posts.length === 1 ? 'post' : 'posts'}`,
    })),
  };
}
