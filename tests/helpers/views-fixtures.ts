/** Posts, images and profiles as the view models receive them, made from frontmatter as editors write it (no build, no astro:content). */
import type { PaginateFunction } from 'astro';
import type { AuthorView } from '#src/lib/content/author-person.ts';
import { buildPosts, type Post, type SourceEntry } from '#src/lib/content/post-model.ts';
import { postFrontmatterSchema } from '#src/lib/content/post-schema.ts';
import type { ResponsiveImage } from '#src/lib/images/images.ts';
import type { SiteIdentity } from '#src/lib/seo/structured-data.ts';
import type { Term } from '#src/lib/taxonomy/terms.ts';
import { SITE } from '#src/site.config.ts';

export const site = new URL('https://blog.example/');
export const context = { site, settings: SITE };
const paths = { root: '/site', publicDir: '/site/public', cacheDir: '/site/.cache' };
export const NOW = new Date('2026-06-01T00:00:00Z');

export interface FixturePost {
  slug: string;
  frontmatter?: Record<string, unknown>;
  body?: string;
}

/** Posts through the real schema and model, newest first; `dev` keeps drafts and scheduled posts as the dev server does. */
export function posts(list: FixturePost[], { dev = false } = {}): Post[] {
  const entries = list.map(({ slug, frontmatter = {}, body = 'Some text.' }): SourceEntry => ({
    id: `${slug}.md`,
    filePath: `src/content/blog/${slug}.md`,
    readBody: () => body,
    data: postFrontmatterSchema.parse({
      title: `Title of ${slug}`,
      description: `About ${slug}.`,
      slug,
      pubDate: '2026-03-04',
      category: 'Web Development',
      ...frontmatter,
    }),
  }));
  return buildPosts(entries, { paths, now: NOW, includeUnpublished: dev });
}

export function post(fixture: FixturePost, options?: { dev?: boolean }): Post {
  return posts([fixture], options)[0]!;
}

/** Image variants as images.ts names them. */
export function image(name: string, widths = [480, 960, 1600]): ResponsiveImage {
  const variants = widths.map((width) => ({
    name: `${name}-${width}.webp`,
    url: `/_img/${name}-${width}.webp`,
    width,
    height: Math.round(width / 2),
  }));
  return {
    src: variants[0]!.url,
    srcset: variants.map((v) => `${v.url} ${v.width}w`).join(', '),
    width: variants.at(-1)!.width,
    height: variants.at(-1)!.height,
    variants,
    largest: variants.at(-1)!,
  };
}

/** An author as bylines.ts loads them: with a profile (job title, avatar, links) or without. */
export function author(term: Term, profile?: { name: string; jobTitle?: string; links?: string[] }): AuthorView {
  return {
    term,
    name: profile?.name ?? term.name,
    href: `/author/${term.slug}/`,
    profile:
      profile &&
      ({ slug: term.slug, name: profile.name, jobTitle: profile.jobTitle, links: (profile.links ?? []).map((url) => ({ url })) } as never),
    avatar: profile ? image(`avatar-${term.slug}`, [64, 128]) : undefined,
  };
}

export const identity: SiteIdentity & { description: string; language: string } = {
  name: SITE.title,
  url: site.href,
  logo: { url: `${site.href}_img/logo.png`, width: 512, height: 512 },
  description: SITE.description,
  language: SITE.language,
};

/** Astro's paginate, as far as the views read it: pages of `pageSize` with their numbers and slice. */
export const paginate = ((
  data: readonly unknown[],
  options: { params?: Record<string, string>; props?: Record<string, unknown>; pageSize?: number } = {},
) => {
  const size = options.pageSize ?? 10;
  const last = Math.max(1, Math.ceil(data.length / size));
  return Array.from({ length: last }, (_, index) => ({
    params: { ...options.params, page: index === 0 ? undefined : String(index + 1) },
    props: {
      ...options.props,
      page: {
        data: data.slice(index * size, (index + 1) * size),
        start: index * size,
        end: Math.min(data.length, (index + 1) * size) - 1,
        total: data.length,
        currentPage: index + 1,
        lastPage: last,
        size,
        url: {},
      },
    },
  }));
}) as unknown as PaginateFunction;
