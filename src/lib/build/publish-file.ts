/** Writing cache files atomically and publishing them into dist/ as hard links. */
import { constants as fsConstants } from 'node:fs';
import { copyFile, link, mkdir, readdir, rename, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pMap from 'p-map';

/** Errors that mean the file system cannot link these two paths, so a copy is made instead. */
const NO_LINK = new Set<string | undefined>(['EXDEV', 'EPERM', 'ENOTSUP', 'EMLINK', 'ENOSYS']);

/**
 * Puts a file from a build cache into the output as a hard link: thousands
 * of image variants then cost a directory entry each rather than a copy of
 * their bytes, and deleting an old build frees nothing the cache still holds.
 * Cache files are written once (to a temporary name, then renamed) and never
 * changed in place, so the output can share them. Where links are not
 * possible (another file system, or one without them) the file is copied.
 */
export async function publishFile(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      await unlink(to);
      return publishFile(from, to);
    }
    if (!NO_LINK.has(code)) throw error;
    await copyFile(from, to, fsConstants.COPYFILE_FICLONE);
  }
}

/**
 * Writes a cache file the way the output can share it: under a temporary
 * name, then renamed into place, so a file once written is never changed in
 * place and no reader sees half of one. The folder must exist.
 */
export async function writeCacheFile(file: string, data: string | Uint8Array): Promise<void> {
  const partial = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(partial, data);
    await rename(partial, file);
  } catch (error) {
    // A full disk leaves the partial file behind; the cache keeps only finished files.
    await rm(partial, { force: true }).catch(() => undefined);
    throw withPath(error, file);
  }
}

/** A failed write (the call after open) names no file; the report of a full disk needs it. */
export function withPath(error: unknown, file: string): unknown {
  const failure = error as NodeJS.ErrnoException;
  if (typeof failure === 'object' && failure !== null && failure.code && !failure.path) failure.path = file;
  return error;
}

/** Publishes `names` from folder `from` into folder `to`. */
export async function publishFiles(from: string, to: string, names: Iterable<string>): Promise<void> {
  await mkdir(to, { recursive: true });
  await pMap(names, (name) => publishFile(path.join(from, name), path.join(to, name)), { concurrency: 16 });
}

/** Publishes a whole folder tree (the search index) the same way. */
export async function publishTree(from: string, to: string): Promise<void> {
  const entries = await readdir(from, { recursive: true, withFileTypes: true });
  const dirs = new Set([
    to,
    ...entries.filter((e) => e.isDirectory()).map((e) => path.join(to, path.relative(from, path.join(e.parentPath, e.name)))),
  ]);
  for (const dir of [...dirs].sort()) await mkdir(dir, { recursive: true });
  await pMap(
    entries.filter((e) => e.isFile()),
    (e) => {
      const relative = path.relative(from, path.join(e.parentPath, e.name));
      return publishFile(path.join(from, relative), path.join(to, relative));
    },
    { concurrency: 16 },
  );
}
