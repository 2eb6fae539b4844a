/**
 * The look's one file, src/styles/theme.css, read as the browser would (css-tree) and checked
 * before a build: every variable the site's stylesheets rely on is set, and every pair of colours
 * the site draws one on the other reaches WCAG 2.2 AA contrast in the light and the dark theme
 * (1.4.3: 4.5:1 for text; 1.4.11: 3:1 for what marks a control, the focus ring). Colours are
 * parsed and measured with colorjs.io, so any CSS colour the owner writes counts as the browser
 * would draw it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Color from 'colorjs.io';
import * as csstree from 'css-tree';
import type { Problem } from './problems.ts';
import { THEME_FILE } from '#src/lib/urls/site-paths.ts';

export { THEME_FILE };
/** The highlighting's generated colours, whose foreground is drawn on --code-bg (code-theme-css.ts). */
export const CODE_THEME_FILE = 'src/styles/code-theme.css';

export type Scheme = 'light' | 'dark';
export const SCHEMES: readonly Scheme[] = ['light', 'dark'];

/** WCAG 2.2 AA: 1.4.3 for text (normal size, the strictest the site has), 1.4.11 for the focus ring. */
export const TEXT = 4.5;
export const UI = 3;

/** A background the site draws: a variable, or a translucent tint of one over another (color-mix with transparent). */
export type Background = string | { tint: string; percent: number; over: string };

export interface ContrastPair {
  /** The colour in front: a variable of theme.css, or `code` for code-theme.css's foreground. */
  fg: string;
  bg: Background;
  min: number;
  /** Where the site draws it, for the message. */
  what: string;
}

/** The code highlighting's own foreground, the colour of every token without one (code-theme.css). */
export const CODE_FOREGROUND = 'code text';

/**
 * Every token colour of code-theme.css that reads on --code-bg (4.5:1): marked, added and removed
 * lines are drawn on their own backgrounds, where each of them must still read. Measured as the
 * least readable of them.
 */
export const CODE_PALETTE = 'code token colours';

/**
 * Every pair of colours the site's stylesheets draw one on the other (grep for the variables in
 * src/styles and the components' <style>): text on the page, on panels and on code; links and
 * buttons; the badge; search results' highlight; the focus ring. --border is left out: the
 * hairlines it draws separate things already told apart by their text and spacing.
 */
/** The callout kinds' colours (theme.css `--callout-<kind>`; src/lib/markdown/callout-kinds.ts names the kinds). */
const CALLOUT_COLOURS = ['--callout-note', '--callout-tip', '--callout-important', '--callout-warning', '--callout-caution'];

/** A callout's box is its colour at 8% over the page (callouts.css): its title, its text and the links in it are drawn on that. */
const CALLOUT_PAIRS: ContrastPair[] = CALLOUT_COLOURS.flatMap((colour) => {
  const box = { tint: colour, percent: 8, over: '--bg' };
  return [
    { fg: colour, bg: box, min: TEXT, what: `a callout's title (${colour})` },
    { fg: '--text', bg: box, min: TEXT, what: `text in a callout (${colour})` },
    { fg: '--muted', bg: box, min: TEXT, what: `quieter text in a callout: a quote (${colour})` },
    { fg: '--accent', bg: box, min: TEXT, what: `links in a callout (${colour})` },
    { fg: '--accent-strong', bg: box, min: TEXT, what: `links under the pointer in a callout (${colour})` },
    { fg: '--focus', bg: box, min: UI, what: `the focus ring on a link in a callout (${colour})` },
  ];
});

export const CONTRAST_PAIRS: readonly ContrastPair[] = [
  { fg: '--text', bg: '--bg', min: TEXT, what: 'body text' },
  { fg: '--text', bg: '--surface', min: TEXT, what: "text on panels: the header, cards, tables' heads" },
  { fg: '--text', bg: '--code-bg', min: TEXT, what: 'inline code' },
  { fg: CODE_FOREGROUND, bg: '--code-bg', min: TEXT, what: 'code blocks' },
  { fg: '--muted', bg: '--bg', min: TEXT, what: 'quieter text: dates, descriptions, the footer, placeholders' },
  { fg: '--muted', bg: '--surface', min: TEXT, what: "quieter text on panels: cards' dates, code blocks' language" },
  { fg: '--accent', bg: '--bg', min: TEXT, what: 'links' },
  { fg: '--accent', bg: '--surface', min: TEXT, what: "links on panels: the header's current page and Search button, tags" },
  { fg: '--accent-strong', bg: '--bg', min: TEXT, what: 'links under the pointer' },
  { fg: '--accent-strong', bg: '--surface', min: TEXT, what: 'link cards under the pointer' },
  { fg: '--bg', bg: '--accent', min: TEXT, what: 'text on accent buttons: the current page number, Search, Subscribe' },
  { fg: '--notice-text', bg: '--notice-bg', min: TEXT, what: 'the Draft and Updated badges' },
  { fg: '--text', bg: { tint: '--accent', percent: 22, over: '--bg' }, min: TEXT, what: "search results' highlighted words" },
  { fg: CODE_PALETTE, bg: '--code-mark-bg', min: TEXT, what: 'marked lines and words in code blocks' },
  { fg: CODE_PALETTE, bg: '--code-added-bg', min: TEXT, what: 'added lines in code blocks' },
  { fg: CODE_PALETTE, bg: '--code-removed-bg', min: TEXT, what: 'removed lines in code blocks' },
  { fg: '--code-added', bg: '--code-added-bg', min: TEXT, what: "added lines' + sign" },
  { fg: '--code-removed', bg: '--code-removed-bg', min: TEXT, what: "removed lines' - sign" },
  { fg: '--muted', bg: '--code-bg', min: TEXT, what: 'line numbers and terminal prompts in code blocks' },
  { fg: '--muted', bg: '--code-mark-bg', min: TEXT, what: 'line numbers on marked lines' },
  { fg: '--muted', bg: '--code-added-bg', min: TEXT, what: 'line numbers on added lines' },
  { fg: '--muted', bg: '--code-removed-bg', min: TEXT, what: 'line numbers on removed lines' },
  { fg: '--accent', bg: '--code-mark-bg', min: UI, what: "marked lines' rule and marked words' outline" },
  { fg: '--focus', bg: '--bg', min: UI, what: 'the keyboard focus ring' },
  { fg: '--focus', bg: '--surface', min: UI, what: 'the keyboard focus ring on panels' },
  ...CALLOUT_PAIRS,
];

/** Variables the site's stylesheets use that only theme.css sets (tests/unit/theme-file.test.ts keeps the list whole). */
export const THEME_VARIABLES: Readonly<Record<string, string>> = {
  '--bg': 'the page background',
  '--surface': 'panels: the header, cards, tables',
  '--text': 'body text',
  '--muted': 'quieter text',
  '--accent': 'links and buttons',
  '--accent-strong': 'links under the pointer',
  '--border': 'hairlines',
  '--focus': 'the focus ring',
  '--code-bg': 'the background of code',
  '--notice-bg': 'badges',
  '--notice-text': 'badges',
  '--code-mark-bg': 'marked lines and words in code',
  '--code-added-bg': 'added lines in code',
  '--code-added': "added lines' sign",
  '--code-removed-bg': 'removed lines in code',
  '--code-removed': "removed lines' sign",
  '--callout-note': 'note callouts',
  '--callout-tip': 'tip callouts',
  '--callout-important': 'important callouts',
  '--callout-warning': 'warning callouts',
  '--callout-caution': 'caution callouts',
  '--font-body': 'post text',
  '--font-heading': 'titles and headings',
  '--font-ui': 'menus and meta lines',
  '--font-code': 'code',
  '--width-page': 'the page width',
  '--width-text': "a post's text width",
  '--width-wide': "a post's hero width",
  '--radius': 'corners',
  '--step--1': 'small print',
  '--step-0': 'post text size',
  '--step-1': 'card titles',
  '--step-2': 'section titles',
  '--step-3': 'page titles',
};

interface Declaration {
  value: string;
  line: number;
}

/** The custom properties set in `:root` rules (outside at-rules), the last one winning, with their lines. */
export function themeVariables(css: string): Map<string, Declaration> {
  const variables = new Map<string, Declaration>();
  const ast = csstree.parse(css, { positions: true, parseCustomProperty: false });
  for (const node of (ast as csstree.StyleSheet).children) {
    if (node.type !== 'Rule' || csstree.generate(node.prelude).trim() !== ':root') continue;
    for (const item of node.block.children) {
      if (item.type !== 'Declaration' || !item.property.startsWith('--')) continue;
      // As written (css-tree's generate() would write `rgb(1 2 3/50%)` for `rgb(1 2 3 / 50%)`).
      const written = item.value.loc ? css.slice(item.value.loc.start.offset, item.value.loc.end.offset) : csstree.generate(item.value);
      variables.set(item.property, { value: written.trim(), line: item.loc?.start.line ?? 1 });
    }
  }
  return variables;
}

/** `name(a, b)` as its name and its arguments' text, when the whole value is one function call. */
function functionCall(value: string): { name: string; args: string[] } | null {
  let ast: csstree.CssNode;
  try {
    ast = csstree.parse(value, { context: 'value', positions: true });
  } catch {
    return null;
  }
  if (ast.type !== 'Value' || ast.children.size !== 1 || ast.children.first?.type !== 'Function') return null;
  const call = ast.children.first;
  // Each argument's text as written: from its first node's start to its last node's end.
  const args: Array<{ start: number; end: number } | null> = [null];
  for (const child of call.children) {
    if (child.type === 'Operator' && child.value === ',') args.push(null);
    else if (child.loc) {
      const last = args.at(-1);
      args[args.length - 1] = { start: last?.start ?? child.loc.start.offset, end: child.loc.end.offset };
    }
  }
  return { name: call.name.toLowerCase(), args: args.map((range) => (range ? value.slice(range.start, range.end).trim() : '')) };
}

type Resolved = { colour: Color; written: string } | { error: string };

/** A variable's colour in one scheme, through light-dark() and var(); what the file writes, for messages. */
function resolveValue(value: string, scheme: Scheme, variables: Map<string, Declaration>, seen: string[]): Resolved {
  const call = functionCall(value);
  if (call?.name === 'light-dark') {
    if (call.args.length !== 2) return { error: `${value} needs two colours, light-dark(light, dark)` };
    return resolveValue(call.args[scheme === 'light' ? 0 : 1]!, scheme, variables, seen);
  }
  if (call?.name === 'var') {
    const name = call.args[0]!;
    if (variables.has(name)) return resolveVariable(name, scheme, variables, seen);
    if (call.args.length > 1) return resolveValue(call.args.slice(1).join(', '), scheme, variables, seen);
    return { error: `${value} names ${name}, which is not set` };
  }
  try {
    return { colour: new Color(value), written: value };
  } catch {
    return { error: `"${value}" is not a colour; write one such as #1d1b18, rgb(29 27 24), hsl(40 9% 10%) or oklch(22% 0.01 80)` };
  }
}

function resolveVariable(name: string, scheme: Scheme, variables: Map<string, Declaration>, seen: string[] = []): Resolved {
  if (seen.includes(name)) return { error: `${[...seen, name].join(' -> ')} refers to itself` };
  const declaration = variables.get(name);
  if (!declaration) return { error: `${name} is not set` };
  return resolveValue(declaration.value, scheme, variables, [...seen, name]);
}

/** `front` drawn over `back` (opaque): what the reader sees, as the browser composites it. */
function over(front: Color, back: Color): Color {
  if (Number(front.alpha) >= 1) return front;
  const opaque = front.clone();
  opaque.alpha = 1;
  return Color.mix(back, opaque, Number(front.alpha), { space: 'srgb' }) as Color;
}

/** The browser's own canvas under the page, light or dark. */
const CANVAS: Record<Scheme, string> = { light: '#ffffff', dark: '#121212' };

const ratioText = (ratio: number) => `${Math.floor(ratio * 100) / 100}:1`;

/**
 * The contrast problems of a theme stylesheet's text (its variables, and code-theme.css's
 * foreground when given), one per failing pair and scheme, on the line of the colour in front.
 */
export function themeProblems(css: string, codeThemeCss?: string): Problem[] {
  const variables = themeVariables(css);
  const problems: Problem[] = [];
  const lineOf = (name: string) => variables.get(name)?.line ?? 1;

  for (const [name, what] of Object.entries(THEME_VARIABLES))
    if (!variables.has(name))
      problems.push({
        file: THEME_FILE,
        line: 1,
        field: name,
        message: `is not set; the site's stylesheets use it (${what}): set it in the :root rule`,
      });

  const code = codeForeground(codeThemeCss);
  const palette = codePalette(codeThemeCss);
  for (const scheme of SCHEMES) {
    const unreadable = new Set<string>();
    const page = resolveVariable('--bg', scheme, variables);
    const pageColour = 'colour' in page ? over(page.colour, new Color(CANVAS[scheme])) : new Color(CANVAS[scheme]);
    /** A colour as the reader sees it on `under`, and how to name it in a message. */
    const colourOf = (name: string, under: Color): { colour: Color; label: string } | null => {
      if (name === CODE_PALETTE) {
        // While the code's own foreground does not read on --code-bg, that problem is the one to fix first.
        const base = colourOf('--code-bg', pageColour);
        const foreground = code?.[scheme];
        if (!base || !foreground || new Color(foreground).contrast(base.colour, 'WCAG21') < TEXT) return null;
        const readable = palette[scheme].filter((hex) => new Color(hex).contrast(base.colour, 'WCAG21') >= TEXT);
        const worst = readable
          .map((hex) => ({ hex, ratio: new Color(hex).contrast(under, 'WCAG21') }))
          .sort((a, b) => a.ratio - b.ratio)[0];
        return worst ? { colour: new Color(worst.hex), label: `${CODE_THEME_FILE}'s token colour ${worst.hex}` } : null;
      }
      if (name === CODE_FOREGROUND) {
        const written = code?.[scheme];
        return written ? { colour: over(new Color(written), under), label: `${CODE_THEME_FILE}'s foreground (${written})` } : null;
      }
      const resolved = resolveVariable(name, scheme, variables);
      if ('error' in resolved) {
        if (variables.has(name) && !unreadable.has(name)) {
          unreadable.add(name);
          problems.push({ file: THEME_FILE, line: lineOf(name), field: name, message: `in ${scheme}: ${resolved.error}` });
        }
        return null;
      }
      return { colour: over(resolved.colour, under), label: `${name} (${resolved.written})` };
    };

    for (const pair of CONTRAST_PAIRS) {
      let back: { colour: Color; label: string } | null;
      if (typeof pair.bg === 'string') back = colourOf(pair.bg, pageColour);
      else {
        const base = colourOf(pair.bg.over, pageColour);
        const tint = colourOf(pair.bg.tint, pageColour);
        back =
          base && tint
            ? {
                colour: Color.mix(base.colour, tint.colour, pair.bg.percent / 100, { space: 'srgb' }) as Color,
                label: `${pair.bg.tint} at ${pair.bg.percent}% over ${base.label}`,
              }
            : null;
      }
      if (!back) continue;
      const front = colourOf(pair.fg, back.colour);
      if (!front) continue;
      const ratio = front.colour.contrast(back.colour, 'WCAG21');
      if (ratio >= pair.min) continue;
      const kind = pair.min === TEXT ? 'text' : 'non-text contrast';
      problems.push({
        file: THEME_FILE,
        line: lineOf(
          pair.fg === CODE_FOREGROUND || pair.fg === CODE_PALETTE ? (typeof pair.bg === 'string' ? pair.bg : pair.bg.over) : pair.fg,
        ),
        field: 'contrast',
        message: `${front.label} on ${back.label} in ${scheme}: contrast ${ratioText(ratio)}, needs ${pair.min}:1 for ${kind} (${pair.what})`,
      });
    }
  }
  return problems;
}

/** code-theme.css's token colours in each scheme (`--code-light: #…;`), each once; none without the file. */
export function codePalette(codeThemeCss: string | undefined): Record<Scheme, string[]> {
  const colours = (scheme: Scheme) => [
    ...new Set([...(codeThemeCss ?? '').matchAll(new RegExp(`--code-${scheme}: (#[0-9a-f]{6});`, 'gi'))].map((match) => match[1]!)),
  ];
  return { light: colours('light'), dark: colours('dark') };
}

/** code-theme.css's foreground in each scheme (`.astro-code { --code-light: …; --code-dark: … }`). */
export function codeForeground(codeThemeCss: string | undefined): Record<Scheme, string> | null {
  const light = codeThemeCss?.match(/\.astro-code \{\s*--code-light: (#[0-9a-f]+);\s*--code-dark: (#[0-9a-f]+);/i);
  return light ? { light: light[1]!, dark: light[2]! } : null;
}

/**
 * The problems of the project's theme.css (none when a project has none: the build's stylesheet
 * import names the missing file itself).
 */
export async function projectThemeProblems(root: string): Promise<Problem[]> {
  const read = (file: string) => readFile(path.join(root, file), 'utf8').catch(() => undefined);
  const css = await read(THEME_FILE);
  if (css === undefined) return [];
  return themeProblems(css, await read(CODE_THEME_FILE));
}
