/**
 * src/styles/code-theme.css, made from the two Shiki themes: a rule for every class
 * transformerThemeClasses (code-theme.ts) can write. `npm run code-theme` writes the file;
 * tests/unit/code-theme.test.ts fails when it differs from what the installed themes give, so an
 * update of Shiki that changes a colour is seen (and the file written again) before it ships.
 *
 * Committed rather than made during the build: the stylesheet is one of the site's own, inlined
 * like the others (astro.config.ts `inlineStylesheets`), with no build step of its own; and the
 * classes, one per colour of a theme's palette, do not depend on what a build renders.
 *
 * Only the tests and the script import this module (it loads Shiki's themes and highlighter).
 */
import { bundledThemes, createHighlighter, normalizeTheme, type BundledTheme, type ThemeRegistrationResolved } from 'shiki';
import { CODE_THEMES, colourClass, FONT_FLAGS, fontClass, hexDigits, NO_SELECT_CLASS, type FontFlag, type Scheme } from './code-theme.ts';

export const CODE_THEME_CSS_FILE = 'src/styles/code-theme.css';

/**
 * github-light and github-dark were drawn for white and #24292e; on this site's code background
 * (--code-bg, theme.css) a few of their colours fall under 4.5:1 (WCAG 1.4.3). Those get a darker
 * (light) or lighter (dark) shade of the same hue. Keys as hexDigits() writes them.
 */
export const CONTRAST_SHADES: Record<Scheme, Record<string, { shade: string; what: string }>> = {
  light: {
    '6a737d': { shade: '#57606a', what: 'comments' },
    '22863a': { shade: '#1b7335', what: 'tags, inserted lines' },
    d73a49: { shade: '#b92b39', what: 'keywords' },
    e36209: { shade: '#a84300', what: 'parameters, variables' },
  },
  dark: {
    '6a737d': { shade: '#8b949e', what: 'comments' },
  },
};

/** What a theme can colour code with: text colours and (ANSI only) backgrounds, as hexDigits() writes them. */
export interface Palette {
  /** The theme's foreground: the <pre>'s colour, and every token's without one of its own. */
  foreground: string;
  colours: string[];
  backgrounds: string[];
}

/**
 * ANSI escape codes (```ansi blocks) in every combination Shiki colours from the theme: the 16
 * named foregrounds and backgrounds, each dimmed and reversed or not. 256-colour and 24-bit
 * codes name colours outside any theme; code-theme.css has no class for those, and such a token
 * takes the block's colour.
 */
function ansiProbe(): string {
  const foregrounds = [39, ...Array.from({ length: 8 }, (_, i) => 30 + i), ...Array.from({ length: 8 }, (_, i) => 90 + i)];
  const backgrounds = [49, ...Array.from({ length: 8 }, (_, i) => 40 + i), ...Array.from({ length: 8 }, (_, i) => 100 + i)];
  const parts: string[] = [];
  for (const fg of foregrounds)
    for (const bg of backgrounds) for (const extra of ['', ';2', ';7', ';2;7']) parts.push(`\u001b[${fg};${bg}${extra}mx\u001b[0m`);
  return parts.join(' ');
}

/** Colours as hexDigits() writes them, each once, sorted; anything not a hex colour left out. */
function sorted(colours: Array<string | undefined>): string[] {
  const digits = colours.map((colour) => (colour ? hexDigits(colour) : null)).filter((colour) => colour !== null);
  return [...new Set(digits)].sort();
}

/** A theme's palette: its foreground, every scope's foreground, and what ANSI code takes from it. */
export async function themePalette(name: string): Promise<Palette> {
  const theme: ThemeRegistrationResolved = normalizeTheme((await bundledThemes[name as keyof typeof bundledThemes]()).default);
  const highlighter = await createHighlighter({ themes: [theme], langs: [] });
  try {
    const ansi = highlighter.codeToTokensBase(ansiProbe(), { lang: 'ansi', theme: theme.name as BundledTheme }).flat();
    const foreground = hexDigits(theme.fg);
    if (!foreground) throw new Error(`${name}'s foreground "${theme.fg}" is not a hex colour`);
    return {
      foreground,
      colours: sorted([theme.fg, ...theme.settings.map((setting) => setting.settings.foreground), ...ansi.map((token) => token.color)]),
      backgrounds: sorted(ansi.map((token) => token.bgColor)),
    };
  } finally {
    highlighter.dispose();
  }
}

/** The root selectors under which a scheme is shown: the reader's choice, or the system's when there is none (theme.css, base.css). */
function schemeRule(scheme: Scheme, selector: string, body: string): string {
  const other = scheme === 'light' ? 'dark' : 'light';
  return [
    `:root[data-theme='${scheme}'] ${selector} {\n  ${body}\n}`,
    `@media (prefers-color-scheme: ${scheme}) {\n  :root:not([data-theme='${other}']) ${selector} {\n    ${body}\n  }\n}`,
  ].join('\n');
}

const FONT_DECLARATIONS: Array<[FontFlag, string]> = Object.entries({
  [FONT_FLAGS.italic]: 'font-style: italic;',
  [FONT_FLAGS.bold]: 'font-weight: bold;',
  // Variables, so a token both underlined and struck through shows both (the structural rule below).
  [FONT_FLAGS.underline]: '--code-underline: underline;',
  [FONT_FLAGS.strikethrough]: '--code-line-through: line-through;',
}) as Array<[FontFlag, string]>;

/** The whole stylesheet, as `npm run code-theme` writes it (Prettier's formatting). */
export async function codeThemeCss(): Promise<string> {
  const palettes = { light: await themePalette(CODE_THEMES.light), dark: await themePalette(CODE_THEMES.dark) };
  const variable = { light: '--code-light', dark: '--code-dark' } as const;
  const out: string[] = [
    `/* Generated by \`npm run code-theme\` from Shiki's ${CODE_THEMES.light} and ${CODE_THEMES.dark} themes
   (src/lib/markdown/code-theme-css.ts): do not edit; tests/unit/code-theme.test.ts keeps it equal to them.
   Highlighted code carries classes, not style attributes (src/lib/markdown/code-theme.ts), so the
   CSP can forbid those: cl-<hex>/cd-<hex> is a token's colour in the light/dark theme, bl-/bd- its
   background (ANSI code), f-i/f-b/f-u/f-s italic, bold, underlined, struck through in both themes,
   fl-/fd- in one only. Each colour class sets a variable; the root's color-scheme (the system's,
   or the theme switch's) picks the light or the dark one with light-dark(). */`,
    `.astro-code,\n.astro-code span {\n  color: light-dark(var(--code-light), var(--code-dark));\n}`,
    `.astro-code {\n  --code-light: #${palettes.light.foreground};\n  --code-dark: #${palettes.dark.foreground};\n}`,
    `.astro-code span {\n  background-color: light-dark(var(--code-bg-light, transparent), var(--code-bg-dark, transparent));\n  text-decoration-line: var(--code-underline,) var(--code-line-through,);\n}`,
    `.astro-code .${NO_SELECT_CLASS} {\n  user-select: none;\n}`,
  ];
  for (const scheme of ['light', 'dark'] as const) {
    out.push(`/* ${CODE_THEMES[scheme]}: text colours */`);
    for (const digits of palettes[scheme].colours) {
      const shade = CONTRAST_SHADES[scheme][digits];
      out.push(
        `.${colourClass(scheme, digits)} {\n  ${variable[scheme]}: ${shade ? `${shade.shade}; /* ${shade.what}: #${digits} is under 4.5:1 on --code-bg */` : `#${digits};`}\n}`,
      );
    }
    out.push(`/* ${CODE_THEMES[scheme]}: backgrounds (ANSI) */`);
    for (const digits of palettes[scheme].backgrounds)
      out.push(`.${colourClass(scheme, digits, true)} {\n  --code-bg-${scheme}: #${digits};\n}`);
  }
  out.push('/* Font styles: in both themes, then in one only */');
  for (const [flag, declaration] of FONT_DECLARATIONS) out.push(`.${fontClass(flag)} {\n  ${declaration}\n}`);
  for (const scheme of ['light', 'dark'] as const)
    for (const [flag, declaration] of FONT_DECLARATIONS) out.push(schemeRule(scheme, `.${fontClass(flag, scheme)}`, declaration));
  // Formatted as `npm run lint` wants the committed file.
  const prettier = await import('prettier');
  const options = await prettier.resolveConfig(CODE_THEME_CSS_FILE);
  return prettier.format(out.join('\n'), { ...options, filepath: CODE_THEME_CSS_FILE });
}
