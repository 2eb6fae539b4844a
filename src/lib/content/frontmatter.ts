/** Splitting a post file into its frontmatter block and its body: the one rule every reader of post files uses. */

/** A `---` line, the fields, and a closing `---` line, at the very start of the file (a byte-order mark allowed). */
const FRONTMATTER = /^(\uFEFF?---\r?\n)([\s\S]*?\r?\n)?---[ \t]*(?:\r?\n|$)/;
const OPENING = /^\uFEFF?---[ \t]*\r?\n/;

export interface FrontmatterSplit {
  /** The YAML between the two `---` lines, with its last newline. */
  frontmatter: string;
  /** Everything after the closing `---` line. */
  body: string;
  /** The 1-based line the body starts on. */
  bodyLine: number;
}

/**
 * The frontmatter and body of a post file; 'unclosed' when the file opens a
 * frontmatter block that never ends, 'missing' when it has none.
 */
export function splitFrontmatter(text: string): FrontmatterSplit | 'missing' | 'unclosed' {
  const match = FRONTMATTER.exec(text);
  if (!match) return OPENING.test(text) ? 'unclosed' : 'missing';
  const block = match[0];
  let bodyLine = 1;
  for (let index = block.indexOf('\n'); index !== -1; index = block.indexOf('\n', index + 1)) bodyLine += 1;
  return { frontmatter: match[2] ?? '', body: text.slice(block.length), bodyLine };
}
