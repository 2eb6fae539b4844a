/** Machine failures (full disk, no permission, too many open files) as one-line messages. */
import { statfsSync } from 'node:fs';
import path from 'node:path';

/**
 * Failures of the machine rather than of a post: a full disk, a folder the
 * build may not write, too many open files. They are reported the way post
 * problems are, in one line saying what happened and where, without a stack.
 */
export interface SystemFault {
  code: string;
  syscall?: string | undefined;
  /** The file the failing call was about, when known. */
  file?: string | undefined;
}

const CODES = new Set(['ENOSPC', 'EDQUOT', 'EACCES', 'EPERM', 'EROFS', 'EMFILE', 'ENFILE']);

/**
 * The same failures as reported by code that is not Node's (sharp's libvips,
 * Pagefind's Rust binary, esbuild): only their words say what happened.
 */
const WORDS: Array<[RegExp, string]> = [
  [/\b(ENOSPC|EDQUOT|EACCES|EPERM|EROFS|EMFILE|ENFILE)\b/, ''],
  [/no space left on device|os error 28\b/i, 'ENOSPC'],
  [/disk quota exceeded|os error 122\b/i, 'EDQUOT'],
  [/permission denied|os error 13\b/i, 'EACCES'],
  [/read-only file system|os error 30\b/i, 'EROFS'],
  [/too many open files|os error 24\b/i, 'EMFILE'],
];

function faultIn(error: unknown): SystemFault | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, syscall, path: file, message } = error as NodeJS.ErrnoException;
  if (typeof code === 'string' && CODES.has(code)) return { code, syscall, file };
  if (typeof message !== 'string') return null;
  for (const [pattern, named] of WORDS) {
    const match = pattern.exec(message);
    if (!match) continue;
    // Node's own wording when the error was re-thrown as text: "ENOSPC: …, write '/x/y'";
    // others name the file somewhere in their words (rolldown: "Failed to write file in /x/y").
    const quoted = /, (\w+) '([^']+)'/.exec(message);
    if (quoted) return { code: named || match[1]!, syscall: quoted[1], file: quoted[2] };
    return { code: named || match[1]!, file: /(?:^|\s)(\/[^\s'"]+)/.exec(message)?.[1] };
  }
  return null;
}

/** The system failure behind an error, looking through the errors that wrap it (`cause`, AggregateError); null for any other error. */
export function findSystemFault(error: unknown, depth = 0): SystemFault | null {
  if (depth > 8 || typeof error !== 'object' || error === null) return null;
  const direct = faultIn(error);
  if (direct) return direct;
  const { cause, errors } = error as { cause?: unknown; errors?: unknown };
  for (const inner of [cause, ...(Array.isArray(errors) ? errors : [])]) {
    const found = findSystemFault(inner, depth + 1);
    if (found) return found;
  }
  return null;
}

const VERBS: Record<string, string> = {
  open: 'opening',
  write: 'writing',
  mkdir: 'creating',
  rename: 'renaming',
  link: 'linking',
  symlink: 'linking',
  copyfile: 'copying',
  unlink: 'deleting',
  rmdir: 'deleting',
  rm: 'deleting',
  spawn: 'starting',
};

/** True when the file system holding `file` (or its nearest existing folder) has no inodes left. */
function outOfInodes(file: string): boolean {
  for (let dir = file; ; dir = path.dirname(dir)) {
    try {
      const stats = statfsSync(dir);
      return stats.files > 0 && stats.ffree === 0;
    } catch {
      if (dir === path.dirname(dir)) return false;
    }
  }
}

export interface FaultReport {
  /** What happened and where: "the disk is full (writing dist/_img/x.webp)". */
  what: string;
  /** What to do, before the command is run again: "free some space". */
  fix: string;
}

/**
 * Words for a fault; file names are shown relative to `root` when inside it.
 * When the failing call named no file (Astro's and Vite's own writes), the
 * project's folder says which disk it was.
 */
export function describeSystemFault(fault: SystemFault, root: string): FaultReport {
  const relative = fault.file && path.relative(root, fault.file);
  // A cache file is written under a temporary name first (publish-file.ts); the reader knows it by its own.
  const shown = relative && (relative.startsWith('..') || path.isAbsolute(relative) ? fault.file : relative)?.replace(/\.\d+\.tmp$/, '');
  // A full disk fails whatever call wanted room; the call's own verb is kept for the others.
  const where = (verb: string) => (shown ? ` (${verb} ${shown})` : ` (${verb} in ${root})`);
  const writing = where(fault.syscall === 'mkdir' ? 'creating' : 'writing');
  switch (fault.code) {
    case 'ENOSPC':
      if (fault.file && outOfInodes(fault.file))
        return { what: `the disk has no room for more files: it is out of inodes${writing}`, fix: 'delete some files' };
      return { what: `the disk is full${writing}`, fix: 'free some space' };
    case 'EDQUOT':
      return { what: `the disk quota is used up${writing}`, fix: 'free some space or raise the quota' };
    case 'EROFS':
      return { what: `the file system is read-only${writing}`, fix: 'use a writable disk' };
    case 'EMFILE':
    case 'ENFILE':
      return { what: `too many files are open${where('opening')}`, fix: 'raise the limit of open files (ulimit -n 8192)' };
    default:
      return {
        what: `no permission${where((fault.syscall && VERBS[fault.syscall]) || 'reading')}`,
        fix: 'give the user running the command access to it (or run it as the owner of the files)',
      };
  }
}

/**
 * One line for a failed command: "The build failed: the disk is full (writing
 * …). dist/ is unchanged; free some space and build again." `consequence`
 * is what was (not) changed, `again` how to retry ("build again").
 */
export function systemFaultLine(options: { failed: string; fault: SystemFault; root: string; consequence: string; again: string }): string {
  const { what, fix } = describeSystemFault(options.fault, options.root);
  return `${options.failed}: ${what}. ${options.consequence.replace(/\.$/, '')}; ${fix} and ${options.again}.`;
}
