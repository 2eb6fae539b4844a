import { existsSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { DEV_STORE_FOLDER } from './content-cache.ts';
import { DATA_STORE_FILE } from './content-store.ts';

/**
 * Dev only: the first `npm run dev` after a build starts from the build's content store.
 * Astro keeps the dev server's store (`.astro/data-store.json`) apart from the build's
 * (`<cacheDir>/data-store.json`), so the first dev server after `npm run build` rendered
 * every post's Markdown again (BENCHMARKS.md "Issue 35"). When the dev server has no store and
 * the build has one, the build's is copied into place before Astro loads it. Both are Astro's
 * caches of the same posts, keyed by each file's digest; Astro clears a store recorded under
 * another Astro version or config by itself, and content-cache.ts (which runs first) has
 * already dropped both when the rendering code changed.
 */
export function devStore(): AstroIntegration {
  return {
    name: 'dev-store',
    hooks: {
      'astro:config:setup': async ({ command, config }) => {
        if (command !== 'dev') return;
        const devFile = fileURLToPath(new URL(`${DEV_STORE_FOLDER}${DATA_STORE_FILE}`, config.root));
        const buildFile = fileURLToPath(new URL(DATA_STORE_FILE, config.cacheDir));
        if (existsSync(devFile) || !existsSync(buildFile)) return;
        // A cache: when the copy fails, Astro renders every post as it would have.
        await mkdir(path.dirname(devFile), { recursive: true })
          .then(() => copyFile(buildFile, devFile))
          .catch(() => undefined);
      },
    },
  };
}
