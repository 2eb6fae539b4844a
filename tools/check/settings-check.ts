/** Mistakes in src/site.config.ts, reported on the settings line like a post problem. */
import sharp from 'sharp';
import type { SiteConfig } from '#src/site.config.ts';
import { guestSettingsProblems } from './guest-posts.ts';
import { postLimitsProblems } from './post-limits.ts';
import { servicesProblems } from './services-check.ts';
import { settingsLineFinder } from './settings-lines.ts';
import { isFile, SETTINGS_FILE } from '#src/lib/urls/site-paths.ts';
import { LOGO_MIN_SIZE, logoSource } from '#src/lib/images/site-logo.ts';
import { OG_LOCALE, X_HANDLE, ogLocale } from '#src/lib/seo/social-meta.ts';
import { projectThemeProblems } from './theme-contrast.ts';
import { navigationProblems } from './navigation-check.ts';
import type { Problem } from './problems.ts';

/**
 * Mistakes in the settings that pages and search engines read (the logo, the
 * locale, the X accounts, the menus), reported like a post's, on the settings file's
 * line, so a build stops before it rather than deep inside a page; and the look's
 * colours (src/styles/theme.css) that fall short of WCAG AA contrast, on their line there.
 */
export async function settingsProblems(site: SiteConfig, paths: { root: string; publicDir: string }): Promise<Problem[]> {
  const lineOf = settingsLineFinder(paths.root);
  const problems: Problem[] = [];
  const add = (field: string, line: number, message: string) => problems.push({ file: SETTINGS_FILE, line, field, message });

  const logo = logoSource(site.logo, paths.publicDir);
  if (!(await isFile(logo))) {
    add(
      'logo',
      lineOf(site.logo, 'logo'),
      `"${site.logo}" does not exist in public/; name an image there (SVG, PNG, JPEG or WebP), e.g. "favicon.svg"`,
    );
  } else {
    try {
      const info = await sharp(logo).metadata();
      const side = Math.min(info.width ?? 0, info.height ?? 0);
      if (info.format !== 'svg' && side < LOGO_MIN_SIZE)
        add(
          'logo',
          lineOf(site.logo, 'logo'),
          `"${site.logo}" is ${info.width}x${info.height}; Google needs a logo of at least ${LOGO_MIN_SIZE}x${LOGO_MIN_SIZE} px: use a larger image or an SVG`,
        );
    } catch {
      add('logo', lineOf(site.logo, 'logo'), `"${site.logo}" is not an image sharp can read; use an SVG, PNG, JPEG or WebP file`);
    }
  }

  if (site.locale !== undefined && !OG_LOCALE.test(site.locale))
    add(
      'locale',
      lineOf(site.locale, 'locale'),
      `"${site.locale}" is not a locale in language_TERRITORY form; write it like "en_US" or "pt_BR"`,
    );
  else if (site.locale === undefined && ogLocale(site.language) === null)
    add(
      'language',
      lineOf(site.language, 'language'),
      `"${site.language}" gives no language_TERRITORY for og:locale; set locale, e.g. locale: "es_MX"`,
    );

  const handle = (field: string, value: string) => {
    if (!X_HANDLE.test(value))
      add(field, lineOf(value), `"${value}" is not an X handle; write it as "@name" (letters, digits and _, at most 15)`);
  };
  if (site.twitter.site !== undefined) handle('twitter.site', site.twitter.site);
  for (const [author, value] of Object.entries(site.twitter.authors)) handle(`twitter.authors["${author}"]`, value);
  for (const problem of servicesProblems(site.services, lineOf)) add(problem.field, problem.line, problem.message);
  return [
    ...problems,
    ...navigationProblems(site, lineOf),
    ...postLimitsProblems(site.postLimits, lineOf),
    ...guestSettingsProblems(site.guests, lineOf),
    ...(await projectThemeProblems(paths.root)),
  ];
}
