import type { FaqEntry } from './faq.ts';
import type { Post } from './post-model.ts';

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

export function blogPosting(
  post: Post,
  options: {
    url: string;
    images: ImageObject[];
    authorUrl: string;
    site: { name: string; url: string };
    language: string;
    wordCount: number;
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
    author: { '@type': 'Person', name: post.author.name, url: options.authorUrl },
    publisher: { '@type': 'Organization', name: options.site.name, url: options.site.url },
    keywords: post.keywords.join(', '),
    articleSection: post.category.name,
    wordCount: options.wordCount,
    inLanguage: options.language,
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
