import type { APIRoute, GetStaticPaths } from 'astro';
import { postFeed } from '../../../lib/feed.ts';
import { getPosts } from '../../../lib/posts.ts';
import { TERM_PAGES } from '../../../lib/term-pages.ts';
import { groupByTerm, type TermGroup } from '../../../lib/terms.ts';
import { urls } from '../../../lib/urls.ts';
import { SITE } from '../../../site.config.ts';

export const getStaticPaths = (async () =>
  groupByTerm(await getPosts(), 'category').map((group) => ({
    params: { slug: group.term.slug },
    props: { group },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ group: TermGroup }> = ({ props: { group }, site }) =>
  postFeed({
    title: `${group.term.name} | ${SITE.title}`,
    description: TERM_PAGES.category.describe(group.term.name),
    posts: group.posts,
    site: site!,
    selfUrl: urls.categoryRss(group.term),
  });
