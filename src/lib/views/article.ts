/**
 * The article page, /blog/<slug>/: its paths (with what the sitemap must know
 * and the incremental build's cache keys) and everything its template shows.
 */
import { articlePageKey, type ArticleNeighbours } from '#src/lib/build/page-keys.ts';
import { authorPerson, type AuthorView } from '#src/lib/content/author-person.ts';
import type { Post } from '#src/lib/content/post-model.ts';
import { countWords } from '#src/lib/content/reading-time.ts';
import { shareVariant } from '#src/lib/images/hero.ts';
import type { ResponsiveImage } from '#src/lib/images/images.ts';
import { linkedPostSlugs } from '#src/lib/markdown/rehype-link-cards.ts';
import { tableOfContents, type Heading, type TocEntry } from '#src/lib/markdown/toc.ts';
import { extractFaq } from '#src/lib/seo/faq.ts';
import { excludeFromSitemap, markLastModified } from '#src/lib/seo/sitemap-registry.ts';
import { blogPosting, breadcrumbList, faqPage, type SiteIdentity } from '#src/lib/seo/structured-data.ts';
import { shownNeighbours } from '#src/lib/taxonomy/related.ts';
import { seriesPlace, type SeriesPlace } from '#src/lib/taxonomy/series.ts';
import type { Term } from '#src/lib/taxonomy/terms.ts';
import type { Services } from '#src/lib/services/settings.ts';
import { urls } from '#src/lib/urls/urls.ts';
import { absoluteOn, type Crumb, type Link, type PageMeta, type ViewContext } from './page.ts';
import { seriesBox, type SeriesBox } from './series.ts';

/** The article route's props: the post, and (in builds) the posts around it that its cache key covers. */
export type ArticleProps = {
  post: Post;
  /** Left out on the dev server, which finds them when the page is shown. */
  neighbours?: ArticleNeighbours;
};

/** What article paths read besides the posts: the loaded entries' digests and the authors' profile stamps. */
export interface ArticleSources {
  digest(post: Post): Promise<string | undefined>;
  authorStamp(author: Term): Promise<string>;
}

export interface ArticlePath {
  params: { slug: string };
  props: ArticleProps;
  cacheKey?: string;
}

/**
 * getStaticPaths of the article route. Records each post's last change and its
 * sitemap exclusion here, not while rendering: a page copied from the incremental
 * cache does not run. `dev`: the dev server keeps no page cache, so no keys, and
 * each page finds its own neighbours when shown (not every post's before the first page).
 */
export function articlePaths(posts: readonly Post[], sources: ArticleSources, dev: boolean): Promise<ArticlePath[]> {
  const bySlug = new Map(posts.map((post) => [post.slug, post]));
  return Promise.all(
    posts.map(async (post): Promise<ArticlePath> => {
      markLastModified(urls.post(post), post.updatedDate ?? post.pubDate);
      // A noindex post, or one whose canonical copy is another address, is no entry for search engines' sitemap.
      if (post.seo.noindex || post.seo.canonicalURL) excludeFromSitemap(urls.post(post));
      if (dev) return { params: { slug: post.slug }, props: { post } };
      const neighbours: ArticleNeighbours = {
        ...shownNeighbours(post, posts),
        linked: [...linkedPostSlugs(post.body)].flatMap((slug) => bySlug.get(slug) ?? []),
        authorStamps: await Promise.all(post.authors.map((author) => sources.authorStamp(author))),
        series: seriesKey(seriesPlace(post, posts)),
      };
      const cacheKey = articlePageKey(post, await sources.digest(post), neighbours);
      return { params: { slug: post.slug }, props: { post, neighbours }, ...(cacheKey !== undefined && { cacheKey }) };
    }),
  );
}

/** What of a post's series its page shows, for its cache key. */
const seriesKey = (place: SeriesPlace | undefined) => place && { name: place.group.term.name, parts: place.group.parts };

/** What the article view is made from, loaded by src/lib/views/routes.ts. */
export interface ArticleData {
  post: Post;
  neighbours: Pick<ArticleNeighbours, 'related' | 'newer' | 'older'>;
  /** The post's hero, when it has one. */
  hero: ResponsiveImage | undefined;
  authors: AuthorView[];
  /** The link preview's image (the editor's ogImage or the drawn card). */
  card: { url: string; width: number; height: number };
  /** The rendered body's headings, and whether it has code blocks and video facades. */
  headings: readonly Heading[];
  hasCode: boolean;
  hasVideo: boolean;
  identity: SiteIdentity;
  /** The post's series and its place in it, when it is a part of one with a page. */
  series?: SeriesPlace | undefined;
}

/** The links at the end of an article: the previous and next parts of its series, or else the older and newer posts. */
export interface ArticlePager {
  label: string;
  previous: (Link & { caption: string }) | undefined;
  next: (Link & { caption: string }) | undefined;
}

export interface ArticleView {
  layout: PageMeta;
  /** The breadcrumbs as shown: the post's own crumb unlinked. */
  breadcrumbs: Crumb[];
  /** "Draft" or "Scheduled" on a post the live site does not show. */
  notice: 'Draft' | 'Scheduled' | undefined;
  post: Post;
  authors: AuthorView[];
  category: Link;
  hero: { image: ResponsiveImage; alt: string; sizes: string } | undefined;
  toc: TocEntry[];
  hasCode: boolean;
  /** Whether the body has a video facade: the page then loads VideoEmbeds.astro's script. */
  hasVideo: boolean;
  tags: Link[];
  shareUrl: string;
  older: Link | undefined;
  newer: Link | undefined;
  related: readonly Post[];
  /** The box under the title of a post in a series. */
  series: SeriesBox | undefined;
  /** One pair of previous/next links, so a series part never shows two different "next" links. */
  pager: ArticlePager;
  /** The opt-in services the page shows, when the site turned them on. */
  services: { newsletter: Services['newsletter'] | undefined; comments: Services['comments'] | undefined };
}

const HERO_SIZES = '(min-width: 62rem) 60rem, 100vw';

const postLink = (post: Post | undefined): Link | undefined => post && { label: post.title, href: urls.post(post) };

const captioned = (link: Link | undefined, caption: string) => link && { ...link, caption };

/**
 * A part of a series ends with its previous and next parts: a reader of part 2
 * wants part 3, not whatever was published next. Other posts keep the older and
 * newer posts by date.
 */
function articlePager(series: SeriesBox | undefined, older: Link | undefined, newer: Link | undefined): ArticlePager {
  if (series) {
    return {
      label: `Parts of ${series.name}`,
      previous: captioned(series.previous, 'Previous part'),
      next: captioned(series.next, 'Next part'),
    };
  }
  return { label: 'More posts', previous: captioned(older, 'Previous post'), next: captioned(newer, 'Next post') };
}

export function articleView(data: ArticleData, { site, settings }: ViewContext): ArticleView {
  const { post, hero, authors, card } = data;
  const absolute = absoluteOn(site);
  const shareUrl = absolute(urls.post(post));
  // A syndicated post names where it first appeared; search engines credit that address.
  const canonical = post.seo.canonicalURL ?? shareUrl;
  const heroShare = hero && shareVariant(hero);
  const trail = [
    { label: 'Home', href: urls.home() },
    { label: post.category.name, href: urls.category(post.category) },
    { label: post.title, href: urls.post(post) },
  ];
  const faq = post.faq ? extractFaq(post.body) : [];
  const series = data.series && seriesBox(data.series);
  const [older, newer] = [postLink(data.neighbours.older), postLink(data.neighbours.newer)];
  // Link previews and search engines: the social card, the article's metadata, JSON-LD.
  const jsonLd = [
    blogPosting(post, {
      url: canonical,
      images: [
        { url: absolute(card.url), width: card.width, height: card.height },
        ...(heroShare ? [{ url: absolute(heroShare.url), width: heroShare.width, height: heroShare.height }] : []),
      ],
      authors: authors.map((author) => authorPerson(author, site)),
      site: data.identity,
      language: settings.language,
      wordCount: countWords(post.body),
      series: series && { name: series.name, url: absolute(series.href) },
    }),
    breadcrumbList(trail.map((crumb) => ({ name: crumb.label, url: absolute(crumb.href) }))),
    ...(faq.length > 0 ? [faqPage(faq)] : []),
  ];
  return {
    layout: {
      title: post.title,
      seoTitle: post.seo.title === post.title ? undefined : post.seo.title,
      description: post.description,
      canonical,
      noindex: post.seo.noindex,
      image: { url: card.url, width: card.width, height: card.height, alt: post.hero?.alt ?? post.title, type: 'image/jpeg' },
      keywords: post.keywords,
      article: {
        published: post.pubDate,
        modified: post.updatedDate,
        section: post.category.name,
        tags: post.tags.map((tag) => tag.name),
        authorUrl: urls.author(post.author),
        authorSlug: post.author.slug,
      },
      feeds: [{ title: `${post.category.name} | ${settings.title}`, href: urls.categoryRss(post.category) }],
      jsonLd,
    },
    breadcrumbs: [...trail.slice(0, -1), { label: post.title }],
    notice: post.draft ? 'Draft' : post.scheduled ? 'Scheduled' : undefined,
    post,
    authors,
    category: { label: post.category.name, href: urls.category(post.category) },
    hero: hero && post.hero && { image: hero, alt: post.hero.alt, sizes: HERO_SIZES },
    toc: tableOfContents(data.headings),
    hasCode: data.hasCode,
    hasVideo: data.hasVideo,
    tags: post.tags.map((tag) => ({ label: tag.name, href: urls.tag(tag) })),
    shareUrl,
    older,
    newer,
    // The series box already links every part: related cards show other posts.
    related: series
      ? data.neighbours.related.filter((other) => !series.parts.some((part) => part.href === urls.post(other)))
      : data.neighbours.related,
    series,
    pager: articlePager(series, older, newer),
    services: { newsletter: settings.services.newsletter, comments: settings.services.comments },
  };
}
