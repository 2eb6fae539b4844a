/** The stylesheet inside every diagram's SVG: the library's colour roles mapped to the site's theme, its fonts to the site's. */

/**
 * beautiful-mermaid draws with the variables `--_text`, `--_line`, `--_node-fill` … and
 * (for edge-label backgrounds) `--bg`: the site's own `--bg`, so labels sit on the page's colour.
 * Each role takes a variable of src/styles/theme.css, which has a light and a dark value
 * (`light-dark()`), so one SVG serves both themes. Text is never the library's 25 % "faint"
 * mix, which fails AA contrast: quieter text is `--muted`, checked on `--bg` and `--surface`
 * (tools/check/theme-contrast.ts). Lines are the text colour at 60 % into the background and
 * shapes' outlines at 55 %: 3:1 or more against --bg and --surface in both themes (3.7:1 at
 * the least, light outlines on --surface), as WCAG 1.4.11 asks of graphics. An inline <style> element is
 * allowed by the CSP (style-src-elem); a style attribute is not. The selectors are
 * scoped to `.diagram__svg`, so they touch nothing else on the page, and the text is the
 * same for every diagram, so a page with several holds identical copies.
 */
export const DIAGRAM_CSS = [
  '.diagram__svg{--_text:var(--text);--_text-sec:var(--muted);--_text-muted:var(--muted);--_text-faint:var(--muted);',
  '--_line:color-mix(in srgb,var(--text) 60%,var(--bg));--_arrow:var(--accent);--_node-fill:var(--surface);',
  '--_node-stroke:color-mix(in srgb,var(--text) 55%,var(--bg));--_group-fill:var(--bg);--_group-hdr:var(--surface);',
  '--_inner-stroke:var(--border);--_key-badge:var(--border);--fg:var(--text)}',
  '.diagram__svg text{font-family:var(--font-ui)}.diagram__svg .mono{font-family:var(--font-code)}',
].join('');
