/** What the dev server's file watcher leaves alone: the built site, the builds' working folders and the caches. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { OLD_SITE_PREFIX, STAGING_PREFIX } from '#src/lib/build/work-folders.ts';

/**
 * Globs (absolute) of what never changes what the dev server shows: the built site, the caches,
 * and a build's working folders beside the site (`.dist-build-<pid>`, `.dist-old-<pid>-<time>`).
 */
export function unwatchedGlobs(config: { root: URL; outDir: URL; cacheDir: URL }): string[] {
  const trimmed = (folder: string) => folder.replace(/[\\/]+$/, '');
  const root = trimmed(fileURLToPath(config.root));
  const folders = [fileURLToPath(config.outDir), fileURLToPath(config.cacheDir), path.join(root, '.cache')].map(trimmed);
  const working = [STAGING_PREFIX, OLD_SITE_PREFIX].map((prefix) => path.join(root, `${prefix}*`));
  return [...new Set(folders), ...working].map((folder) => `${folder}/**`);
}

/**
 * Vite watches every file under the project but `node_modules/` and `.git/`:
 * after a build that is `dist/` and the caches (`BLOG_CACHE_DIR`, `.cache/`),
 * several files per post, which the watcher walked and stat'ed before the
 * first page (BENCHMARKS.md, "The dev server"). None of them is a source. Nor are
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
        updateConfig({ vite: { server: { watch: { ignored: unwatchedGlobs(config) } } } });
      },
    },
  };
}
