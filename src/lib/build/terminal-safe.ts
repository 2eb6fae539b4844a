/**
 * Text from posts (titles, keywords, paths, file names), made safe to print to a terminal or a
 * CI log. A guest's keyword holding a newline and `::error file=…::` would otherwise forge a
 * GitHub Actions annotation, an escape sequence could clear the screen or retitle the window,
 * and a bidi override could show a line's words in another order than they are.
 */

/**
 * C0 controls (tab and newline among them), DEL, C1 controls, the Unicode line and paragraph
 * separators, and the bidi marks, embeddings, overrides and isolates.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is what it is for
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One character as an escape a reader sees: `\n`, `\x1b`, `\u202e`. */
function escaped(ch: string): string {
  const code = ch.charCodeAt(0);
  return NAMED[ch] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

/**
 * `text` with every control character shown as an escape, so whatever a post holds, what is
 * printed stays on one line and nothing it says can start a line of its own. A tab is escaped
 * too: it is never wanted in a post's field, and a visible `\t` tells the editor it is there.
 * The tool's own colours are added after this, around the escaped text.
 */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, escaped);
}

/** What JSON.stringify leaves raw in strings: it escapes only C0 controls (its own newlines indent). */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** JSON for a terminal: the rest escaped as `\u` too, which means the same to a JSON reader. */
export function terminalSafeJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(UNSAFE_IN_JSON, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
