/** Site paths and project folders: canonical page paths, the base path, where files are. */
import { statSync } from 'node:fs';
import path from 'node:path';
import { envValue } from '#src/lib/build/environment.ts';
import { resolveReadable } from './safe-paths.ts';

/** Folders the build reads from, resolved for the project being built. */
export interface ProjectPaths {
  root: string;
  publicDir: string;
  cacheDir: string;
  /** The content folder, when it is not src/content/ (test fixtures). */
  contentRoot?: string | undefined;
}

/**
 * Resolves a post's `heroImage` (or any image it names in its frontmatter): "/name.webp" is a
 * file in `public/`, anything else is relative to the post's own folder. Null when the path
 * escapes its folder, written or through a link (safe-paths.ts decides), or is malformed: the
 * check has reported why.
 */
export function resolvePostAsset(reference: string, postFile: string, paths: ProjectPaths): string | null {
  return resolveReadable(reference, postFile, paths).file ?? null;
}

/**
 * A page path in the site's one canonical form, with the trailing slash every
 * page URL has ("/blog/x" -> "/blog/x/", query and fragment kept), so a link
 * never costs the reader a redirect. Files ("/rss.xml", "/images/a.webp") are
 * left as they are.
 */
export function withTrailingSlash(sitePath: string): string {
  const split = sitePath.search(/[?#]/);
  const pathname = split === -1 ? sitePath : sitePath.slice(0, split);
  const rest = split === -1 ? '' : sitePath.slice(split);
  if (pathname === '' || pathname.endsWith('/')) return sitePath;
  const last = pathname.slice(pathname.lastIndexOf('/') + 1);
  return last.includes('.') ? sitePath : `${pathname}/${rest}`;
}

/**
 * "https://www.blog.example.com/blog/x?ref=a#faq" -> "/blog/x/?ref=a#faq" when
 * it is on our site (any of its origins, http or https, with or without www.),
 * else null. Root-relative paths come back in the same canonical form.
 */
export function siteRelativePath(href: string, siteUrl: string | readonly string[]): string | null {
  if (href.startsWith('/') && !href.startsWith('//')) return withTrailingSlash(href);
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const bare = (host: string) => host.replace(/^www\./, '');
  const origins = typeof siteUrl === 'string' ? [siteUrl] : siteUrl;
  if (!origins.some((origin) => bare(new URL(origin).host) === bare(url.host))) return null;
  return withTrailingSlash(`${url.pathname}${url.search}${url.hash}`);
}

/** The post slug a site path points at ("/blog/x/" -> "x"), or null. */
export function postSlugFromPath(sitePath: string, base = '/'): string | null {
  const withoutBase = base !== '/' && sitePath.startsWith(base) ? `/${sitePath.slice(base.length)}` : sitePath;
  const match = /^\/blog\/([^/?#]+)\/?(?:[?#].*)?$/.exec(withoutBase);
  if (!match) return null;
  let slug = match[1]!;
  try {
    slug = decodeURIComponent(slug);
  } catch {
    // A malformed escape ("%zz") is kept as written: it names no post, and the check says so.
  }
  return /^\d+$/.test(slug) ? null : slug; // /blog/2/ is an archive page
}

/**
 * The path the site is hosted under, from BASE_PATH ("repo", "/repo" or
 * "/repo/" -> "/repo/"), "/" when it is unset: one reading for the Astro
 * config, the commands and the checker.
 */
export function basePathFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return `/${envValue('BASE_PATH', env) ?? ''}/`.replace(/\/{2,}/g, '/');
}

/** Where builds keep their caches: BLOG_CACHE_DIR (fixtures and benchmark copies keep their own), else Astro's default. */
export function cacheDirFromEnv(root: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(root, envValue('BLOG_CACHE_DIR', env) ?? 'node_modules/.astro');
}

/** Prefixes a root-relative path with the site's base ("/x/" -> "/sub/x/"). */
export function withBase(sitePath: string, base: string): string {
  if (base === '/' || base === '') return sitePath;
  const trimmed = base.endsWith('/') ? base.slice(0, -1) : base;
  return sitePath.startsWith(`${trimmed}/`) ? sitePath : `${trimmed}${sitePath}`;
}

/**
 * True when `file` exists and is a regular file (not a folder). A synchronous
 * stat: builds ask this of thousands of files, and each fs.promises call is a
 * round trip through libuv's thread pool (about 0.2 ms here, against 5 µs).
 */
export async function isFile(file: string): Promise<boolean> {
  try {
    return statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}

/** The site settings, as problems in them are reported (tools/check/settings-check.ts). */
export const SETTINGS_FILE = 'src/site.config.ts';

/** The look's one file: colours, fonts and widths (tools/check/theme-contrast.ts checks it). */
export const THEME_FILE = 'src/styles/theme.css';
