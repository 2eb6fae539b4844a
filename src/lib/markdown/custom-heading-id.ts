/** `## Pricing {#pricing}` (Hugo, Docusaurus, Pandoc): a heading's own id, read from the end of its text. */
import type { Heading, Text } from 'mdast';

/** `{#…}` at the very end of a heading, with the spaces before it. */
const MARK = /[ \t]*\{#([^{}]*)\}[ \t]*$/;

/**
 * What an id may be: letters and digits of any script, `-`, `_`, `.` and `:`, no spaces, not
 * starting with punctuation. It is safe in an attribute and, percent-encoded, in a URL's #fragment.
 */
export const VALID_HEADING_ID = /^[\p{L}\p{N}_][\p{L}\p{N}_.:-]*$/u;

/** A heading's `{#…}` as written: the id inside the braces (maybe invalid), and the text node holding it. */
export function customIdMark(heading: Heading): { written: string; valid: boolean; node: Text; at: number } | null {
  const last = heading.children.at(-1);
  if (last?.type !== 'text') return null;
  const match = MARK.exec(last.value);
  if (!match) return null;
  const written = match[1]!;
  return { written, valid: VALID_HEADING_ID.test(written), node: last, at: match.index };
}

/** The heading's own id when it has a valid `{#…}`, which is then taken out of its text; else null, the text untouched. */
export function takeCustomId(heading: Heading): string | null {
  const mark = customIdMark(heading);
  if (!mark?.valid) return null;
  mark.node.value = mark.node.value.slice(0, mark.at);
  if (mark.node.value === '') heading.children.pop();
  return mark.written;
}
