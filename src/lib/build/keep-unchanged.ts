/** Keeps the files a build wrote again with the bytes they had as the files already published. */
import { linkSync, lstatSync, readdirSync, readFileSync, renameSync, rmSync, utimesSync, type Stats } from 'node:fs';
import path from 'node:path';

/**
 * A build writes some files afresh every time although their bytes rarely
 * change: pages without a cache key (home, indexes, 404), Astro's copies of
 * public/ and of the scripts, the sitemap, `_headers`, a search index shard
 * made again. A deploy that syncs by size and modification time (rsync, most
 * upload steps) uploads each of them again, and a one-post edit looks like a
 * change to dozens of files.
 *
 * So every file of `fresh` written by this build (one name only: files
 * published from a cache are hard links and are left as they are) whose bytes
 * are exactly those of the same path in `previous` is replaced by a hard link
 * to that file: it keeps its inode and modification time. The previous copy is
 * never written to afterwards (old sites are only deleted, cache files only
 * replaced by a rename), so sharing it is safe. A file with the size and
 * modification time of the published one (a page copied from Astro's page
 * cache) is left as it is: it looks unchanged already, and a warm build has
 * thousands of them. Returns how many files were kept.
 */
export function keepUnchangedFiles(fresh: string, previous: string, options: { copiesIn?: string } = {}): number {
  let kept = 0;
  for (const entry of readdirSync(fresh, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const stats = lstatSync(file);
    if (stats.nlink !== 1) continue;
    const relative = path.relative(fresh, file);
    const old = path.join(previous, relative);
    if (sameStamp(stats, old)) kept += 1;
    else if (sameBytes(file, stats, old) && relink(old, file)) {
      kept += 1;
      if (options.copiesIn) giveTimeOf(old, path.join(options.copiesIn, relative), stats.size);
    }
  }
  return kept;
}

/**
 * `copy` (the page cache's copy of a page kept as it was published) takes the time of the
 * published file, so the next build's copy of that page has it too and is left alone by
 * `sameStamp` instead of being read and relinked again. Only a file of the same size is touched.
 */
function giveTimeOf(published: string, copy: string, size: number): void {
  try {
    const copyStats = lstatSync(copy, { throwIfNoEntry: false });
    if (!copyStats?.isFile() || copyStats.size !== size) return;
    const { atime, mtime } = lstatSync(published);
    utimesSync(copy, atime, mtime);
  } catch {
    // A cache: left as it is, the page is compared again next time.
  }
}

/**
 * True when `old` has the size and modification time of `file`: a page Astro copied from its page
 * cache carries the cached file's time, as the published copy of it does (page-cache.ts gives a
 * page Astro renders the time of the page it published). Such a file looks unchanged to a deploy
 * that syncs by size and time, so it is published as it is, without reading or relinking it.
 */
function sameStamp(stats: Stats, old: string): boolean {
  const oldStats = lstatSync(old, { throwIfNoEntry: false });
  return oldStats?.isFile() === true && oldStats.size === stats.size && sameMillisecond(oldStats.mtimeMs, stats.mtimeMs);
}

/**
 * Two modification times that are the same to the millisecond: Astro sets a copied page's time
 * from a Date, which keeps no finer part (and comes back through seconds as a float, a hair
 * either side).
 */
export const sameMillisecond = (a: number, b: number): boolean => Math.abs(a - b) < 1;

/** True when `old` holds exactly the bytes of `file`; an old file that cannot be read is not the same. */
function sameBytes(file: string, stats: Stats, old: string): boolean {
  let before: Buffer;
  try {
    const oldStats = lstatSync(old, { throwIfNoEntry: false });
    if (!oldStats?.isFile() || oldStats.size !== stats.size || oldStats.ino === stats.ino) return false;
    before = readFileSync(old);
  } catch {
    return false;
  }
  return readFileSync(file).equals(before);
}

/** `file` becomes a link to `old`, in one rename (a reader never finds the name missing); false where links cannot be made. */
function relink(old: string, file: string): boolean {
  const partial = `${file}.${process.pid}.keep`;
  try {
    linkSync(old, partial);
    renameSync(partial, file);
    return true;
  } catch {
    // Another file system, or one without links: the fresh copy stays, with the same bytes.
    rmSync(partial, { force: true });
    return false;
  }
}
