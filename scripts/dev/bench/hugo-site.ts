/**
 * A minimal Hugo site with the same page types as the blog, for `npm run bench -- --vs-hugo`:
 * an article per post (hero and body images in four webp widths made by Hugo's image
 * processing, tags, category, author, three related posts), the paginated archive `/blog/`,
 * paginated tag and category pages, author pages, the tag and category indexes, the home
 * page, an RSS feed for the site and one per category (the newest 50 posts, as the blog's),
 * and the sitemap. It reads the same generated Markdown bodies as the Astro build.
 */
import { link, mkdir, readdir, readFile, writeFile, copyFile } from 'node:fs/promises';
import path from 'node:path';
import type { CorpusPost } from './corpus.ts';

/** The blog's widths (src/lib/images/images.ts) and webp quality (WEBP_OPTIONS). */
export const HUGO_WIDTHS = [480, 800, 1200, 1600] as const;
const WEBP_QUALITY = 72;
const POSTS_PER_PAGE = 10;
const FEED_ITEMS = 50;
const HERO_SIZES = '(min-width: 62rem) 60rem, 100vw';
const BODY_SIZES = '(min-width: 48rem) 46rem, calc(100vw - 2.5rem)';

const CONFIG = `baseURL = "https://blog.example.com/"
title = "Signal & Noise"
languageCode = "en"
paginate = ${POSTS_PER_PAGE}
rssLimit = ${FEED_ITEMS}
disableKinds = ["robotsTXT", "404"]
# Hugo stops a page that takes longer than 30 s by default; on a busy machine its images can.
timeout = "3600s"

[taxonomies]
  tag = "tags"
  category = "categories"
  author = "authors"

[permalinks]
  blog = "/blog/:slug/"

[outputs]
  home = ["HTML", "RSS"]
  section = ["HTML"]
  taxonomy = ["HTML"]
  term = ["HTML"]

# Hugo's default resampling filter (Box): Lanczos, sharp's default, took 0.45 s of CPU per 1600 px variant here.
[imaging]
  quality = ${WEBP_QUALITY}

[related]
  includeNewer = true
  threshold = 1
  toLower = true
  [[related.indices]]
    name = "tags"
    weight = 100
  [[related.indices]]
    name = "categories"
    weight = 20
`;

/** `{{ partial "srcset" (dict "img" $img) }}`: the variants no wider than the source, as the blog makes. */
const SRCSET = `{{- $img := .img -}}
{{- $list := slice -}}
{{- $src := "" -}}
{{- range $w := slice ${HUGO_WIDTHS.join(' ')} -}}
  {{- if le $w $img.Width -}}
    {{- $v := $img.Resize (printf "%dx webp q${WEBP_QUALITY}" $w) -}}
    {{- $list = $list | append (printf "%s %dw" $v.RelPermalink $w) -}}
    {{- if eq $w 800 }}{{ $src = $v.RelPermalink }}{{ end -}}
  {{- end -}}
{{- end -}}
{{- if eq $src "" }}{{ $src = $img.RelPermalink }}{{ end -}}
{{- return (dict "src" $src "srcset" (delimit $list ", ")) -}}
`;

const BASE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} · {{ site.Title }}{{ end }}</title>
<meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ site.Title }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
{{ range .AlternativeOutputFormats }}<link rel="alternate" type="{{ .MediaType.Type }}" href="{{ .Permalink }}">{{ end }}
</head>
<body>
<header><a href="/">{{ site.Title }}</a> <a href="/blog/">All posts</a> <a href="/categories/">Categories</a> <a href="/tags/">Tags</a></header>
<main>{{ block "main" . }}{{ end }}</main>
<footer><a href="/index.xml">RSS</a></footer>
</body>
</html>
`;

const CARD = `<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "Jan 2, 2006" }}</time><p>{{ .Description }}</p></article>
`;

const LIST = `{{ define "main" }}<h1>{{ .Title }}</h1>
{{ $pager := .Paginate .Pages }}
{{ range $pager.Pages }}{{ partial "card.html" . }}{{ end }}
{{ template "_internal/pagination.html" . }}
{{ end }}
`;

/** Term pages: authors list every post on one page, tags and categories are paginated (as the blog's). */
const TERM = `{{ define "main" }}<h1>{{ .Title }}</h1>
{{ if eq .Data.Plural "authors" }}
{{ range .Pages }}{{ partial "card.html" . }}{{ end }}
{{ else }}
{{ $pager := .Paginate .Pages }}
{{ range $pager.Pages }}{{ partial "card.html" . }}{{ end }}
{{ template "_internal/pagination.html" . }}
{{ end }}
{{ end }}
`;

const TAXONOMY = `{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ end }}
`;

const HOME = `{{ define "main" }}<h1>{{ site.Title }}</h1>
{{ range first ${POSTS_PER_PAGE} (where site.RegularPages "Section" "blog") }}{{ partial "card.html" . }}{{ end }}
<a href="/blog/">All posts</a>
{{ end }}
`;

const SINGLE = `{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "Jan 2, 2006" }}</time>
{{ range .GetTerms "authors" }} by <a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}
{{ range .GetTerms "categories" }} in <a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</p>
{{ with resources.Get (strings.TrimPrefix "/" .Params.hero) }}
{{ $v := partial "srcset.html" (dict "img" .) }}
<img src="{{ $v.src }}" srcset="{{ $v.srcset }}" sizes="${HERO_SIZES}" width="{{ .Width }}" height="{{ .Height }}" alt="{{ $.Params.heroAlt }}" fetchpriority="high">
{{ end }}
{{ .TableOfContents }}
{{ .Content }}
<ul>{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
<h2>Related posts</h2>
{{ range first 3 (site.RegularPages.Related .) }}{{ partial "card.html" . }}{{ end }}
</article>
{{ end }}
`;

/** Body images: Markdown's `![alt](/bench/x.webp)` become four webp widths, lazy-loaded. */
const RENDER_IMAGE = `{{- with resources.Get (strings.TrimPrefix "/" .Destination) -}}
{{- $v := partial "srcset.html" (dict "img" .) -}}
<img src="{{ $v.src }}" srcset="{{ $v.srcset }}" sizes="${BODY_SIZES}" width="{{ .Width }}" height="{{ .Height }}" alt="{{ $.Text }}" loading="lazy" decoding="async">
{{- else -}}
{{- errorf "image %q not found under assets/" .Destination -}}
{{- end -}}`;

/** Every file of the site but the content and images, by path inside the site folder. */
export function hugoTemplates(): Record<string, string> {
  return {
    'hugo.toml': CONFIG,
    'layouts/_default/baseof.html': BASE,
    'layouts/_default/list.html': LIST,
    'layouts/_default/term.html': TERM,
    'layouts/_default/taxonomy.html': TAXONOMY,
    'layouts/_default/single.html': SINGLE,
    'layouts/index.html': HOME,
    'layouts/partials/card.html': CARD,
    'layouts/partials/srcset.html': SRCSET,
    'layouts/_default/_markup/render-image.html': RENDER_IMAGE,
    // The blog's category pages have a feed each; its tag and author pages do not.
    'content/categories/_index.md': `${JSON.stringify({ title: 'Categories', outputs: ['HTML'], cascade: { outputs: ['HTML', 'RSS'] } }, null, 2)}\n`,
    'content/blog/_index.md': `${JSON.stringify({ title: 'All posts' }, null, 2)}\n`,
  };
}

/** The Markdown body of a generated post: everything after its YAML frontmatter. */
export function postBody(source: string): string {
  const match = /^---\n[\s\S]*?\n---\n/.exec(source);
  if (!match) throw new Error('a generated post has no frontmatter');
  return source.slice(match[0].length);
}

/** A post as Hugo content: JSON front matter (no YAML quoting to get wrong) and the same body. */
export function hugoPost(post: CorpusPost, body: string): string {
  const front = {
    title: post.title,
    description: post.description,
    slug: post.slug,
    date: post.date,
    tags: post.keywords,
    categories: [post.category],
    authors: [post.author],
    hero: post.hero,
    heroAlt: post.heroAlt,
  };
  return `${JSON.stringify(front, null, 2)}\n\n${body}`;
}

/**
 * Writes the Hugo site into `siteDir` from the project copy at `root`: templates, one content
 * file per post, and the corpus's images linked into `assets/` (where Hugo's image processing
 * reads them).
 */
export async function writeHugoSite(root: string, siteDir: string, posts: CorpusPost[]): Promise<void> {
  for (const [file, text] of Object.entries(hugoTemplates())) {
    await mkdir(path.dirname(path.join(siteDir, file)), { recursive: true });
    await writeFile(path.join(siteDir, file), text);
  }
  for (const post of posts) {
    const body = postBody(await readFile(path.join(root, post.file), 'utf8'));
    await writeFile(path.join(siteDir, 'content/blog', `${post.slug}.md`), hugoPost(post, body));
  }
  const images = path.join(root, 'public/bench');
  await mkdir(path.join(siteDir, 'assets/bench'), { recursive: true });
  for (const name of await readdir(images)) {
    const target = path.join(siteDir, 'assets/bench', name);
    await link(path.join(images, name), target).catch(() => copyFile(path.join(images, name), target));
  }
}
