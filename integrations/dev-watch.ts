/** What the dev server's file watcher leaves alone: the built site and the caches. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

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
 * before the first page (about 3 s here). None of them is a source.
 */
export function devWatch(): AstroIntegration {
  return {
    name: 'dev-watch',
    hooks: {
      'astro:config:setup': ({ command, config, updateConfig }) => {
        if (command !== 'dev') return;
        updateConfig({ vite: { server: { watch: { ignored: unwatchedFolders(config).map((folder) => `${folder}/**`) } } } });
      },
    },
  };
}
