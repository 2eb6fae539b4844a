import type { APIRoute, GetStaticPaths } from 'astro';
import { feedPath, postFeed, type FeedOptions } from '#src/lib/feeds/feed.ts';
import { getPosts } from '#src/lib/content/posts.ts';
import { TERM_PAGES } from '#src/lib/taxonomy/term-pages.ts';
import { groupByTerm } from '#src/lib/taxonomy/terms.ts';
import { urls } from '#src/lib/urls/urls.ts';
import { SITE } from '#src/site.config.ts';

export const getStaticPaths = (async () =>
  Promise.all(
    groupByTerm(await getPosts(), 'category').map((group) =>
      feedPath(
        { slug: group.term.slug },
        {
          title: `${group.term.name} | ${SITE.title}`,
          description: TERM_PAGES.category.describe(group.term.name),
          posts: group.posts,
          selfUrl: urls.categoryRss(group.term),
        },
      ),
    ),
  )) satisfies GetStaticPaths;

export const GET: APIRoute<{ options: FeedOptions }> = ({ props: { options }, site }) => postFeed({ ...options, site: site! });
