/**
 * The one place that decides what a post may reference (PRODUCT.md, "Guests"): which files it
 * may read (an image in public/ or beside it in src/content/), which files the build may write
 * for it (inside the output folder), and which site paths may go into a line-based file such as
 * `_redirects`. The checker, the Markdown plugins, the content loader, the redirect writer and the
 * header writer all ask here, so a path one of them accepts is never refused or widened by
 * another.
 *
 * Every answer is made after percent-decoding and, for files that exist, after following
 * symbolic links (realpath): a link inside public/ that leads to ~/.ssh is outside.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { terminalSafeJson } from '#src/lib/build/terminal-safe.ts';

/** The folders a post's files may come from. */
export interface ReferenceRoots {
  root: string;
  publicDir: string;
  /** The content folder whose posts and profiles may keep images beside them (default: src/content/). */
  contentRoot?: string | undefined;
  /** The blog collection's folder, relative to root, when it is not src/content/blog/: its parent is the content folder. */
  contentDir?: string | undefined;
}

/** What a reference resolved to: the file, or what is wrong with it (a sentence after the quoted reference). */
export type Resolved = { file: string; problem?: undefined } | { file?: undefined; problem: string };

/** A value in quotes for a message, with every character that could break or reorder the line escaped. */
export const quoted = (value: string) => terminalSafeJson(value);

/** The content folder of a project: src/content/ unless the caller names another. */
export const contentRootOf = (roots: ReferenceRoots) =>
  roots.contentRoot ?? path.join(roots.root, roots.contentDir ? path.dirname(roots.contentDir) : 'src/content');

/**
 * Decodes a path's percent escapes ("%20" -> " "), or says which escape is malformed: decodeURI
 * alone throws "URI malformed" with no hint of where.
 */
export function decodePath(written: string): { path: string; problem?: undefined } | { path?: undefined; problem: string } {
  try {
    return { path: decodeURI(written) };
  } catch {
    // Either a "%" without two hex digits after it, or escapes that are not UTF-8 ("%ff").
    const notHex = /%(?![0-9a-f]{2})/i.exec(written);
    const escape = notHex
      ? written.slice(notHex.index, notHex.index + 3)
      : ([...written.matchAll(/(?:%[0-9a-f]{2})+/gi)].map((m) => m[0]).find((run) => !decodes(run)) ?? '%');
    return { problem: `has a malformed percent escape (${quoted(escape)}); write the character itself, or "%25" for a "%"` };
  }
}

const decodes = (escapes: string) => {
  try {
    decodeURI(escapes);
    return true;
  } catch {
    return false;
  }
};

/** True when `file` is `folder` or inside it (both absolute and normalised). */
export function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}

/** The real path of a file that exists, or null (missing; a loop is reported by the caller's existence check). */
function realPath(file: string): string | null {
  try {
    return realpathSync(file);
  } catch {
    return null;
  }
}

/** Real paths of the roots, so a project kept under a linked folder (/tmp -> /private/tmp) still compares equal. */
const realRoot = (folder: string) => realPath(folder) ?? folder;

/**
 * The file a post's image reference names: "/name.webp" is a file in public/, anything else is
 * relative to the post's own folder and must stay inside the content folder. The reference is
 * percent-decoded (a query or fragment is not part of the file). A file that exists must really
 * be inside its folder once links are followed; a file that does not exist is returned for the
 * caller's "does not exist" message.
 */
export function resolveReadable(reference: string, fromFile: string, roots: ReferenceRoots): Resolved {
  const decoded = decodePath(reference.split(/[?#]/)[0]!);
  if (decoded.problem !== undefined) return { problem: decoded.problem };
  const siteRoot = decoded.path.startsWith('/');
  const folder = siteRoot ? roots.publicDir : contentRootOf(roots);
  const file = siteRoot ? path.join(roots.publicDir, decoded.path) : path.resolve(path.dirname(fromFile), decoded.path);
  const where = siteRoot ? 'public/' : `${path.relative(roots.root, folder) || '.'}/`;
  if (!isInside(file, folder)) {
    return siteRoot
      ? { problem: `points outside ${where}; use "/name.webp" for a file in public/` }
      : { problem: `points outside ${where}; keep the file next to the post, e.g. "./hero.webp", or in public/ as "/hero.webp"` };
  }
  const real = realPath(file);
  if (real !== null && !isInside(real, realRoot(folder))) {
    return {
      problem: `is a link to ${quoted(real)}, outside ${where}; copy the file into ${where} instead of linking to it`,
    };
  }
  return { file };
}

/** Characters no site path in a line-based file may hold: whitespace, controls, bidi overrides, backslashes. */
const UNSAFE_IN_PATH = /[\s\p{Cc}\u202a-\u202e\u2066-\u2069\\]/u;

/**
 * What is wrong with a site path a post asks the build to answer at (a `redirectFrom` entry), or
 * null. The path becomes a file in the output folder and a line of `_redirects`, so it may hold
 * no whitespace or control character (a newline would add a rule), no backslash, and no "." or
 * ".." segment, written or percent-encoded ("%2e%2e"): each would let a post write outside its
 * own address.
 */
export function sitePathProblem(sitePath: string): string | null {
  const pathname = sitePath.split(/[?#]/)[0]!;
  const decoded = decodePath(pathname);
  if (decoded.problem !== undefined) return decoded.problem;
  const shown = quoted(sitePath);
  if (!pathname.startsWith('/') || pathname.startsWith('//')) return `${shown} must be a path on this site starting with one "/"`;
  if (UNSAFE_IN_PATH.test(decoded.path))
    return `${shown} holds a space, a line break, a control character or a backslash; write the old address as one path, with "%20" for a space`;
  if (decoded.path.split('/').some((segment) => segment === '..' || segment === '.'))
    return `${shown} has a "." or ".." segment (written or percent-encoded); write the old address as the browser shows it, without them`;
  return null;
}

/** A build step was asked to write outside the output folder: a bug or a hostile path, never done. */
export class UnsafeOutputError extends Error {}

/**
 * The one way a build step turns a site path into a file in the output folder: decoded, with
 * the same rules as sitePathProblem, and refused unless the file stays inside `outDir`.
 */
export function outputFile(outDir: string, sitePath: string, what: string): string {
  const problem = sitePathProblem(sitePath);
  if (problem) throw new UnsafeOutputError(`${what}: ${problem}`);
  const file = path.join(outDir, decodeURI(sitePath.split(/[?#]/)[0]!));
  if (!isInside(file, outDir) || path.resolve(file) === path.resolve(outDir))
    throw new UnsafeOutputError(`${what}: ${quoted(sitePath)} would be written outside the site's folder`);
  return file;
}

/**
 * A value about to go into a line-based file (`_redirects`, `_headers`), refused when it could
 * start a line of its own: whatever checked it before, the writer checks again.
 */
export function lineValue(value: string, what: string): string {
  if (/[\p{Cc}\u2028\u2029]/u.test(value))
    throw new UnsafeOutputError(`${what}: ${quoted(value)} holds a line break or a control character, so it was not written`);
  return value;
}
