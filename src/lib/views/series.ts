/**
 * Series: the page of one series (/series/<slug>/, its parts in reading order),
 * the index of every series (/series/), and the box an article in a series shows
 * ("Part 2 of 3 in Quantum Basics", every part linked, the one being read marked).
 */
import { listingPageKey } from '#src/lib/build/page-keys.ts';
import type { Post } from '#src/lib/content/post-model.ts';
import { collectionPage } from '#src/lib/seo/structured-data.ts';
import type { SeriesGroup, SeriesPlace } from '#src/lib/taxonomy/series.ts';
import { urls } from '#src/lib/urls/urls.ts';
import type { ListingView } from './listing.ts';
import { absoluteOn, type Link, type ViewContext } from './page.ts';
import type { TermIndexView } from './term.ts';

const parts = (count: number) => `${count} ${count === 1 ? 'part' : 'parts'}`;

/** getStaticPaths of /series/<slug>/: one page per series, keyed on its name and its parts' cards in order. */
export function seriesPaths(groups: readonly SeriesGroup[]) {
  return groups.map((group) => ({
    params: { slug: group.term.slug },
    props: { group },
    cacheKey: listingPageKey(['series', group.term.name, group.term.slug], group.parts),
  }));
}

/** The page of one series: the listing of its parts, in reading order, numbered. */
export function seriesPageView(group: SeriesGroup, { site, settings }: ViewContext): ListingView {
  const absolute = absoluteOn(site);
  const { name } = group.term;
  const description = `${name}: a series in ${parts(group.parts.length)} on ${settings.title}, in reading order.`;
  return {
    kind: 'Series',
    title: name,
    description,
    posts: group.parts,
    totalPosts: group.parts.length,
    page: { current: 1, last: 1, href: () => urls.series(group.term) },
    index: { label: 'All series', href: urls.allSeries() },
    ordered: true,
    jsonLd: [
      collectionPage({
        name,
        description,
        url: absolute(urls.series(group.term)),
        language: settings.language,
        firstPosition: 1,
        items: group.parts.map((post) => ({ name: post.title, url: absolute(urls.post(post)) })),
      }),
    ],
  };
}

/** /series/: every series with its number of parts, drawn as the category and tag indexes are. */
export function seriesIndexView(groups: readonly SeriesGroup[], { settings }: ViewContext): TermIndexView {
  return {
    layout: {
      title: 'Series',
      description: `Every series on ${settings.title}: posts meant to be read in order, with their number of parts.`,
      // With no series yet the page has nothing to offer search engines.
      noindex: groups.length === 0,
    },
    breadcrumbs: [{ label: 'Home', href: urls.home() }, { label: 'Series' }],
    heading: 'Series',
    count: `${groups.length} series`,
    terms: groups.map((group) => ({
      label: group.term.name,
      href: urls.series(group.term),
      description: undefined,
      posts: parts(group.parts.length),
    })),
  };
}

/** One part in an article's series box. */
export interface SeriesPartLink extends Link {
  /** The part being read: marked with aria-current, not linked. */
  current: boolean;
}

/** What an article in a series shows of it: the box under its title, and the previous and next parts for the pager. */
export interface SeriesBox {
  name: string;
  href: string;
  /** "Part 2 of 3". */
  position: string;
  parts: SeriesPartLink[];
  previous: Link | undefined;
  next: Link | undefined;
}

const partLink = (post: Post | undefined): Link | undefined => post && { label: post.title, href: urls.post(post) };

export function seriesBox({ group, index }: SeriesPlace): SeriesBox {
  return {
    name: group.term.name,
    href: urls.series(group.term),
    position: `Part ${index + 1} of ${group.parts.length}`,
    parts: group.parts.map((part, i) => ({ label: part.title, href: urls.post(part), current: i === index })),
    previous: partLink(group.parts[index - 1]),
    next: partLink(group.parts[index + 1]),
  };
}
