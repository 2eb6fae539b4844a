/**
 * Marked lines in code blocks keep the highlighting readable: every colour of code-theme.css that
 * reaches 4.5:1 on --code-bg reaches it on the marked, added and removed lines' backgrounds too,
 * in both schemes; and the theme check (theme-contrast.ts) measures those backgrounds.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Color from 'colorjs.io';
import { describe, expect, it } from 'vitest';
import { CODE_THEME_FILE, THEME_FILE, themeProblems, themeVariables } from '#tools/check/theme-contrast.ts';

const root = path.resolve(import.meta.dirname, '../..');
const themeCss = readFileSync(path.join(root, THEME_FILE), 'utf8');
const codeThemeCss = readFileSync(path.join(root, CODE_THEME_FILE), 'utf8');
const variables = themeVariables(themeCss);

/** A theme.css variable's colour in one scheme (the marks' variables are light-dark() of two hex colours). */
function colour(name: string, scheme: 'light' | 'dark'): Color {
  const value = variables.get(name)?.value ?? '';
  const match = /^light-dark\((#[0-9a-f]{6}),\s*(#[0-9a-f]{6})\)$/i.exec(value);
  if (!match) throw new Error(`${name} is not light-dark(#hex, #hex): ${value}`);
  return new Color(scheme === 'light' ? match[1]! : match[2]!);
}

const MARKED = ['--code-mark-bg', '--code-added-bg', '--code-removed-bg'];

describe('marked lines in code blocks', () => {
  it.each(['light', 'dark'] as const)('keep every readable highlighting colour at 4.5:1 in %s', (scheme) => {
    const written = [...codeThemeCss.matchAll(new RegExp(`--code-${scheme}: (#[0-9a-f]{6});`, 'g'))].map((match) => match[1]!);
    const base = colour('--code-bg', scheme);
    const readable = [...new Set(written)].filter((hex) => new Color(hex).contrast(base, 'WCAG21') >= 4.5);
    expect(readable.length).toBeGreaterThan(10);
    const failing = MARKED.flatMap((background) =>
      readable
        .map((hex) => ({ background, hex, ratio: new Color(hex).contrast(colour(background, scheme), 'WCAG21') }))
        .filter(({ ratio }) => ratio < 4.5)
        .map(({ hex, ratio }) => `${hex} on ${background}: ${ratio.toFixed(2)}`),
    );
    expect(failing).toEqual([]);
  });

  it('are measured by the theme check', () => {
    expect(themeProblems(themeCss, codeThemeCss)).toEqual([]);
    const darker = themeCss.replace(/--code-added-bg: [^;]+;/, '--code-added-bg: light-dark(#8fbf95, #0f1d0f);');
    expect(themeProblems(darker, codeThemeCss).map((problem) => problem.message)).toEqual([
      "src/styles/code-theme.css's token colour #0366d6 on --code-added-bg (#8fbf95) in light: contrast 2.59:1, needs 4.5:1 for text (added lines in code blocks)",
      "--code-added (#1b7335) on --code-added-bg (#8fbf95) in light: contrast 2.83:1, needs 4.5:1 for text (added lines' + sign)",
      '--muted (#5a554c) on --code-added-bg (#8fbf95) in light: contrast 3.54:1, needs 4.5:1 for text (line numbers on added lines)',
    ]);
    // A tint the code's foreground reads on, but one of its token colours does not.
    const tinted = themeCss.replace(/--code-mark-bg: [^;]+;/, '--code-mark-bg: light-dark(#e7dbd0, #221a13);');
    expect(themeProblems(tinted, codeThemeCss).map((problem) => problem.message)).toEqual([
      "src/styles/code-theme.css's token colour #0366d6 on --code-mark-bg (#e7dbd0) in light: contrast 3.98:1, needs 4.5:1 for text (marked lines and words in code blocks)",
    ]);
  });
});
