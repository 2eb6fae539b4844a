/**
 * What routes call: loads a page's data (the content store, images, profiles,
 * rendered bodies) and hands it to the page type's pure view model in this
 * folder. The one module of src/lib/views that reaches astro:content; the view
 * models themselves are unit-tested with fixture data (tests/unit/views-*.test.ts).
 */
import type { PaginateFunction } from 'astro';
import { render } from 'astro:content';
import { authorStamp, authorView, authorViews } from '#src/lib/content/bylines.ts';
import { getPosts, postDigest, renderPost } from '#src/lib/content/posts.ts';
import { categoryHeroImage, categoryPage } from '#src/lib/content/profiles.ts';
import { feedPath } from '#src/lib/feeds/feed.ts';
import { heroImage } from '#src/lib/images/hero.ts';
import { HAS_CODE } from '#src/lib/markdown/rehype-code-blocks.ts';
import { HAS_VIDEO } from '#src/lib/markdown/rehype-video-embeds.ts';
import { postShareCard } from '#src/lib/seo/share-card.ts';
import { siteIdentity } from '#src/lib/seo/site-identity.ts';
import { shownNeighbours } from '#src/lib/taxonomy/related.ts';
import { groupSeries, seriesPlace, type SeriesGroup } from '#src/lib/taxonomy/series.ts';
import type { ListedKind } from '#src/lib/taxonomy/term-pages.ts';
import { groupByTerm, type TermGroup } from '#src/lib/taxonomy/terms.ts';
import { SITE } from '#src/site.config.ts';
import { articlePaths, articleView, type ArticleProps } from './article.ts';
import { categoryFeeds, siteFeeds } from './feeds.ts';
import { homeView } from './home.ts';
import { archivePaths, authorPageView, authorPaths } from './listing.ts';
import { notFoundView } from './not-found.ts';
import { seriesIndexView, seriesPageView, seriesPaths } from './series.ts';
import { termIndexView, termListingView, termPaths, type TermListingProps } from './term.ts';
import { yearArchiveView } from './year-archive.ts';

const context = (site: URL | undefined) => ({ site, settings: SITE });

/** The landing page texts of `groups` (categories only: tags have none). */
const landingsOf = (kind: ListedKind, groups: readonly TermGroup[]) =>
  Promise.all(groups.map((group) => (kind === 'category' ? categoryPage(group.term.slug) : undefined)));

export async function articleStaticPaths() {
  return articlePaths(await getPosts(), { digest: postDigest, authorStamp }, import.meta.env.DEV);
}

/** The article's view, and its rendered body. */
export async function articlePage(props: ArticleProps, site: URL | undefined) {
  const { post } = props;
  const posts = await getPosts();
  const neighbours = props.neighbours ?? shownNeighbours(post, posts);
  const { Content, headings, remarkPluginFrontmatter } = await renderPost(post);
  const hero = await heroImage(post);
  const authors = await authorViews(post.authors);
  const card = await postShareCard(post, { base: import.meta.env.BASE_URL, heroKey: hero?.largest.name });
  const series = seriesPlace(post, posts);
  const data = {
    post,
    neighbours,
    hero,
    authors,
    card,
    headings,
    series,
    hasCode: remarkPluginFrontmatter[HAS_CODE] === true,
    hasVideo: remarkPluginFrontmatter[HAS_VIDEO] === true,
  };
  return { Content, view: articleView({ ...data, identity: siteIdentity(site) }, context(site)) };
}

export async function homePage(site: URL | undefined) {
  const posts = await getPosts();
  const featuredHero = posts[0] && (await heroImage(posts[0]));
  return homeView({ posts, featuredHero, identity: siteIdentity(site) }, context(site));
}

export async function archiveStaticPaths(paginate: PaginateFunction) {
  return archivePaths(await getPosts(), paginate, context(undefined));
}

export async function authorStaticPaths() {
  return authorPaths(await getPosts(), authorStamp);
}

export async function authorPage(group: TermGroup, site: URL | undefined) {
  return authorPageView(group, await authorView(group.term), context(site));
}

export async function termStaticPaths(kind: ListedKind, paginate: PaginateFunction) {
  const groups = groupByTerm(await getPosts(), kind);
  return termPaths(kind, groups, await landingsOf(kind, groups), paginate, context(undefined));
}

/** A term listing's view, and the category's landing page text on its first page. */
export async function termListingPage(props: TermListingProps, site: URL | undefined) {
  const landing = props.kind === 'category' ? await categoryPage(props.group.term.slug) : undefined;
  const landingHero = await categoryHeroImage(landing);
  const view = termListingView({ ...props, landing, landingHero }, context(site));
  const Intro = landing && view.showIntro ? (await render(landing.entry)).Content : undefined;
  return { Intro, view };
}

export async function seriesStaticPaths() {
  return seriesPaths(groupSeries(await getPosts()));
}

export function seriesPage(group: SeriesGroup, site: URL | undefined) {
  return seriesPageView(group, context(site));
}

export async function yearArchivePage(site: URL | undefined) {
  return yearArchiveView(await getPosts(), context(site));
}

/** The index of categories, tags or series (TermIndexPage.astro draws all three). */
export async function termIndexPage(kind: ListedKind | 'series', site: URL | undefined) {
  if (kind === 'series') return seriesIndexView(groupSeries(await getPosts()), context(site));
  const groups = groupByTerm(await getPosts(), kind);
  return termIndexView({ kind, groups, landings: await landingsOf(kind, groups) }, context(site));
}

export async function notFoundPage() {
  return notFoundView(await getPosts());
}

/** Feed routes' getStaticPaths, each feed with its cache key (feed.ts). */
export async function siteFeedPaths() {
  return Promise.all(siteFeeds(await getPosts(), context(undefined)).map((feed) => feedPath(feed.params, feed.options)));
}

export async function categoryFeedPaths() {
  return Promise.all(categoryFeeds(await getPosts(), context(undefined)).map((feed) => feedPath(feed.params, feed.options)));
}
