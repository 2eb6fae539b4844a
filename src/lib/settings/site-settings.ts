/** What src/site.config.ts holds (SiteConfig, each field's meaning), and the settings as the site uses them (siteSettings). */
import { envValue } from '#src/lib/build/environment.ts';
import type { Services } from '#src/lib/services/settings.ts';
import type { FooterSettings, MenuLink } from '#src/lib/urls/menu-links.ts';

/**
 * The site-wide settings, written in src/site.config.ts (the one place for them). `SITE_URL`
 * overrides `url` so preview deploys get correct canonical and feed URLs without editing that file.
 */
export interface SiteConfig {
  /** Public origin of the site, no trailing slash, e.g. "https://blog.example.com". */
  url: string;
  title: string;
  description: string;
  /** BCP 47 language tag used for <html lang>, dates and the feed. */
  language: string;
  /** Author shown when a post has no `author`. */
  defaultAuthor: string;
  /** IANA time zone in which post dates are read and shown. */
  timeZone: string;
  /** Posts per listing page (archive, category, tag). */
  postsPerPage: number;
  /**
   * The newest posts each feed carries, in full. Feed readers poll the whole
   * file again and again, so it holds recent posts, not the archive.
   */
  feedItems: number;
  /**
   * The site's logo, an image in public/ (SVG, PNG, JPEG or WebP), made into a
   * 512x512 PNG for search engines: the publisher logo of every post's JSON-LD
   * and the Organization on the home page. Default: the favicon.
   */
  logo: string;
  /**
   * Open Graph locale (`og:locale`), language_TERRITORY as Facebook reads it,
   * e.g. "en_GB". Default: made from `language` with its most likely
   * territory ("en" -> "en_US", "pt" -> "pt_BR", "de-AT" -> "de_AT").
   */
  locale?: string;
  /**
   * X (Twitter) accounts for link previews, written "@name". `site` is
   * `twitter:site` on every page; `authors` maps an author's name (as posts
   * write it) to theirs, the `twitter:creator` of their posts, and the site's
   * account stands in for authors without one. Empty: no such tags.
   */
  twitter: { site?: string; authors: Record<string, string> };
  /**
   * Every origin that is this site: `url`, and the configured one when
   * `SITE_URL` points a preview deploy elsewhere, so posts' absolute links to
   * the real domain still count as internal links.
   */
  origins?: readonly string[];
  /**
   * Old addresses that are not posts' (posts list theirs in `redirectFrom`),
   * each to where it should lead now: a site path or a whole URL. Every build
   * writes a page at each old address and a `_redirects` file of 301s.
   */
  redirects: Readonly<Record<string, string>>;
  /**
   * Post URLs taken down on purpose. The build refuses to drop a URL it once
   * published unless a redirect keeps it alive or it is listed here.
   */
  removedUrls: readonly string[];
  /**
   * Third-party services, all off until named here (README, "Opt-in services"):
   * `analytics` (Plausible, Umami, GoatCounter or Google Analytics 4), `comments`
   * (giscus, loaded when a reader asks) and `newsletter` (a sign-up form).
   * Each adds exactly its hosts to the Content-Security-Policy.
   */
  services: Services;
  /**
   * How large one post may be; the check refuses a post over either limit, naming it:
   * `maxPostBytes`, the post file's size (default 2 MB, checked before the file is read), and
   * `maxTags`, entries in its `tags` and in its `keywords` (default 200).
   */
  postLimits: { maxPostBytes: number; maxTags: number };
  /**
   * Folders under src/content/blog/ that hold posts from guest editors (README, "Guest
   * posts"). MDX runs code on the build machine, so the check refuses an .mdx file in them.
   * Default: ["guests"].
   */
  guests: { folders: readonly string[] };
  /**
   * The header's menu, in order: each `{ label, href }`, the href a site path ("/about/", under
   * BASE_PATH when the site is built for one) or a whole https:// URL. The search box and the
   * theme switch follow it.
   */
  nav: readonly MenuLink[];
  /**
   * The footer: `links` (its menu, as `nav`), `social` (profiles by network, each a whole https://
   * URL: github, gitlab, codeberg, mastodon, bluesky, x, threads, linkedin, youtube, instagram,
   * facebook, twitch; linked with rel="me") and `text` (its line; default "<title>: <description>",
   * '' for none).
   */
  footer: FooterSettings;
}

function normaliseUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}`;
}

/** SITE_URL, or the configured url when it is unset or not a web address (every command stops on the latter first: scripts/project.ts). */
function urlFromEnvironment(configured: string): string {
  try {
    return envValue('SITE_URL') ?? configured;
  } catch {
    return configured;
  }
}

/** The settings as written, with the origin the site is built for (`SITE_URL`, else `url`) and every origin that is this site. */
export function siteSettings(written: SiteConfig): SiteConfig & { origins: readonly string[] } {
  const url = normaliseUrl(urlFromEnvironment(written.url));
  return { ...written, url, origins: [...new Set([url, normaliseUrl(written.url)])] };
}
