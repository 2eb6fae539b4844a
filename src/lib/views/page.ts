/**
 * What every view model shares: the page's `<head>` facts (BaseLayout's props)
 * and the build context a view needs. View models (src/lib/views/*.ts) are pure:
 * they take loaded data and return what a template shows, so unit tests feed
 * them fixtures with no build; src/lib/views/routes.ts loads the data for routes.
 */
import type { SiteConfig } from '#src/site.config.ts';

/** The link preview's image (og:image). */
export interface PageImage {
  /** Site path or absolute URL. */
  url: string;
  width: number;
  height: number;
  alt: string;
  type?: string;
}

/** Makes a page an Open Graph article. */
export interface ArticleMeta {
  published: Date;
  modified?: Date | undefined;
  section: string;
  tags: string[];
  authorUrl: string;
  /** Finds the author's X account for twitter:creator. */
  authorSlug?: string | undefined;
}

/** BaseLayout's props: what a page says in its `<head>`. */
export interface PageMeta {
  title: string;
  /** The whole `<title>` and og:title when the headline is too long for search results (a post's `seoTitle`). */
  seoTitle?: string | undefined;
  description: string;
  /** Absolute canonical URL when it is not this page's own (a syndicated post's `canonicalURL`). */
  canonical?: string | undefined;
  /** Keep thin pages (one-post tags) out of search engines. */
  noindex?: boolean;
  /** The link preview's image (og:image); the site's own card when absent. */
  image?: PageImage | undefined;
  /** Makes the page an Open Graph article. */
  article?: ArticleMeta | undefined;
  keywords?: string[] | undefined;
  /** Feeds besides the site's own (e.g. the category's). */
  feeds?: Array<{ title: string; href: string }> | undefined;
  jsonLd?: unknown[] | undefined;
}

/** A breadcrumb; the current page's has no link. */
export interface Crumb {
  label: string;
  href?: string | undefined;
}

/** A link as templates show it. */
export interface Link {
  label: string;
  href: string;
}

/** What a view model needs of the build: the site's address (`Astro.site`) and its settings. */
export interface ViewContext {
  site: URL | undefined;
  settings: SiteConfig;
}

/** A site path made absolute on the site's address, as JSON-LD and canonical links want. */
export const absoluteOn =
  (site: URL | undefined) =>
  (sitePath: string): string =>
    new URL(sitePath, site).href;
