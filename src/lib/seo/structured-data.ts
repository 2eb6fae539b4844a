/** schema.org JSON-LD: BlogPosting, Organization, WebSite, BreadcrumbList, FAQPage. */
import type { FaqEntry } from './faq.ts';
import type { Post } from '#src/lib/content/post-model.ts';

/**
 * schema.org JSON-LD for posts. Everything takes absolute URLs: search
 * engines read these blocks without the page around them.
 */
type Json = Record<string, unknown>;

export interface ImageObject {
  url: string;
  width: number;
  height: number;
}

/** The site as a publisher: Google reads the name and, for an article's publisher, requires the logo. */
export interface SiteIdentity {
  name: string;
  url: string;
  logo: ImageObject;
}

function publisherOf(site: SiteIdentity): Json {
  return { '@type': 'Organization', name: site.name, url: site.url, logo: { '@type': 'ImageObject', ...site.logo } };
}

export function blogPosting(
  post: Post,
  options: {
    url: string;
    images: ImageObject[];
    /** Every author, as `person()` gives them. */
    authors: Json[];
    site: SiteIdentity;
    language: string;
    wordCount: number;
    /** The series the post is a part of: its name and the absolute URL of its page. */
    series?: { name: string; url: string } | undefined;
  },
): Json {
  return {
    '@context': 'https://schema.org',
    '@type': 'BlogPosting',
    headline: post.title,
    description: post.description,
    url: options.url,
    mainEntityOfPage: { '@type': 'WebPage', '@id': options.url },
    image: options.images.map((image) => ({ '@type': 'ImageObject', ...image })),
    datePublished: post.pubDate.toISOString(),
    dateModified: (post.updatedDate ?? post.pubDate).toISOString(),
    author: options.authors,
    publisher: publisherOf(options.site),
    keywords: post.keywords.join(', '),
    articleSection: post.category.name,
    wordCount: options.wordCount,
    inLanguage: options.language,
    ...(options.series && { isPartOf: { '@type': 'CreativeWorkSeries', name: options.series.name, url: options.series.url } }),
  };
}

/**
 * The home page's Organization (Google's logo and knowledge-panel data, which
 * its docs ask for on the home page) and WebSite (the site name Google shows
 * in results, likewise read from the home page).
 */
export function organization(site: SiteIdentity & { description: string }): Json {
  return { '@context': 'https://schema.org', ...publisherOf(site), description: site.description };
}

export function webSite(site: SiteIdentity & { description: string; language: string }): Json {
  return {
    '@context': 'https://schema.org',
    '@type': 'WebSite',
    name: site.name,
    url: site.url,
    description: site.description,
    inLanguage: site.language,
    publisher: publisherOf(site),
  };
}

/**
 * An author as schema.org Person. With a profile it carries the job title,
 * the avatar and the profile links as `sameAs` (the accounts that are the
 * same person, which search engines use to tie them together).
 */
export function person(author: {
  name: string;
  url: string;
  jobTitle?: string | undefined;
  image?: string | undefined;
  sameAs?: string[];
}): Json {
  return {
    '@type': 'Person',
    name: author.name,
    url: author.url,
    ...(author.jobTitle && { jobTitle: author.jobTitle }),
    ...(author.image && { image: author.image }),
    ...(author.sameAs && author.sameAs.length > 0 && { sameAs: author.sameAs }),
  };
}

/** A category or tag page: a CollectionPage whose ItemList is the posts it lists, in page order. */
export function collectionPage(page: {
  name: string;
  description: string;
  url: string;
  language: string;
  /** Position of the first item: 1 on the first page, 11 on the second of ten a page, … */
  firstPosition: number;
  items: Array<{ name: string; url: string }>;
}): Json {
  return {
    '@context': 'https://schema.org',
    '@type': 'CollectionPage',
    name: page.name,
    description: page.description,
    url: page.url,
    inLanguage: page.language,
    mainEntity: {
      '@type': 'ItemList',
      numberOfItems: page.items.length,
      itemListElement: page.items.map((item, index) => ({
        '@type': 'ListItem',
        position: page.firstPosition + index,
        url: item.url,
        name: item.name,
      })),
    },
  };
}

export function breadcrumbList(trail: Array<{ name: string; url: string }>): Json {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: trail.map((crumb, index) => ({ '@type': 'ListItem', position: index + 1, name: crumb.name, item: crumb.url })),
  };
}

export function faqPage(entries: FaqEntry[]): Json {
  return {
    '@context': 'https://schema.org',
    '@type': 'FAQPage',
    mainEntity: entries.map((entry) => ({
      '@type': 'Question',
      name: entry.question,
      acceptedAnswer: { '@type': 'Answer', text: entry.answer },
    })),
  };
}

/**
 * JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` are
 * written as \u escapes, so a title containing `</script>` cannot end the
 * script early; U+2028/2029 are escaped for old parsers.
 */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
