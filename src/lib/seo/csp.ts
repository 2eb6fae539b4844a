/** The site's Content-Security-Policy: the pages' <meta> and dist/_headers. */
import { THEME_SCRIPT_HASH } from '#src/lib/theme/theme-script.ts';

/**
 * The site's Content-Security-Policy, in one place: every page carries it as its
 * first <meta> after the charset (src/layouts/BaseLayout.astro, cspMeta()), and
 * the build writes it into dist/_headers with `frame-ancestors`, which a <meta>
 * cannot carry (cspHeader(); tests keep the two equal). The opt-in services
 * (src/lib/services/) add their hosts through `extra`.
 */
export const CSP_DIRECTIVES = [
  "default-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  // The players a clicked video facade loads (src/lib/markdown/video-url.ts, VIDEO_FRAME_ORIGINS; a test keeps them equal).
  'frame-src https://www.youtube-nocookie.com https://player.vimeo.com',
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  // A post's http:// image or embed is fetched over https instead of being
  // blocked as mixed content or sent in clear (old posts moved from other sites have them).
  'upgrade-insecure-requests',
  // Scripts are files under /_astro/ (astro.config.ts keeps them out of the HTML); Pagefind's search runs as WebAssembly.
  "script-src 'self' 'wasm-unsafe-eval'",
  // Styles: the site's stylesheets, which the build inlines as <style> elements (astro.config.ts
  // `inlineStylesheets`, a measured first-paint win), so inline elements are allowed; `style`
  // attributes are not: nothing of the site writes one (highlighted code has classes,
  // src/lib/markdown/code-theme.ts; the sanitiser drops them from posts' HTML; the post check
  // refuses them in MDX). Browsers without the CSP Level 3 directives (Firefox before 108,
  // Safari before 15.4) read only `style-src`, which keeps 'unsafe-inline' so they can still
  // apply the inline stylesheets; every other browser reads the two after it instead.
  "style-src 'self' 'unsafe-inline'",
  "style-src-elem 'self' 'unsafe-inline'",
  "style-src-attr 'none'",
] as const;

/** The one inline script: the theme, applied before the first paint. */
export const CSP_SCRIPT_HASHES = [THEME_SCRIPT_HASH] as const;

/** Sources a service adds, by directive. */
export type CspAdditions = Partial<Record<'script-src' | 'style-src' | 'connect-src' | 'img-src' | 'frame-src' | 'form-action', string[]>>;

/**
 * Every directive, with `extra` sources appended to theirs and the inline script's hash last in
 * `script-src`. A stylesheet host added to `style-src` goes to `style-src-elem` too, which is
 * what browsers that know it read for stylesheets (and `style-src-attr` stays 'none').
 */
function directives(extra: CspAdditions): string[] {
  return CSP_DIRECTIVES.map((line) => {
    const [name, ...sources] = line.split(' ') as [string, ...string[]];
    const hashes = name === 'script-src' ? CSP_SCRIPT_HASHES.map((hash) => `'${hash}'`) : [];
    const added = name === 'style-src-elem' ? extra['style-src'] : extra[name as keyof CspAdditions];
    return [name, ...new Set([...sources, ...(added ?? []), ...hashes])].join(' ');
  });
}

/** The policy as a page's <meta> carries it. */
export function cspMeta(extra: CspAdditions = {}): string {
  return directives(extra).join('; ');
}

/** The policy as the header sends it: the <meta>'s, plus what only a header can carry. */
export function cspHeader(extra: CspAdditions = {}): string {
  return [...directives(extra), "frame-ancestors 'none'"].join('; ');
}
