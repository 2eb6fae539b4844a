/**
 * `node scripts/dev/environment-table.ts [--write]`: the README's table of environment variables,
 * made from src/lib/build/environment.ts. Prints it, or with --write puts it between the
 * README's `<!-- environment:start -->` and `<!-- environment:end -->` lines.
 * tests/unit/environment.test.ts fails while the README's table differs from the list.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { environmentTable } from '#src/lib/build/environment.ts';

export const README = path.resolve(import.meta.dirname, '../../README.md');
export const START = '<!-- environment:start -->';
export const END = '<!-- environment:end -->';

/** The README's text with the table between the markers replaced by `table`. */
export function withTable(readme: string, table: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start === -1 || end < start) throw new Error(`README.md has no ${START} … ${END} lines`);
  return `${readme.slice(0, start + START.length)}\n\n${table}\n\n${readme.slice(end)}`;
}

if (import.meta.main) {
  if (process.argv.includes('--write')) writeFileSync(README, withTable(readFileSync(README, 'utf8'), environmentTable()));
  else console.log(environmentTable());
}
