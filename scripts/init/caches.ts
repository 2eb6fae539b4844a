/**
 * The caches and build output a sample build left: Astro's cache folder (node_modules/.astro, or
 * BLOG_CACHE_DIR) with its image variants, social cards, page cache and published-URL record,
 * Astro's .astro/ types and store, .cache/ and dist/. Removed with the samples, so no record of
 * the sample site survives into the owner's first build.
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { cacheDirFromEnv } from '#src/lib/urls/site-paths.ts';

export function cacheFolders(root: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const folders = [cacheDirFromEnv(root, env), path.join(root, '.astro'), path.join(root, '.cache'), path.join(root, 'dist')];
  return [...new Set(folders)];
}

/** Removes them; returns the ones that were there, relative to the project. */
export async function clearCaches(root: string, env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const cleared: string[] = [];
  for (const folder of cacheFolders(root, env)) {
    if (!existsSync(folder)) continue;
    await rm(folder, { recursive: true, force: true });
    cleared.push(`${path.relative(root, folder) || folder}/`);
  }
  return cleared;
}
