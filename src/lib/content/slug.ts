/** The one slug function for posts, categories, tags and authors. */
import transliterateSlug from '@sindresorhus/slugify';
import { slug as unicodeSlug } from 'github-slugger';

/**
 * Symbols that carry meaning in names: without them `C++`, `C#` and `C` would
 * all collapse to `c`.
 */
const SYMBOL_WORDS: ReadonlyArray<[string, string]> = [
  ['+', ' plus '],
  ['#', ' sharp '],
  ['&', ' and '],
  ['@', ' at '],
];

/** Scripts that @sindresorhus/transliterate turns into ASCII well. */
const TRANSLITERABLE = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Common}\p{Script=Inherited}]*$/u;

/**
 * The one slug function: every post, category, tag and author URL, and every
 * link to one, is made here. Latin, Greek and Cyrillic text is transliterated
 * to ASCII (`Jonas Müller` -> `jonas-mueller`); text in other scripts keeps its
 * letters (`日本語のタグ` -> `日本語のタグ`), which browsers and servers handle as
 * percent-encoded UTF-8. Returns "" when the text has no letters or digits.
 */
export function slugify(text: string): string {
  // Pure and called per tag per post (54,000 times to load 1,000 posts): remember.
  let slug = slugs.get(text);
  if (slug === undefined) {
    if (slugs.size >= 100_000) slugs.clear();
    slugs.set(text, (slug = slugifyUncached(text)));
  }
  return slug;
}

const slugs = new Map<string, string>();

function slugifyUncached(text: string): string {
  const input = text.normalize('NFC').trim();
  if (TRANSLITERABLE.test(input)) {
    return transliterateSlug(input, { customReplacements: [...SYMBOL_WORDS], decamelize: false });
  }
  let spelled = input;
  for (const [symbol, word] of SYMBOL_WORDS) spelled = spelled.replaceAll(symbol, word);
  return unicodeSlug(spelled.trim())
    .replace(/[\s_]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '');
}

/** A slug an editor may write in `slug:`: lowercase letters, digits, single hyphens. */
export const EDITOR_SLUG = /^[\p{Ll}\p{Lo}\p{N}]+(?:-[\p{Ll}\p{Lo}\p{N}]+)*$/u;

/** The slug a post gets when it sets none: its file name, or its folder's for `index.md`. */
export function slugFromFile(file: string): string {
  const parts = file.split(/[\\/]/);
  const name = parts.at(-1)!.replace(/\.[^.]+$/, '');
  return slugify(name === 'index' ? (parts.at(-2) ?? name) : name);
}
