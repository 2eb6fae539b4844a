import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Color from 'colorjs.io';
import * as csstree from 'css-tree';
import { describe, expect, it } from 'vitest';
import { THEME_FILE, THEME_VARIABLES, themeVariables } from '#tools/check/theme-contrast.ts';

/**
 * One place for the look: src/styles/theme.css sets every colour, font and width, and the other
 * stylesheets and components' <style> only use its variables (code-theme.css, generated, has its
 * own code colours).
 */
const root = path.resolve(import.meta.dirname, '../..');
const THEME = readFileSync(path.join(root, THEME_FILE), 'utf8');

/** Every stylesheet of the site but theme.css and the generated code-theme.css, with the components' <style> blocks. */
function siteStyles(): Array<{ file: string; css: string }> {
  const out: Array<{ file: string; css: string }> = [];
  for (const entry of readdirSync(path.join(root, 'src'), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.relative(root, path.join(entry.parentPath, entry.name));
    if (file === THEME_FILE || file === 'src/styles/code-theme.css') continue;
    const text = readFileSync(path.join(root, file), 'utf8');
    if (file.endsWith('.css')) out.push({ file, css: text });
    else if (file.endsWith('.astro'))
      for (const match of text.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)) out.push({ file, css: match[1]! });
  }
  return out;
}

const COLOUR_FUNCTIONS = new Set(['rgb', 'rgba', 'hsl', 'hsla', 'hwb', 'lab', 'lch', 'oklab', 'oklch', 'color', 'light-dark']);
const NOT_COLOURS = new Set(['transparent', 'currentcolor', 'inherit', 'initial', 'unset', 'none']);

/** Colour literals, font names and the variables each stylesheet uses. */
function scan(css: string) {
  const literals: string[] = [];
  const used = new Set<string>();
  const defined = new Set<string>();
  csstree.walk(csstree.parse(css, { parseCustomProperty: true }), {
    visit: 'Declaration',
    enter(node) {
      if (node.property.startsWith('--')) defined.add(node.property);
      const value = csstree.generate(node.value);
      if (node.property === 'font-family' && !/^var\(--font-[a-z]+\)$/.test(value)) literals.push(`font-family: ${value}`);
      csstree.walk(node.value, (child) => {
        if (child.type === 'Hash') literals.push(`${node.property}: #${child.value}`);
        if (child.type === 'Function' && COLOUR_FUNCTIONS.has(child.name.toLowerCase())) literals.push(`${node.property}: ${value}`);
        if (child.type === 'Function' && child.name === 'var' && child.children.first?.type === 'Identifier')
          used.add(child.children.first.name);
        if (
          child.type === 'Identifier' &&
          !NOT_COLOURS.has(child.name.toLowerCase()) &&
          /color|background|border|outline|fill|stroke|shadow/.test(node.property)
        ) {
          try {
            new Color(child.name);
            literals.push(`${node.property}: ${child.name}`);
          } catch {
            // Not a colour name (solid, auto, …).
          }
        }
      });
    },
  });
  return { literals, used, defined };
}

describe('the look lives in src/styles/theme.css', () => {
  const styles = siteStyles().map((style) => ({ ...style, ...scan(style.css) }));
  const definedElsewhere = new Set(styles.flatMap((style) => [...style.defined]));
  // Variables code-theme.css sets for the code it colours.
  for (const name of ['--code-light', '--code-dark', '--code-bg-light', '--code-bg-dark', '--code-underline', '--code-line-through'])
    definedElsewhere.add(name);

  it('reads the stylesheets it guards (the scan is not vacuous)', () => {
    expect(styles.length).toBeGreaterThan(20);
    expect(styles.flatMap((style) => [...style.used])).toContain('--accent');
  });

  it('sets every variable of its list, and nothing else the site needs', () => {
    const set = themeVariables(THEME);
    expect([...set.keys()].sort()).toEqual(Object.keys(THEME_VARIABLES).sort());
  });

  it('is where every variable the site uses comes from', () => {
    const missing = styles.flatMap((style) =>
      [...style.used].filter((name) => !(name in THEME_VARIABLES) && !definedElsewhere.has(name)).map((name) => `${style.file}: ${name}`),
    );
    expect(missing).toEqual([]);
  });

  it('holds every colour and font: the other stylesheets write none', () => {
    expect(styles.flatMap((style) => style.literals.map((literal) => `${style.file}: ${literal}`))).toEqual([]);
  });

  it('sets the widths the layout uses', () => {
    const layout = readFileSync(path.join(root, 'src/styles/layout.css'), 'utf8');
    for (const name of ['--width-page', '--width-text', '--width-wide']) expect(layout).toContain(`var(${name})`);
    expect(layout).not.toMatch(/\b(72|46|60)rem\b/);
  });
});
