/**
 * Highlighted code without `style` attributes, so the CSP can forbid them (`style-src-attr 'none'`,
 * src/lib/seo/csp.ts). Shiki writes each token's light and dark colours and font style as inline
 * CSS variables (`style="--shiki-light:#D73A49;--shiki-dark:#F97583"`); transformerThemeClasses
 * turns every one of those declarations into a class named after its value (`cl-d73a49
 * cd-f97583`), and src/styles/code-theme.css, generated from the two themes' palettes by
 * `npm run code-theme` (code-theme-css.ts), gives each class its colour.
 *
 * Why not Shiki's own facilities:
 * - `transformerStyleToClass` (@shikijs/transformers) names a class after a hash of the whole style
 *   and collects the CSS of the classes it has met while rendering. Which classes exist then
 *   depends on which code was rendered, in which process: the build renders Markdown on worker
 *   threads (render-worker.ts) and copies unchanged posts from its cache without rendering them,
 *   so no one process ever sees every class. Classes named after one theme colour each come from
 *   a finite list known before anything is rendered: the themes' palettes.
 * - `createCssVariablesTheme` replaces the themes with one whose colours are `var(--…)` (a dozen
 *   token kinds instead of github-light's and github-dark's scopes), and still writes them in
 *   `style` attributes.
 *
 * The transformer is a plain function of Shiki's output (no theme is read here), so Astro's
 * renderer and the render workers, which both take it from pipeline.ts, write the same HTML.
 */
import type { ShikiConfig } from '@astrojs/markdown-remark';
import type { Element, ElementContent, Root } from 'hast';

type ShikiTransformer = NonNullable<ShikiConfig['transformers']>[number];

/** The two themes, by the names pipeline.ts's shikiConfig gives Shiki and Shiki's themes are bundled under. */
export const CODE_THEMES = { light: 'github-light', dark: 'github-dark' } as const;

export type Scheme = keyof typeof CODE_THEMES;

/** Font styles Shiki writes, as the letter their classes end with. */
export const FONT_FLAGS = { italic: 'i', bold: 'b', underline: 'u', strikethrough: 's' } as const;
export type FontFlag = (typeof FONT_FLAGS)[keyof typeof FONT_FLAGS];

/** "#FFF", "#ffffff", "#FfFfFf" -> "ffffff"; four and eight digits keep their alpha. null for anything else. */
export function hexDigits(colour: string): string | null {
  const match = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i.exec(colour.trim());
  if (!match) return null;
  const digits = match[1]!.toLowerCase();
  return digits.length <= 4 ? [...digits].map((digit) => digit + digit).join('') : digits;
}

/** The class of a text colour (`cl-d73a49` light, `cd-f97583` dark) or a background (`bl-…`, `bd-…`). */
export const colourClass = (scheme: Scheme, digits: string, background = false) =>
  `${background ? 'b' : 'c'}${scheme === 'light' ? 'l' : 'd'}-${digits}`;

/** The class of a font style in both schemes (`f-i`) or in one only (`fl-i`, `fd-i`: the two themes' tokens do not always agree). */
export const fontClass = (flag: FontFlag, scheme?: Scheme) => `f${scheme === 'light' ? 'l' : scheme === 'dark' ? 'd' : ''}-${flag}`;

/** Astro's diff lines: the `+`/`-` marker is left out of a selection (its `style="user-select: none;"`). */
export const NO_SELECT_CLASS = 'no-select';

/**
 * One element's declarations as classes. `--shiki-light:#D73A49` is a token's colour in the light
 * theme, `--shiki-dark-bg` its background in the dark one (ANSI code has them), `…-font-style`,
 * `…-font-weight` and `…-text-decoration` its font style; `inherit` is Shiki's "none in this theme".
 * The <pre>'s backgrounds are left out: the site draws every code block on its own --code-bg
 * (theme.css), the background the contrast of the palette (code-theme-css.ts) is measured on.
 * A declaration nobody wrote a class for is an error, so a Shiki or Astro that writes a new
 * one stops the build rather than publishing a style the CSP blocks.
 */
function classesOf(style: string, isPre: boolean): string[] {
  const classes: string[] = [];
  const fonts: Record<Scheme, Set<FontFlag>> = { light: new Set(), dark: new Set() };
  for (const declaration of style.split(';')) {
    if (declaration.trim() === '') continue;
    const colon = declaration.indexOf(':');
    if (colon < 0) throw new Error(`Shiki wrote a style the code theme has no class for: "${declaration.trim()}"`);
    const name = declaration.slice(0, colon).trim().toLowerCase();
    const value = declaration
      .slice(colon + 1)
      .trim()
      .toLowerCase();
    // Astro's: code.css scrolls every block (shikiConfig.wrap is null, so it writes no more than this).
    if (name === 'overflow-x' && value === 'auto') continue;
    if (name === 'user-select' && value === 'none') {
      classes.push(NO_SELECT_CLASS);
      continue;
    }
    const shiki = /^--shiki-(light|dark)(-bg|-font-style|-font-weight|-text-decoration)?$/.exec(name);
    if (!shiki || value === '') throw new Error(`Shiki wrote a style the code theme has no class for: "${declaration.trim()}"`);
    const scheme = shiki[1] as Scheme;
    const property = shiki[2];
    if (value === 'inherit') continue;
    if (property === undefined || property === '-bg') {
      if (isPre && property === '-bg') continue;
      const digits = hexDigits(value);
      if (digits === null) throw new Error(`Shiki wrote a colour the code theme has no class for: "${declaration.trim()}"`);
      classes.push(colourClass(scheme, digits, property === '-bg'));
    } else if (property === '-font-style' && value === 'italic') fonts[scheme].add(FONT_FLAGS.italic);
    else if (property === '-font-weight' && value === 'bold') fonts[scheme].add(FONT_FLAGS.bold);
    else if (property === '-text-decoration' && /^(?:underline|line-through)(?: (?:underline|line-through))?$/.test(value)) {
      for (const part of value.split(' ')) fonts[scheme].add(part === 'underline' ? FONT_FLAGS.underline : FONT_FLAGS.strikethrough);
    } else throw new Error(`Shiki wrote a font style the code theme has no class for: "${declaration.trim()}"`);
  }
  for (const flag of Object.values(FONT_FLAGS)) {
    const light = fonts.light.has(flag);
    const dark = fonts.dark.has(flag);
    if (light && dark) classes.push(fontClass(flag));
    else if (light) classes.push(fontClass(flag, 'light'));
    else if (dark) classes.push(fontClass(flag, 'dark'));
  }
  return classes;
}

/** Appends to the element's classes, which Shiki writes as one string (`class`), as it writes them. */
function addClasses(node: Element, classes: string[]): void {
  if (classes.length === 0) return;
  const { class: classString, className } = node.properties as { class?: unknown; className?: unknown };
  const existing = Array.isArray(className) ? className.map(String) : String(classString ?? className ?? '').split(/\s+/);
  delete node.properties['className'];
  node.properties['class'] = [...new Set([...existing.filter(Boolean), ...classes])].join(' ');
}

function visitElements(nodes: ElementContent[] | Root['children'], visit: (node: Element) => void): void {
  for (const node of nodes) {
    if (node.type !== 'element') continue;
    visit(node);
    visitElements(node.children, visit);
  }
}

/**
 * Every `style` attribute of a highlighted block, the <pre>'s and each token's, as classes
 * (classesOf). Runs on the finished tree (`root`, after Astro's own transformer has added its
 * `overflow-x` and its diff markers), last of all (`enforce: 'post'`).
 */
export const transformerThemeClasses: ShikiTransformer = {
  name: 'blog:theme-classes',
  enforce: 'post',
  root(hast) {
    visitElements(hast.children, (node) => {
      const style = node.properties['style'];
      if (style === undefined) return;
      delete node.properties['style'];
      addClasses(node, classesOf(String(style), node.tagName === 'pre'));
    });
  },
};
