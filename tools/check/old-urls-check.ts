/** Redirects and the URLs earlier builds published: no old address may stop working. */
import { lostUrls, nextPublishedUrls, readPublishedUrls, type CurrentPost, type PublishedUrls } from '#src/lib/urls/published-urls.ts';
import { isWebAddress, pathKey, planRedirects, type RedirectRule, type RedirectSource } from '#src/lib/urls/redirects.ts';
import { quoted, sitePathProblem } from '#src/lib/urls/safe-paths.ts';
import { postSlugFromPath, SETTINGS_FILE, siteRelativePath } from '#src/lib/urls/site-paths.ts';
import { settingsLineFinder } from './settings-lines.ts';
import { authorNames } from '#src/lib/content/post-schema.ts';
import { slugify } from '#src/lib/content/slug.ts';
import type { CheckedPost, CheckOptions, Problem } from './problems.ts';

const postPath = (slug: string) => `/blog/${slug}/`;

/** Every page the build is sure to make that a redirect could collide with, by path key. */
function livePages(posts: readonly CheckedPost[], defaultAuthor: string): Map<string, string> {
  const live = new Map<string, string>();
  for (const fixed of ['/', '/blog/', '/categories/', '/tags/', '/search/', '/rss.xml', '/404.html', '/robots.txt', '/sitemap-index.xml'])
    live.set(pathKey(fixed), `the page ${fixed}`);
  for (const post of posts) {
    if (!post.published) continue;
    const terms: Array<[string, string]> = [
      ['category', post.data.category],
      ...authorNames(post.data.author, defaultAuthor).map((name): [string, string] => ['author', name]),
      ...(post.data.tags ?? post.data.keywords).map((tag): [string, string] => ['tag', tag]),
    ];
    for (const [kind, name] of terms) {
      const slug = slugify(name);
      if (slug) live.set(pathKey(`/${kind}/${slug}/`), `the ${kind} page of "${name}"`);
    }
  }
  for (const post of posts) if (post.published) live.set(pathKey(postPath(post.slug)), `the post ${post.file}`);
  return live;
}

export interface OldUrlsResult {
  problems: Problem[];
  /** One-hop redirects for the build to publish. */
  redirects: RedirectRule[];
  /** The record the build writes once the site is in place. */
  publishedUrls: PublishedUrls;
}

/**
 * Keeps every URL ever published alive (PRODUCT.md, "Old URLs"): plans the
 * redirects from posts' `redirectFrom` and the settings' `redirects`, and
 * compares this build's post URLs with the record of the last build's.
 */
export function checkOldUrls(posts: readonly CheckedPost[], options: CheckOptions, unreadable: ReadonlySet<string>): OldUrlsResult {
  const problems: Problem[] = [];
  const published = new Map(posts.filter((post) => post.published).map((post) => [post.slug, post]));
  const sources: RedirectSource[] = [];
  for (const post of posts) {
    if (!post.published) continue;
    for (const from of post.data.redirectFrom) {
      const unsafe = sitePathProblem(from);
      if (unsafe) {
        problems.push({ file: post.file, line: post.lines.redirectFrom, field: 'redirectFrom', message: unsafe });
        continue;
      }
      sources.push({
        from,
        to: postPath(post.slug),
        title: post.data.title,
        origin: { file: post.file, line: post.lines.redirectFrom, field: 'redirectFrom' },
      });
    }
  }
  const settingsLine = settingsLineFinder(options.root);
  for (const [from, written] of Object.entries(options.site.redirects)) {
    const origin = { file: SETTINGS_FILE, line: settingsLine(from), field: 'redirects' };
    const local = siteRelativePath(written, options.site.origins ?? options.site.url);
    const to = local ?? written;
    const unsafe =
      sitePathProblem(from) ??
      (/[\p{Cc}\s]/u.test(written)
        ? `"${from}" leads to ${quoted(written)}, which holds a space or a line break; write the target as one address`
        : null);
    if (unsafe) {
      problems.push({ ...origin, message: unsafe });
      continue;
    }
    if (!from.startsWith('/') || (local === null && !isWebAddress(written))) {
      problems.push({
        ...origin,
        message: `"${from}": "${written}" must map a path on this site ("/old-page/") to a path or a whole web address`,
      });
      continue;
    }
    const slug = local === null ? null : postSlugFromPath(local);
    const target = slug === null ? undefined : published.get(slug);
    if (slug !== null && !target) {
      problems.push({
        ...origin,
        message: `"${from}" leads to "${written}", but no published post has the slug "${slug}"; fix the target`,
      });
      continue;
    }
    sources.push({ from, to, title: target?.data.title ?? to, origin });
  }
  const plan = planRedirects(sources, livePages(posts, options.site.defaultAuthor));
  problems.push(...plan.problems);

  const redirected = new Set(plan.rules.map((rule) => pathKey(rule.from)));
  const removed = new Set(options.site.removedUrls.map(pathKey));
  const current: CurrentPost[] = posts.map((post) => ({
    file: post.file,
    url: postPath(post.slug),
    slug: post.slug,
    published: post.published,
    draft: post.data.draft,
    lines: post.lines,
  }));
  const previous = readPublishedUrls(options.cacheDir);
  if (previous) {
    const kept = Object.fromEntries(Object.entries(previous).filter(([, file]) => !unreadable.has(file)));
    problems.push(...lostUrls(kept, current, (key) => redirected.has(key) || removed.has(key)));
  }
  return {
    problems,
    redirects: plan.rules,
    publishedUrls: nextPublishedUrls(previous, current, (key) => redirected.has(key)),
  };
}
