/** The static pages and _redirects lines written for each redirect. */
import { isWebAddress, type RedirectRule } from './redirects.ts';
import { lineValue } from './safe-paths.ts';
import { withBase } from './site-paths.ts';

/**
 * What the build writes for each redirect: a small static page at the old
 * address (any host serves it: a meta refresh, a canonical link to the new
 * address, noindex, a visible link), and one `_redirects` file of 301s for
 * hosts that read it (Netlify, Cloudflare Pages), which answer before the page.
 */

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The site path of the file a redirect page is written to, under the base: "/2019/05/old.html"
 * is served as that very file; "/old-slug" and "/old-slug/" as a folder's index.html. The build
 * turns it into a file with safe-paths.ts's outputFile, which keeps it inside the site.
 */
export function redirectPagePath(from: string, base: string): string {
  const pathname = withBase(from.split(/[?#]/)[0]!, base);
  const last = pathname.slice(pathname.lastIndexOf('/') + 1);
  return pathname.endsWith('/') ? `${pathname}index.html` : last.includes('.') ? pathname : `${pathname}/index.html`;
}

export interface RedirectPageOptions {
  /** The site's origin, for the absolute canonical URL. */
  site: string;
  base: string;
  language: string;
  siteTitle: string;
}

/** Where a rule leads, as a link on the page: root-relative under the base, or the other site's URL. */
export function redirectTarget(rule: RedirectRule, base: string): string {
  return isWebAddress(rule.to) ? rule.to : withBase(rule.to, base);
}

/**
 * A redirect page loads nothing and runs nothing: its policy says so first in <head>, for hosts
 * that send no headers (the title it shows is a post's, escaped, but a policy costs one line).
 */
export const REDIRECT_PAGE_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'";

/** The HTML of the page at a rule's old address. */
export function renderRedirectPage(rule: RedirectRule, options: RedirectPageOptions): string {
  const href = redirectTarget(rule, options.base);
  const canonical = new URL(href, options.site).href;
  const title = escapeHtml(rule.title);
  return `<!DOCTYPE html>
<html lang="${escapeHtml(options.language)}">
  <head>
    <meta charset="utf-8">
    <meta http-equiv="Content-Security-Policy" content="${REDIRECT_PAGE_CSP}">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Moved: ${title} | ${escapeHtml(options.siteTitle)}</title>
    <meta name="description" content="This page has moved to ${escapeHtml(canonical)}.">
    <meta name="robots" content="noindex">
    <link rel="canonical" href="${escapeHtml(canonical)}">
    <meta http-equiv="refresh" content="0; url=${escapeHtml(href)}">
  </head>
  <body>
    <main>
      <h1>This page has moved</h1>
      <p>It is now at <a href="${escapeHtml(href)}">${title}</a>.</p>
    </main>
  </body>
</html>
`;
}

/**
 * `_redirects` lines, one 301 per old address. A folder-like address is
 * listed with and without its trailing slash, since readers' links have both.
 */
export function redirectsFile(rules: readonly RedirectRule[], base: string): string {
  const lines: string[] = [];
  for (const rule of rules) {
    const from = withBase(rule.from.split(/[?#]/)[0]!, base);
    const to = redirectTarget(rule, base);
    const last = from.slice(from.lastIndexOf('/') + 1);
    const forms = last.includes('.') || from === '/' ? [from] : [from.replace(/\/+$/, ''), `${from.replace(/\/+$/, '')}/`];
    // Checked before (safe-paths.ts's sitePathProblem), and again here: a line break in either
    // would add a rule of its own to every host that reads the file.
    const where = `${rule.origin.file}:${rule.origin.line}  ${rule.origin.field}`;
    for (const form of new Set(forms)) lines.push(`${lineValue(form, where)}  ${lineValue(to, where)}  301`);
  }
  return lines.length > 0
    ? `# Old addresses (redirectFrom in posts, redirects in src/site.config.ts), made by npm run build\n${lines.join('\n')}\n`
    : '';
}
