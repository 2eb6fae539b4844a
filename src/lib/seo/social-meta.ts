/** Open Graph and X (Twitter) tag values from the settings. */
import { slugify } from '#src/lib/content/slug.ts';

/**
 * Values of the link-preview tags that come from settings: `og:locale` and
 * the X (Twitter) accounts.
 */

/** Facebook's og:locale form: language_TERRITORY, "en_US". */
export const OG_LOCALE = /^[a-z]{2,3}_[A-Z]{2}$/;
/** An X handle: "@" and 1 to 15 letters, digits or underscores. */
export const X_HANDLE = /^@[A-Za-z0-9_]{1,15}$/;

/**
 * og:locale for the site: the `locale` setting, else the site language with
 * its most likely territory from CLDR (Intl.Locale's maximize: "en" ->
 * "en_US", "pt" -> "pt_BR", "zh-Hant" -> "zh_TW"), or with its own
 * ("de-AT" -> "de_AT"). Null when neither gives the language_TERRITORY form
 * (a language whose territory is a region number, "es-419").
 */
export function ogLocale(language: string, setting?: string): string | null {
  if (setting !== undefined) return OG_LOCALE.test(setting) ? setting : null;
  let tag: Intl.Locale;
  try {
    tag = new Intl.Locale(language).maximize();
  } catch {
    return null;
  }
  const locale = `${tag.language}_${tag.region ?? ''}`;
  return OG_LOCALE.test(locale) ? locale : null;
}

export interface XAccounts {
  /** twitter:site */
  site?: string | undefined;
  /** twitter:creator */
  creator?: string | undefined;
}

/**
 * The X accounts of a page: the site's, and for a post its author's, looked
 * up by slug so any spelling of the name that gives the author's page finds
 * it; the site's account stands in for an author without one.
 */
export function xAccounts(settings: { site?: string | undefined; authors: Record<string, string> }, authorSlug?: string): XAccounts {
  const own = authorSlug === undefined ? undefined : Object.entries(settings.authors).find(([name]) => slugify(name) === authorSlug)?.[1];
  return { site: settings.site, creator: own ?? settings.site };
}
