/** The home page: the featured (newest) post, the latest after it, and the categories. */
import type { Post } from '#src/lib/content/post-model.ts';
import type { ResponsiveImage } from '#src/lib/images/images.ts';
import { organization, webSite, type SiteIdentity } from '#src/lib/seo/structured-data.ts';
import { groupByTerm } from '#src/lib/taxonomy/terms.ts';
import { urls } from '#src/lib/urls/urls.ts';
import type { Link, PageMeta, ViewContext } from './page.ts';

/** Cards under the featured post on the home page. */
export const LATEST_COUNT = 9;

/** What the home view is made from, loaded by src/lib/views/routes.ts. */
export interface HomeData {
  /** Newest first. */
  posts: readonly Post[];
  /** The newest post's hero, when it has one. */
  featuredHero: ResponsiveImage | undefined;
  identity: SiteIdentity & { description: string; language: string };
}

export interface HomeView {
  layout: PageMeta;
  title: string;
  description: string;
  featured:
    { post: Post; href: string; category: Link; hero: { image: ResponsiveImage; alt: string; sizes: string } | undefined } | undefined;
  latest: readonly Post[];
  archive: { href: string; count: number };
  categories: Array<Link & { count: number }>;
  categoryIndex: Link;
  tagIndex: Link;
}

const FEATURED_SIZES = '(min-width: 75rem) 44rem, (min-width: 48rem) 60vw, 100vw';

export function homeView(data: HomeData, { settings }: ViewContext): HomeView {
  const [featured, ...rest] = data.posts;
  return {
    // Google reads the site's name (WebSite) and logo (Organization) from the home page.
    layout: { title: settings.title, description: settings.description, jsonLd: [webSite(data.identity), organization(data.identity)] },
    title: settings.title,
    description: settings.description,
    featured: featured && {
      post: featured,
      href: urls.post(featured),
      category: { label: featured.category.name, href: urls.category(featured.category) },
      hero: data.featuredHero && featured.hero && { image: data.featuredHero, alt: featured.hero.alt, sizes: FEATURED_SIZES },
    },
    latest: rest.slice(0, LATEST_COUNT),
    archive: { href: urls.archive(), count: data.posts.length },
    categories: groupByTerm(data.posts, 'category').map((group) => ({
      label: group.term.name,
      href: urls.category(group.term),
      count: group.posts.length,
    })),
    categoryIndex: { label: 'All categories', href: urls.categories() },
    tagIndex: { label: 'All tags', href: urls.tags() },
  };
}
