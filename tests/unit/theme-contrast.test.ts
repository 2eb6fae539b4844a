import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '#tools/check/problems.ts';
import { CODE_PALETTE, CODE_THEME_FILE, CONTRAST_PAIRS, THEME_FILE, themeProblems, themeVariables } from '#tools/check/theme-contrast.ts';
import { HARBOUR, SAMPLE, withPalette, type Palette } from '../helpers/palettes.ts';

/**
 * The look's colours (src/styles/theme.css) are checked for WCAG 2.2 AA contrast whatever the
 * owner writes: every pair the site draws, in the light and the dark theme, with a line naming
 * both variables, their values, the ratio and the ratio needed.
 */
const root = path.resolve(import.meta.dirname, '../..');
const THEME = readFileSync(path.join(root, THEME_FILE), 'utf8');
const CODE_THEME = readFileSync(path.join(root, CODE_THEME_FILE), 'utf8');
const lineOf = (name: string) => THEME.split('\n').findIndex((line) => line.trimStart().startsWith(`${name}:`)) + 1;

const check = (palette: Palette) => themeProblems(withPalette(THEME, palette), CODE_THEME).map(formatProblem);

describe('the shipped theme', () => {
  it('passes: every pair the site draws reaches AA in both themes', () => {
    expect(themeProblems(THEME, CODE_THEME)).toEqual([]);
  });

  it('is the sample palette the other tests start from', () => {
    const variables = themeVariables(THEME);
    for (const [name, [light, dark]] of Object.entries(SAMPLE)) expect(variables.get(name)?.value).toBe(`light-dark(${light}, ${dark})`);
  });
});

/** The same colour measured on each callout kind's box (its colour at 8% over --bg), as the check lists them after the page's pairs. */
const onCallouts = (front: string, bg: string, scheme: string, ratios: string[]) =>
  ['note', 'tip', 'important', 'warning', 'caution'].map(
    (kind, index) => `contrast  ${front} on --callout-${kind} at 8% over --bg (${bg}) in ${scheme}: contrast ${ratios[index]}:1`,
  );

/** Palettes an owner might pick, and what the check says of each: nothing, or these lines (file and line left off). */
const PALETTES: Array<[string, Palette, string[]]> = [
  ['the sample', SAMPLE, []],
  ['a blue brand (the browser test builds it)', HARBOUR, []],
  [
    'colours written as names, oklch(), hsl() and var()',
    {
      ...SAMPLE,
      '--bg': ['white', 'oklch(16% 0.01 80)'],
      '--text': ['hsl(30 10% 10%)', 'hsl(40 25% 90%)'],
      '--accent-strong': ['var(--text)', 'var(--text)'],
    },
    [],
  ],
  [
    'muted text too light in the light theme',
    { ...SAMPLE, '--bg': ['#ffffff', '#15140f'], '--muted': ['#9a9a9a', '#b3ab9c'] },
    [
      'contrast  --muted (#9a9a9a) on --bg (#ffffff) in light: contrast 2.81:1, needs 4.5:1 for text (quieter text: dates, descriptions, the footer, placeholders)',
      "contrast  --muted (#9a9a9a) on --surface (#f2efe8) in light: contrast 2.45:1, needs 4.5:1 for text (quieter text on panels: cards' dates, code blocks' language)",
      'contrast  --muted (#9a9a9a) on --code-bg (#f4f1ea) in light: contrast 2.49:1, needs 4.5:1 for text (line numbers and terminal prompts in code blocks)',
      'contrast  --muted (#9a9a9a) on --code-mark-bg (#f7e9db) in light: contrast 2.36:1, needs 4.5:1 for text (line numbers on marked lines)',
      'contrast  --muted (#9a9a9a) on --code-added-bg (#def1e0) in light: contrast 2.38:1, needs 4.5:1 for text (line numbers on added lines)',
      'contrast  --muted (#9a9a9a) on --code-removed-bg (#fbe7e5) in light: contrast 2.36:1, needs 4.5:1 for text (line numbers on removed lines)',
      ...onCallouts('--muted (#9a9a9a)', '#ffffff', 'light', ['2.5', '2.5', '2.49', '2.49', '2.46']),
    ],
  ],
  [
    "the light theme's link colour kept for the dark theme",
    { ...SAMPLE, '--accent': ['#8a3a12', '#8a3a12'] },
    [
      'contrast  --accent (#8a3a12) on --bg (#15140f) in dark: contrast 2.36:1, needs 4.5:1 for text (links)',
      "contrast  --accent (#8a3a12) on --surface (#201e18) in dark: contrast 2.13:1, needs 4.5:1 for text (links on panels: the header's current page and Search button, tags)",
      'contrast  --bg (#15140f) on --accent (#8a3a12) in dark: contrast 2.36:1, needs 4.5:1 for text (text on accent buttons: the current page number, Search, Subscribe)',
      "contrast  --accent (#8a3a12) on --code-mark-bg (#221a13) in dark: contrast 2.19:1, needs 3:1 for non-text contrast (marked lines' rule and marked words' outline)",
      ...onCallouts('--accent (#8a3a12)', '#15140f', 'dark', ['2.08', '2.06', '2.07', '2.06', '2.07']),
    ],
  ],
  [
    'links only just too light on panels',
    { ...SAMPLE, '--accent': ['#b05a30', '#f0a26f'] },
    [
      "contrast  --accent (#b05a30) on --surface (#f2efe8) in light: contrast 4.2:1, needs 4.5:1 for text (links on panels: the header's current page and Search button, tags)",
      ...onCallouts('--accent (#b05a30)', '#fcfbf8', 'light', ['4.15', '4.15', '4.13', '4.14', '4.09']),
    ],
  ],
  [
    'a faint focus ring',
    { ...SAMPLE, '--focus': ['#a5b4fc', '#8ab4ff'] },
    [
      'contrast  --focus (#a5b4fc) on --bg (#fcfbf8) in light: contrast 1.92:1, needs 3:1 for non-text contrast (the keyboard focus ring)',
      'contrast  --focus (#a5b4fc) on --surface (#f2efe8) in light: contrast 1.73:1, needs 3:1 for non-text contrast (the keyboard focus ring on panels)',
      ...onCallouts('--focus (#a5b4fc)', '#fcfbf8', 'light', ['1.71', '1.71', '1.7', '1.71', '1.69']),
    ],
  ],
  [
    'a dark code background in the light theme',
    { ...SAMPLE, '--code-bg': ['#6b6b6b', '#1d1b16'] },
    [
      'contrast  --text (#1d1b18) on --code-bg (#6b6b6b) in light: contrast 3.22:1, needs 4.5:1 for text (inline code)',
      `contrast  ${CODE_THEME_FILE}'s foreground (#24292e) on --code-bg (#6b6b6b) in light: contrast 2.75:1, needs 4.5:1 for text (code blocks)`,
      'contrast  --muted (#5a554c) on --code-bg (#6b6b6b) in light: contrast 1.38:1, needs 4.5:1 for text (line numbers and terminal prompts in code blocks)',
    ],
  ],
  [
    'translucent muted text, measured as drawn on the page',
    { ...SAMPLE, '--muted': ['rgb(29 27 24 / 45%)', '#b3ab9c'] },
    [
      'contrast  --muted (rgb(29 27 24 / 45%)) on --bg (#fcfbf8) in light: contrast 2.84:1, needs 4.5:1 for text (quieter text: dates, descriptions, the footer, placeholders)',
      "contrast  --muted (rgb(29 27 24 / 45%)) on --surface (#f2efe8) in light: contrast 2.78:1, needs 4.5:1 for text (quieter text on panels: cards' dates, code blocks' language)",
      'contrast  --muted (rgb(29 27 24 / 45%)) on --code-bg (#f4f1ea) in light: contrast 2.79:1, needs 4.5:1 for text (line numbers and terminal prompts in code blocks)',
      'contrast  --muted (rgb(29 27 24 / 45%)) on --code-mark-bg (#f7e9db) in light: contrast 2.76:1, needs 4.5:1 for text (line numbers on marked lines)',
      'contrast  --muted (rgb(29 27 24 / 45%)) on --code-added-bg (#def1e0) in light: contrast 2.77:1, needs 4.5:1 for text (line numbers on added lines)',
      'contrast  --muted (rgb(29 27 24 / 45%)) on --code-removed-bg (#fbe7e5) in light: contrast 2.76:1, needs 4.5:1 for text (line numbers on removed lines)',
      ...onCallouts('--muted (rgb(29 27 24 / 45%))', '#fcfbf8', 'light', ['2.78', '2.78', '2.77', '2.77', '2.77']),
    ],
  ],
  [
    "a callout's colour too pale for its title on its own tinted box",
    { ...SAMPLE, '--callout-warning': ['#c08a00', '#e6b450'] },
    [
      "contrast  --callout-warning (#c08a00) on --callout-warning at 8% over --bg (#fcfbf8) in light: contrast 2.73:1, needs 4.5:1 for text (a callout's title (--callout-warning))",
    ],
  ],
  [
    'a badge in pale yellow on white',
    { ...SAMPLE, '--notice-text': ['#b08800', '#b08800'] },
    [
      'contrast  --notice-text (#b08800) on --notice-bg (#fff3c4) in light: contrast 2.96:1, needs 4.5:1 for text (the Draft and Updated badges)',
      'contrast  --notice-text (#b08800) on --notice-bg (#fff3c4) in dark: contrast 2.96:1, needs 4.5:1 for text (the Draft and Updated badges)',
    ],
  ],
  [
    "a strong accent that turns search results' highlight too dark for the text",
    { ...SAMPLE, '--accent': ['#8a3a12', '#fff7c2'], '--accent-strong': ['#6b2b0b', '#fff7c2'], '--text': ['#1d1b18', '#9d9689'] },
    [
      "contrast  --text (#9d9689) on --accent at 22% over --bg (#15140f) in dark: contrast 3.24:1, needs 4.5:1 for text (search results' highlighted words)",
    ],
  ],
];

describe('a palette an owner picks', () => {
  it.each(PALETTES)('%s', (_, palette, expected) => {
    const problems = check(palette);
    expect(problems).toHaveLength(expected.length);
    expected.forEach((line, index) => expect(problems[index]).toContain(line));
    for (const problem of problems) expect(problem).toMatch(/^src\/styles\/theme\.css:\d+ {2}contrast {2}/);
  });

  it('points at the line of the colour in front, the one to change', () => {
    const [problem] = check({ ...SAMPLE, '--notice-text': ['#b08800', '#4a3800'] });
    expect(problem).toMatch(new RegExp(`^src/styles/theme\\.css:${lineOf('--notice-text')} {2}contrast {2}--notice-text \\(#b08800\\)`));
  });

  it('checks every pair in both themes (a pair left out of the list would go unchecked)', () => {
    // Each pair made to fail alone, in one theme: the check names exactly that pair.
    for (const pair of CONTRAST_PAIRS) {
      if (pair.fg === 'code text' || pair.fg === CODE_PALETTE || typeof pair.bg !== 'string') continue;
      for (const [index, scheme] of (['light', 'dark'] as const).entries()) {
        const same = [...SAMPLE[pair.bg]!] as [string, string];
        const css = withPalette(THEME, {
          ...SAMPLE,
          [pair.fg]: [index === 0 ? same[0] : SAMPLE[pair.fg]![0], index === 1 ? same[1] : SAMPLE[pair.fg]![1]],
        });
        const problems = themeProblems(css, CODE_THEME).map(formatProblem);
        expect(
          problems.some(
            (line) => line.includes(`${pair.fg} (${same[index]}) on ${pair.bg} (`) && line.includes(`in ${scheme}: contrast 1:1`),
          ),
          `${pair.fg} on ${pair.bg} in ${scheme}:\n${problems.join('\n')}`,
        ).toBe(true);
      }
    }
  });
});

describe('a theme file that cannot be measured', () => {
  it('names a variable the site needs that is not set', () => {
    const problems = themeProblems(THEME.replace(/^\s*--width-text:.*\n/m, ''), CODE_THEME).map(formatProblem);
    expect(problems).toEqual([
      "src/styles/theme.css:1  --width-text  is not set; the site's stylesheets use it (a post's text width): set it in the :root rule",
    ]);
  });

  it('names a value that is not a colour, a light-dark() with one colour, and a loop of var()s', () => {
    const css = withPalette(THEME, { ...SAMPLE, '--muted': ['greyish', '#b3ab9c'], '--focus': ['var(--border)', '#8ab4ff'] })
      .replace(/--accent: light-dark\([^;]*\);/, '--accent: light-dark(#8a3a12);')
      .replace(/--border: light-dark\([^;]*\);/, '--border: light-dark(var(--focus), #3a362d);');
    expect(themeProblems(css, CODE_THEME).map(formatProblem)).toEqual([
      `src/styles/theme.css:${lineOf('--muted')}  --muted  in light: "greyish" is not a colour; write one such as #1d1b18, rgb(29 27 24), hsl(40 9% 10%) or oklch(22% 0.01 80)`,
      `src/styles/theme.css:${lineOf('--accent')}  --accent  in light: light-dark(#8a3a12) needs two colours, light-dark(light, dark)`,
      `src/styles/theme.css:${lineOf('--focus')}  --focus  in light: --focus -> --border -> --focus refers to itself`,
      `src/styles/theme.css:${lineOf('--accent')}  --accent  in dark: light-dark(#8a3a12) needs two colours, light-dark(light, dark)`,
    ]);
  });
});
