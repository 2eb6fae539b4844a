/**
 * The header's menu and the footer's links and social profiles, as src/site.config.ts writes them
 * (`nav`, `footer`): their types, the networks the footer knows, and how a link's href becomes the
 * page's. Checked by tools/check/navigation-check.ts; drawn by Header.astro and Footer.astro.
 */
import { withBase, withTrailingSlash } from './site-paths.ts';

/** One link of a menu: the text it shows, and a site path ("/about/") or a whole https:// URL. */
export interface MenuLink {
  label: string;
  href: string;
}

/** The networks the footer can link a profile on, with the name each link shows. */
export const SOCIAL_NETWORKS = {
  github: 'GitHub',
  gitlab: 'GitLab',
  codeberg: 'Codeberg',
  mastodon: 'Mastodon',
  bluesky: 'Bluesky',
  x: 'X',
  threads: 'Threads',
  linkedin: 'LinkedIn',
  youtube: 'YouTube',
  instagram: 'Instagram',
  facebook: 'Facebook',
  twitch: 'Twitch',
} as const;

export type SocialNetwork = keyof typeof SOCIAL_NETWORKS;

/** Profile addresses by network, each a whole https:// URL: `{ github: 'https://github.com/me' }`. */
export type SocialProfiles = Partial<Record<SocialNetwork, string>>;

export interface FooterSettings {
  /** The footer's menu. */
  links: readonly MenuLink[];
  /** Profiles elsewhere, linked with rel="me" (so Mastodon, say, can verify the site). */
  social: SocialProfiles;
  /** The footer's line of text. Default: "<title>: <description>"; '' leaves it out. */
  text?: string;
}

/** A site path: one leading slash (not "//", another host), no backslash, space or control character. */
const SITE_PATH = /^\/(?!\/)[^\s\\\p{Cc}]*$/u;

/** True for what a menu link may be: a site path or an https:// URL with a host. */
export function isMenuHref(href: unknown): href is string {
  if (typeof href !== 'string') return false;
  if (SITE_PATH.test(href)) return true;
  return isHttpsUrl(href);
}

/** True for a whole https:// URL with a host (a profile's address). */
export function isHttpsUrl(href: unknown): href is string {
  if (typeof href !== 'string' || /[\s\\]/.test(href)) return false;
  try {
    const url = new URL(href);
    return url.protocol === 'https:' && url.hostname !== '' && href.toLowerCase().startsWith('https://');
  } catch {
    return false;
  }
}

export const isExternal = (href: string) => !href.startsWith('/');

/** The href a page writes: a site path under the base path, in its canonical form ("/about" -> "/sub/about/"); a URL as it is. */
export function menuHref(href: string, base: string): string {
  return isExternal(href) ? href : withBase(withTrailingSlash(href), base);
}

/**
 * aria-current for a menu link on the page at `pagePath`: "page" on its own page, "true" inside its
 * section (a post under "Blog"), none elsewhere. The home page is a section of nothing.
 */
export function currentMarker(href: string, pagePath: string, home: string): 'page' | 'true' | undefined {
  if (isExternal(href)) return undefined;
  if (pagePath === href) return 'page';
  return href !== home && href.endsWith('/') && pagePath.startsWith(href) ? 'true' : undefined;
}
