import { stripVTControlCharacters } from 'node:util';
import { envValue } from '#src/lib/build/environment.ts';
import { AUTHORS_DIR, CATEGORIES_DIR } from '#src/lib/content/profile-schemas.ts';
import { SETTINGS_FILE, THEME_FILE } from '#src/lib/urls/site-paths.ts';
import type { Problem } from '#tools/check/problems.ts';
import { findSystemFault, systemFaultLine } from '#src/lib/build/system-errors.ts';
import { terminalSafe } from '#src/lib/build/terminal-safe.ts';
import { formatProblem } from '#tools/check/problems.ts';

const useColour = process.stderr.isTTY && !envValue('NO_COLOR');
const red = (text: string) => (useColour ? `\x1b[31m${text}\x1b[0m` : text);

/** Prints every problem as `file:line  field  message`, grouped under one headline. */
export function printProblems(problems: Problem[], consequence: string): void {
  // Links and SVGs in public/ and beside posts (tools/check/project-files.ts) are files, not posts.
  const kindOf = (file: string) =>
    file === SETTINGS_FILE
      ? 'settings'
      : file === THEME_FILE
        ? 'theme'
        : file.startsWith(`${AUTHORS_DIR}/`) || file.startsWith(`${CATEGORIES_DIR}/`)
          ? 'profile'
          : /\.mdx?$/i.test(file)
            ? 'post'
            : 'file';
  const filesOf = Map.groupBy(new Set(problems.map((p) => p.file)), kindOf);
  const count = (kind: ReturnType<typeof kindOf>, noun: string) => {
    const n = filesOf.get(kind)?.length ?? 0;
    return n > 0 ? [`${n} ${noun}${n === 1 ? '' : 's'}`] : [];
  };
  const where = [
    ...count('post', 'post'),
    ...count('profile', 'author or category file'),
    ...count('file', 'other file'),
    ...(filesOf.has('settings') ? ['the settings'] : []),
    ...(filesOf.has('theme') ? ['the theme'] : []),
  ].join(' and ');
  const total = `${problems.length} problem${problems.length === 1 ? '' : 's'} in ${where}`;
  console.error(red(`✗ ${total}. ${consequence}`));
  for (const problem of problems) console.error(`  ${formatProblem(problem)}`);
}

/**
 * Prints warnings (things that build, but may not be what the editor meant)
 * under one headline, each as `file:line  field  message`, indented deeper
 * than problems so tools reading problem lines do not take them for errors.
 */
export function printWarnings(warnings: Problem[]): void {
  if (warnings.length === 0) return;
  warn(`${warnings.length} warning${warnings.length === 1 ? '' : 's'} (the site still builds):`);
  for (const warning of warnings) console.error(`    ${formatProblem(warning)}`);
}

/**
 * Ends the command once everything it printed has been handed on. process.exit drops what is
 * still queued on a pipe (CI's log, `| less`, a test reading the output): a report of a few
 * thousand problems stopped after 64 KB, in the middle of a line.
 */
export async function exitAfterOutput(code: number): Promise<never> {
  await Promise.all([process.stdout, process.stderr].map((stream) => new Promise<void>((resolve) => stream.write('', () => resolve()))));
  process.exit(code);
}

/** Ends a command with one clear message (and an optional hint), without a stack trace. */
export function fail(message: string, hint?: string): never {
  console.error(red(`✗ ${terminalSafe(message)}`));
  if (hint) console.error(hint);
  process.exit(1);
}

/** A warning the command goes on after. */
export function warn(message: string): void {
  const yellow = (text: string) => (useColour ? `\x1b[33m${text}\x1b[0m` : text);
  console.error(yellow(`⚠ ${terminalSafe(message)}`));
}

/**
 * Prints why a command failed. A system failure (full disk, no permission, …)
 * is one line saying what happened, where, what was left unchanged and what to
 * do (src/lib/build/system-errors.ts), with `unchanged`; any other error is its
 * message without the stack lines bundlers put in it, then `consequence`.
 */
export function printFailure(
  failed: string,
  error: unknown,
  options: { root: string; consequence: string; unchanged: string; again: string },
): void {
  // For reporting a bug in the build itself: the whole error, stack and all.
  if (envValue('BLOG_DEBUG')) console.error(error);
  const fault = findSystemFault(error);
  if (fault) {
    const { root, unchanged, again } = options;
    console.error(red(`✗ ${terminalSafe(systemFaultLine({ failed, fault, root, consequence: unchanged, again }))}`));
    return;
  }
  // Vite colours its reports whatever NO_COLOR says; a log or an annotation needs plain text.
  // One line: the message may quote a post, whose newline must not start a line of its own.
  const message = stripVTControlCharacters(error instanceof Error ? error.message : String(error))
    .split('\n')
    .filter((line) => !/^\s+at /.test(line))
    .join('\n')
    .trim();
  console.error(red(`✗ ${failed}: ${terminalSafe(message)}`.trimEnd()));
  if (options.consequence) console.error(options.consequence);
}
