/**
 * Palettes for src/styles/theme.css, as an owner might write them: the tests put them in place of
 * the sample's colours (tests/unit/theme-contrast.test.ts checks their contrast, and
 * tests/browser/theme-palette.test.ts builds a site with one and runs axe on it).
 */
export type Palette = Record<string, readonly [light: string, dark: string]>;

/** The sample's colours, as theme.css ships them. */
export const SAMPLE: Palette = {
  '--bg': ['#fcfbf8', '#15140f'],
  '--surface': ['#f2efe8', '#201e18'],
  '--text': ['#1d1b18', '#ece8df'],
  '--muted': ['#5a554c', '#b3ab9c'],
  '--accent': ['#8a3a12', '#f0a26f'],
  '--accent-strong': ['#6b2b0b', '#ffc49c'],
  '--border': ['#ddd6c8', '#3a362d'],
  '--focus': ['#1a56db', '#8ab4ff'],
  '--code-bg': ['#f4f1ea', '#1d1b16'],
  '--notice-bg': ['#fff3c4', '#fff3c4'],
  '--notice-text': ['#4a3800', '#4a3800'],
  '--code-mark-bg': ['#f7e9db', '#221a13'],
  '--code-added-bg': ['#def1e0', '#0f1d0f'],
  '--code-added': ['#1b7335', '#56d364'],
  '--code-removed-bg': ['#fbe7e5', '#2f1411'],
  '--code-removed': ['#b42318', '#ff7b72'],
};

/** A cool blue brand with a magenta focus ring: every pair passes. */
export const HARBOUR: Palette = {
  ...SAMPLE,
  '--bg': ['#f8fafc', '#0b1120'],
  '--surface': ['#e8eef5', '#16213a'],
  '--text': ['#0f172a', '#e2e8f0'],
  '--muted': ['#475569', '#94a3b8'],
  '--accent': ['#0b5cad', '#7cc4fa'],
  '--accent-strong': ['#07427d', '#bae0fd'],
  '--border': ['#cbd5e1', '#2c3a55'],
  '--focus': ['#b4235a', '#f472b6'],
  '--code-bg': ['#eef2f6', '#111a2e'],
  '--notice-bg': ['#dbeafe', '#1e3a8a'],
  '--notice-text': ['#1e3a8a', '#dbeafe'],
};

/** theme.css with `palette`'s colours in place of the sample's (every other line kept). */
export function withPalette(css: string, palette: Palette): string {
  let out = css;
  for (const [name, [light, dark]] of Object.entries(palette)) {
    const line = new RegExp(`^(\\s*${name}:\\s*)light-dark\\([^;]*\\);`, 'm');
    if (!line.test(out)) throw new Error(`theme.css has no "${name}: light-dark(…);" line to replace`);
    out = out.replace(line, `$1light-dark(${light}, ${dark});`);
  }
  return out;
}
