/** The site's Content-Security-Policy: the pages' <meta> and dist/_headers. */
import { THEME_SCRIPT_HASH } from '#src/lib/theme/theme-script.ts';

/**
 * The site's Content-Security-Policy, in one place: astro.config.ts gives it
 * to Astro's `security.csp` (a <meta> on every page, adding hashes of what
 * Astro bundles), and the build writes it into dist/_headers with
 * `frame-ancestors`, which a <meta> cannot carry (tests keep the two equal).
 * The opt-in services (src/lib/services/) add their hosts through `extra`.
 */
export const CSP_DIRECTIVES = [
  "default-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  // Video embeds a post may use (src/lib/markdown/sanitize-schema.ts).
  'frame-src https://www.youtube-nocookie.com https://www.youtube.com https://player.vimeo.com',
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  // A post's http:// image or embed is fetched over https instead of being
  // blocked as mixed content or sent in clear (old posts moved from other sites have them).
  'upgrade-insecure-requests',
] as const;

/** Pagefind's search runs as WebAssembly. */
export const CSP_SCRIPT_SOURCES = ["'self'", "'wasm-unsafe-eval'"] as const;
/** Shiki colours code with style attributes; styles cannot run code. */
export const CSP_STYLE_SOURCES = ["'self'", "'unsafe-inline'"] as const;
/** The one inline script: the theme, applied before the first paint. */
export const CSP_SCRIPT_HASHES = [THEME_SCRIPT_HASH] as const;

/** "img-src" of "img-src 'self' data:"; a directive without sources is its own name. */
type NameOf<Line> = Line extends `${infer Name} ${string}` ? Name : Line;
type DirectiveName = NameOf<(typeof CSP_DIRECTIVES)[number]>;

/** Sources a service adds, by directive. */
export type CspAdditions = Partial<Record<'script-src' | 'style-src' | 'connect-src' | 'img-src' | 'frame-src' | 'form-action', string[]>>;

/** The policy with `extra` sources appended to their directives, in Astro's `security.csp` shape. */
export function cspPolicy(extra: CspAdditions = {}): {
  directives: Array<`${DirectiveName}${string}`>;
  scriptSources: string[];
  styleSources: string[];
} {
  const add = (directive: string, sources: readonly string[]) => [
    ...new Set([...sources, ...(extra[directive as keyof CspAdditions] ?? [])]),
  ];
  return {
    directives: CSP_DIRECTIVES.map((line) => {
      const [name, ...sources] = line.split(' ') as [DirectiveName, ...string[]];
      return [name, ...add(name, sources)].join(' ') as `${DirectiveName}${string}`;
    }),
    scriptSources: add('script-src', CSP_SCRIPT_SOURCES),
    styleSources: add('style-src', CSP_STYLE_SOURCES),
  };
}

/** The policy as the header sends it. */
export function cspHeader(extra: CspAdditions = {}): string {
  const policy = cspPolicy(extra);
  return [
    ...policy.directives,
    `script-src ${[...policy.scriptSources, ...CSP_SCRIPT_HASHES.map((hash) => `'${hash}'`)].join(' ')}`,
    `style-src ${policy.styleSources.join(' ')}`,
    "frame-ancestors 'none'",
  ].join('; ');
}
