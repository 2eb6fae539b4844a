import { existsSync, statSync } from 'node:fs';
import { mkdir, readdir, rm, unlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { verifiedFolder, type VerifiedFolder } from '#src/lib/build/cache-integrity.ts';
import { sameMillisecond } from '#src/lib/build/keep-unchanged.ts';
import { buildRegistry } from '#src/lib/build/registries.ts';

/** Where Astro's incremental build keeps its copies of pages (core/build/incremental.js, `INCREMENTAL_OUTPUT_DIR`). */
export const PAGE_CACHE_DIR = 'dist/';
/** Astro's record of which pages it may copy from there (`INCREMENTAL_CACHE_FILE`). */
export const PAGE_CACHE_MANIFEST = 'incremental-build.json';
/** Written when a build starts, removed once what copied pages depend on is saved. */
const PENDING = 'page-cache-pending';

/** Astro's page cache as a checked folder, its record kept beside Astro's own manifest. */
export function pageCacheFolder(cacheDir: string): VerifiedFolder {
  return verifiedFolder(path.join(cacheDir, PAGE_CACHE_DIR), 'page', path.join(cacheDir, 'incremental-build-integrity.json'));
}

/**
 * Makes the next build render every page rather than copy it (by removing
 * Astro's manifest of copyable pages), for when something the copied pages
 * depend on was lost from the cache.
 */
export async function dropPageCache(cacheDir: string): Promise<void> {
  await rm(path.join(cacheDir, PAGE_CACHE_MANIFEST), { force: true });
}

/** Whether Astro has a manifest of pages it may copy. */
export const hasPageCache = (cacheDir: string): boolean => existsSync(path.join(cacheDir, PAGE_CACHE_MANIFEST));

const pageCacheDependents = buildRegistry('page-cache-dependents', (): Array<() => void> => []);

/**
 * Registers a save of something a page copied from the page cache depends on
 * but does not make again (the jobs of the social cards it names, for
 * example). It runs at the end of the build, before the build's marker is
 * removed: a build killed before then makes the next one render every page.
 */
export function beforePageCacheRecord(save: () => void): void {
  pageCacheDependents().push(save);
}

/** Saves what copied pages depend on, then the pages' record. */
function savePageCacheRecords(cacheDir: string): void {
  for (const save of pageCacheDependents()) save();
  pageCacheFolder(cacheDir).saveSync();
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

/** Deletes every cached page that is not as recorded: Astro renders a page whose copy is missing. */
async function removeUntrusted(folder: VerifiedFolder): Promise<void> {
  await folder.load();
  for (const name of await filesUnder(folder.dir)) if (!folder.isIntact(name)) await rm(path.join(folder.dir, name), { force: true });
}

/**
 * Astro's page cache, checked before Astro copies from it. With
 * `experimental.incrementalBuild`, Astro copies each unchanged page from
 * `<cacheDir>/dist/` into the new site as it is. Before the build, each
 * cached page is checked against the size and CRC-32 recorded when it was
 * written (src/lib/build/cache-integrity.ts; one stat for a file unchanged
 * since it was read) and deleted when it differs or has no record, so Astro
 * renders that page again. After the build, the pages Astro wrote are recorded.
 *
 * A page copied from the cache depends on other cached things it does not make
 * again (the social cards it names). A build killed after Astro has written its
 * manifest but before those are saved leaves `page-cache-pending` behind, and
 * the next build then drops the manifest and renders every page.
 *
 * Public hooks only; what it knows of Astro is where the copies and the manifest
 * are (checked in assumptions.ts). Build only: the dev server has no page cache.
 */
export function pageCache(): AstroIntegration {
  let cacheDir = '';
  let started = 0;
  return {
    name: 'page-cache',
    hooks: {
      'astro:config:setup': async ({ command, config }) => {
        if (command !== 'build' || !config.experimental.incrementalBuild) return;
        cacheDir = fileURLToPath(config.cacheDir);
        started = Date.now();
        const pending = path.join(cacheDir, PENDING);
        if (existsSync(pending)) await dropPageCache(cacheDir);
        await mkdir(cacheDir, { recursive: true });
        await writeFile(pending, '');
        await removeUntrusted(pageCacheFolder(cacheDir));
      },
      'astro:build:done': async ({ dir }) => {
        if (!cacheDir) return;
        const folder = pageCacheFolder(cacheDir);
        const outDir = fileURLToPath(dir);
        for (const name of await filesUnder(folder.dir)) {
          // A page Astro rendered: its cache copy takes the time of the page written into the site,
          // so the next build's copy of it looks unchanged to keep-unchanged.ts and to deploys.
          const page = statSync(path.join(outDir, name), { throwIfNoEntry: false });
          const cached = path.join(folder.dir, name);
          const copy = statSync(cached, { throwIfNoEntry: false });
          if (page && copy && page.size === copy.size && !sameMillisecond(page.mtimeMs, copy.mtimeMs) && copy.mtimeMs >= started)
            await utimes(cached, page.atime, page.mtime);
          folder.recordIfRewritten(name);
        }
        savePageCacheRecords(cacheDir);
        await unlink(path.join(cacheDir, PENDING)).catch(() => undefined);
      },
    },
  };
}
