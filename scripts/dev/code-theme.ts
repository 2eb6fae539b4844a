/**
 * `npm run code-theme`: writes src/styles/code-theme.css, the colours of highlighted code's
 * classes, from the Shiki themes pipeline.ts uses (src/lib/markdown/code-theme-css.ts). Run it
 * after an update of Shiki or Astro changes a theme (tests/unit/code-theme.test.ts then fails),
 * or after changing the themes or their contrast shades.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CODE_THEME_CSS_FILE, codeThemeCss } from '#src/lib/markdown/code-theme-css.ts';

const file = path.join(import.meta.dirname, '../..', CODE_THEME_CSS_FILE);
const css = await codeThemeCss();
const before = await readFile(file, 'utf8').catch(() => '');
if (css === before) console.log(`${CODE_THEME_CSS_FILE} is up to date.`);
else {
  await writeFile(file, css);
  console.log(`Wrote ${CODE_THEME_CSS_FILE}.`);
}
