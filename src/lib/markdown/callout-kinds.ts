/** The callout kinds a post may use, the names writers also give them, and their default titles. */
import { closest, distance } from 'fastest-levenshtein';

/** The five kinds, as GitHub draws them: each has its colour (theme.css `--callout-<kind>`) and icon. */
export const CALLOUT_KINDS = ['note', 'tip', 'important', 'warning', 'caution'] as const;
export type CalloutKind = (typeof CALLOUT_KINDS)[number];

/**
 * Every name a writer may write (any case), with the kind it is drawn as. The five are GitHub's;
 * the others are the names Obsidian, Docusaurus and Starlight use for the same thing. `caution` is
 * red, as on GitHub (Starlight draws its `:::caution` yellow; one meaning a name is simpler to
 * learn). Kinds with no match here (Obsidian's `question`, `bug`, `example`, …) are reported by
 * the checker rather than drawn as a guess.
 */
export const CALLOUT_NAMES: Readonly<Record<string, CalloutKind>> = {
  note: 'note',
  info: 'note',
  tip: 'tip',
  hint: 'tip',
  success: 'tip',
  important: 'important',
  warning: 'warning',
  attention: 'warning',
  caution: 'caution',
  danger: 'caution',
  error: 'caution',
};

/** The kind a written name is drawn as (`NOTE`, `Info`, `danger`), or undefined for a name not in the table. */
export function calloutKind(written: string): CalloutKind | undefined {
  return Object.hasOwn(CALLOUT_NAMES, written.toLowerCase()) ? CALLOUT_NAMES[written.toLowerCase()] : undefined;
}

/** The title a callout shows when its writer gives none: the name as written, capitalised ("Danger" for `:::danger`). */
export function defaultTitle(written: string): string {
  const name = written.toLowerCase();
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/**
 * The check message for a name not in the table: the known names, and the nearest one when it is
 * near enough to be a typo (`NOTTE`, `warnin`; not `question`, which is no misspelling of anything).
 */
export function unknownKindMessage(written: string, form: 'alert' | 'directive'): string {
  const name = written.toLowerCase();
  const nearest = closest(name, Object.keys(CALLOUT_NAMES));
  const typo = distance(name, nearest) <= Math.max(1, Math.floor(nearest.length / 3));
  const example = form === 'alert' ? `> [!${nearest.toUpperCase()}]` : `:::${nearest}`;
  const others = Object.keys(CALLOUT_NAMES).filter((known) => !CALLOUT_KINDS.includes(known as CalloutKind));
  return (
    `callout kind "${written}" is not one the site draws${typo ? ` (did you mean ${example}?)` : ''}; ` +
    `write one of ${CALLOUT_KINDS.join(', ')} (or ${others.join(', ')}), in any case`
  );
}
