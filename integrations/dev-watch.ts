/** What the dev server's file watcher leaves alone: the built site, the builds' working folders and the caches. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { OLD_SITE_PREFIX, STAGING_PREFIX } from '../scripts/build-cleanup.ts';

/** Folders (absolute) whose files never change what the dev server shows. */
export function unwatchedFolders(config: { root: URL; outDir: URL; cacheDir: URL }): string[] {
  const root = fileURLToPath(config.root);
  const folders = [fileURLToPath(config.outDir), fileURLToPath(config.cacheDir), path.join(root, '.cache')];
  return [...new Set(folders.map((folder) => folder.replace(/[\\/]+$/, '')))];
}

/**
 * Vite watches every file under the project but `node_modules/` and `.git/`:
 * after a build that is `dist/` and the caches (`BLOG_CACHE_DIR`, `.cache/`),
 * about 14,000 files for 1,000 posts, which the watcher walked and stat'ed
 * before the first page (about 3 s here). None of them is a source. Nor are
 * a build's working folders beside `dist/`: the site being built, and the site
 * a build replaced, which a detached process is still deleting when a dev
 * server is started right after the build (each deleted page was a watcher event).
 */
export function devWatch(): AstroIntegration {
  return {
    name: 'dev-watch',
    hooks: {
      'astro:config:setup': ({ command, config, updateConfig }) => {
        if (command !== 'dev') return;
        const root = fileURLToPath(config.root).replace(/[\\/]+$/, '');
        const working = [STAGING_PREFIX, OLD_SITE_PREFIX].map((prefix) => `${root}/${prefix}*/**`);
        updateConfig({
          vite: { server: { watch: { ignored: [...unwatchedFolders(config).map((folder) => `${folder}/**`), ...working] } } },
        });
      },
    },
  };
}
