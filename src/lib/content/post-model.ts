/** The post as pages use it, made once from the collection entries. */
import { SITE } from '#src/site.config.ts';
import { authorNames, type PostFrontmatter } from './post-schema.ts';
import { computeReadingMinutes } from './reading-time.ts';
import { resolvePostAsset, type ProjectPaths } from '#src/lib/urls/site-paths.ts';
import { slugFromFile } from './slug.ts';
import { canonicalNames, toTerms, type Term } from '#src/lib/taxonomy/terms.ts';

/** A collection entry as the model needs it (what astro:content gives us). */
export interface SourceEntry {
  id: string;
  filePath: string;
  /** The Markdown body; read when a page first needs it. */
  readBody: () => string;
  data: PostFrontmatter;
}

export interface Post {
  id: string;
  /** Path of the Markdown file, relative to the project root. */
  file: string;
  slug: string;
  title: string;
  description: string;
  keywords: string[];
  tags: Term[];
  category: Term;
  /** The first author: the one link previews and feeds name first. */
  author: Term;
  /** Every author, in the order the post lists them (co-authors). */
  authors: Term[];
  pubDate: Date;
  updatedDate: Date | undefined;
  hero: { file: string; reference: string; alt: string } | undefined;
  readonly readingMinutes: number;
  draft: boolean;
  /** Dated in the future: not published yet. */
  scheduled: boolean;
  /** Markdown body, for word counts and FAQ extraction. */
  readonly body: string;
  /** SEO controls (PRODUCT.md): the search-result title, an off-site canonical, noindex, the link-preview image. */
  seo: {
    /** `<title>` and og:title; the headline when the editor set none. */
    title: string;
    canonicalURL: string | undefined;
    noindex: boolean;
    ogImage: { file: string; reference: string } | undefined;
  };
  /** Old site paths that must keep reaching this post ("/old-slug/"). */
  redirectFrom: string[];
  /** false: no FAQPage rich result for this post. */
  faq: boolean;
  /** The series this post is a part of (`series`, `seriesOrder`); its parts in order: src/lib/taxonomy/series.ts. */
  series: PostSeries | undefined;
}

/** A post's series: one name and slug per series, as terms have, and the editor's part number if given. */
export interface PostSeries extends Term {
  /** `seriesOrder`; without it the part takes its place by date. */
  order: number | undefined;
}

export interface BuildOptions {
  paths: ProjectPaths;
  now: Date;
  /** Keep drafts and scheduled posts (the dev server shows them, marked). */
  includeUnpublished: boolean;
}

/**
 * Turns validated collection entries into the posts the site shows, newest
 * first. Term names are made canonical across all posts so every page shows
 * the same name for one slug.
 */
export function buildPosts(entries: readonly SourceEntry[], options: BuildOptions): Post[] {
  const visible = entries.filter((entry) => {
    if (options.includeUnpublished) return true;
    return !entry.data.draft && entry.data.pubDate.getTime() <= options.now.getTime();
  });
  const tagSpellings = (entry: SourceEntry) => entry.data.tags ?? entry.data.keywords;
  const names = {
    tags: canonicalNames(visible.flatMap(tagSpellings)),
    category: canonicalNames(visible.map((e) => e.data.category)),
    author: canonicalNames(visible.flatMap((e) => authorNames(e.data.author, SITE.defaultAuthor))),
    series: canonicalNames(visible.flatMap((e) => e.data.series ?? [])),
  };
  const posts = visible.map((entry): Post => {
    const { data } = entry;
    const absolute = `${options.paths.root}/${entry.filePath}`;
    const heroFile = data.heroImage ? resolvePostAsset(data.heroImage, absolute, options.paths) : null;
    const ogFile = data.ogImage ? resolvePostAsset(data.ogImage, absolute, options.paths) : null;
    const authors = toTerms(authorNames(data.author, SITE.defaultAuthor), names.author);
    let readingMinutes = data.readingTime;
    let body: string | undefined;
    return {
      id: entry.id,
      file: entry.filePath,
      slug: data.slug ?? slugFromFile(entry.filePath),
      title: data.title,
      description: data.description,
      keywords: data.keywords,
      tags: toTerms(tagSpellings(entry), names.tags),
      category: toTerms([data.category], names.category)[0]!,
      author: authors[0]!,
      authors,
      pubDate: data.pubDate,
      updatedDate: data.updatedDate,
      hero: heroFile && data.heroImage ? { file: heroFile, reference: data.heroImage, alt: data.heroImageAlt ?? '' } : undefined,
      // Both on first use: a page reads a few posts' bodies, and loading the posts
      // (once per build, and after each saved edit in the dev server) reads none.
      get readingMinutes() {
        return (readingMinutes ??= computeReadingMinutes(this.body));
      },
      draft: data.draft,
      scheduled: data.pubDate.getTime() > options.now.getTime(),
      get body() {
        return (body ??= entry.readBody());
      },
      seo: {
        title: data.seoTitle ?? data.title,
        canonicalURL: data.canonicalURL,
        noindex: data.noindex,
        ogImage: ogFile && data.ogImage ? { file: ogFile, reference: data.ogImage } : undefined,
      },
      redirectFrom: data.redirectFrom,
      faq: data.faq,
      series: seriesOf(data, names.series),
    };
  });
  return posts.sort((a, b) => b.pubDate.getTime() - a.pubDate.getTime() || a.slug.localeCompare(b.slug));
}

function seriesOf(data: PostFrontmatter, names: Map<string, string>): PostSeries | undefined {
  const [term] = data.series === undefined ? [] : toTerms([data.series], names);
  return term && { ...term, order: data.seriesOrder };
}
