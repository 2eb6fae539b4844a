/**
 * What a build leaves behind when it stops early, and its removal: the
 * staging folder (`.dist-build-<pid>`) and the temporary files of cache
 * entries it was writing (`<name>.<pid>.tmp`, src/lib/build/publish-file.ts).
 * Cache entries only ever take their final name once complete, so removing
 * these leaves every cache as the last finished write left it.
 */
import { readdirSync, rmSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { STAGING_PREFIX } from '#src/lib/build/work-folders.ts';

// The folders' names, for scripts/build.ts: they live in src/lib/build, where the dev server's watcher reads them too.
export { OLD_SITE_PREFIX, STAGING_PREFIX } from '#src/lib/build/work-folders.ts';

/** Removes a folder however busy it is: files still being written into it make one pass fail with ENOTEMPTY. */
export function removeFolder(folder: string): void {
  rmSync(folder, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
}

/** Deletes every temporary file or folder of process `pid` under `dir`. */
export function removeTemporaryFiles(dir: string, pid: number): void {
  const suffix = `.${pid}.tmp`;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // no cache yet
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.name.endsWith(suffix)) removeFolder(full);
    else if (entry.isDirectory()) removeTemporaryFiles(full, pid);
  }
}

/** True while a process with this id exists, another user's too (EPERM). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes what builds that were killed (power cut, SIGKILL, a CI timeout)
 * left in `root` and `cacheDir`: their staging folders and temporary files.
 * A build still running (another process) is left alone.
 */
export async function removeKilledBuilds(root: string, cacheDir: string): Promise<void> {
  const names = await readdir(root).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(STAGING_PREFIX)) continue;
    const pid = Number(name.slice(STAGING_PREFIX.length));
    if (!Number.isInteger(pid) || pid === process.pid || isRunning(pid)) continue;
    removeFolder(path.join(root, name));
    removeTemporaryFiles(cacheDir, pid);
  }
}
