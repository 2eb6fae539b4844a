/**
 * Mistakes in the menus of src/site.config.ts (`nav`, `footer`): a link with no text, an href that
 * is neither a site path nor an https:// URL (javascript:, a bare "about", "//host"), a network
 * the footer does not know, a profile that is not a whole https:// address.
 */
import { isHttpsUrl, isMenuHref, SOCIAL_NETWORKS, type MenuLink } from '#src/lib/urls/menu-links.ts';
import type { SiteConfig } from '#src/site.config.ts';
import type { Problem } from './problems.ts';
import { SETTINGS_FILE } from '#src/lib/urls/site-paths.ts';

type LineOf = (value: string | null, key?: string) => number;

const HREF_HINT = 'write a site path such as "/about/" or a whole https:// URL';

function linkProblems(links: unknown, field: string, lineOf: LineOf): Problem[] {
  const problems: Problem[] = [];
  const add = (where: string, line: number, message: string) => problems.push({ file: SETTINGS_FILE, line, field: where, message });
  if (!Array.isArray(links)) {
    add(field, lineOf(null, field.split('.').at(-1)), `must be a list of links, [{ label: 'About', href: '/about/' }]`);
    return problems;
  }
  links.forEach((link: Partial<MenuLink> | null, index) => {
    const at = `${field}[${index}]`;
    if (typeof link !== 'object' || link === null) {
      add(at, lineOf(null, field.split('.').at(-1)), `must be a link, { label: 'About', href: '/about/' }`);
      return;
    }
    if (typeof link.label !== 'string' || link.label.trim() === '')
      add(
        `${at}.label`,
        typeof link.href === 'string' ? lineOf(link.href, 'href') : lineOf(null, 'label'),
        'is empty; write the text the link shows',
      );
    if (!isMenuHref(link.href)) {
      const written = typeof link.href === 'string' ? link.href : String(link.href);
      add(
        `${at}.href`,
        typeof link.href === 'string' ? lineOf(link.href, 'href') : lineOf(null, 'href'),
        `"${written}" is not a link a menu can have; ${HREF_HINT}`,
      );
    }
  });
  return problems;
}

export function navigationProblems(site: Pick<SiteConfig, 'nav' | 'footer'>, lineOf: LineOf): Problem[] {
  const problems = [...linkProblems(site.nav, 'nav', lineOf)];
  const footer = site.footer as Partial<SiteConfig['footer']> | undefined;
  if (typeof footer !== 'object' || footer === null) {
    problems.push({ file: SETTINGS_FILE, line: lineOf(null, 'footer'), field: 'footer', message: 'must be { links: [...], social: {} }' });
    return problems;
  }
  problems.push(...linkProblems(footer.links, 'footer.links', lineOf));
  const social: Record<string, unknown> = typeof footer.social === 'object' && footer.social !== null ? footer.social : {};
  for (const [network, url] of Object.entries(social)) {
    const field = `footer.social.${network}`;
    if (!Object.hasOwn(SOCIAL_NETWORKS, network))
      problems.push({
        file: SETTINGS_FILE,
        line: lineOf(null, network),
        field,
        message: `is not a network the footer knows; use one of ${Object.keys(SOCIAL_NETWORKS).join(', ')} (or put the link in footer.links)`,
      });
    else if (!isHttpsUrl(url))
      problems.push({
        file: SETTINGS_FILE,
        line: typeof url === 'string' ? lineOf(url, network) : lineOf(null, network),
        field,
        message: `"${String(url)}" is not a whole https:// address; write the profile's URL as the browser shows it, starting https://`,
      });
  }
  if (footer.text !== undefined && typeof footer.text !== 'string')
    problems.push({ file: SETTINGS_FILE, line: lineOf(null, 'text'), field: 'footer.text', message: "must be text, or '' for none" });
  return problems;
}
