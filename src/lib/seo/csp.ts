/**
 * The site's Content-Security-Policy, in one place: astro.config.ts gives it
 * to Astro's `security.csp` (a <meta> on every page, adding hashes of what
 * Astro bundles), and public/_headers sends it as a header with
 * `frame-ancestors`, which a <meta> cannot carry (a test keeps the two equal).
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
] as const;

/** Pagefind's search runs as WebAssembly. */
export const CSP_SCRIPT_SOURCES = ["'self'", "'wasm-unsafe-eval'"] as const;
/** Shiki colours code with style attributes; styles cannot run code. */
export const CSP_STYLE_SOURCES = ["'self'", "'unsafe-inline'"] as const;

/** The policy as the header sends it. */
export function cspHeader(): string {
  return [
    ...CSP_DIRECTIVES,
    `script-src ${CSP_SCRIPT_SOURCES.join(' ')}`,
    `style-src ${CSP_STYLE_SOURCES.join(' ')}`,
    "frame-ancestors 'none'",
  ].join('; ');
}
