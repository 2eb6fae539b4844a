import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { DEV_STORE_FOLDER } from './content-cache.ts';
import { switchedOff } from './switched-off.ts';

/** Astro's virtual module holding the content layer's data store (astro/dist/content/consts.js). */
export const DATA_STORE_MODULE = '\0astro:data-layer-content';
/** Astro's content store in `cacheDir` (content/consts.js): one file, or a folder of chunks with `experimental.collectionStorage`. */
export const DATA_STORE_FILE = 'data-store.json';
export const DATA_STORE_DIR = 'data-store';
/** How Astro's load hook writes that module's code for a one-file store (content/vite-plugin-content-virtual-mod.js). */
export const EMBEDDED = 'export default JSON.parse(';
/** The marker that keeps the module out of each page's code hash (core/build/incremental-metadata.js). */
export const CONTENT_DATA_META = { astroIncremental: { kind: 'content-data' } };

/**
 * Loads the content store from its file when the build renders pages,
 * instead of from a JavaScript module with the whole store inlined.
 *
 * Astro 7.4 bundles `<cacheDir>/data-store.json` (every post's HTML: ~23 KB a
 * post) as `export default JSON.parse("…")`, and Node then compiles a module of
 * that size for every build (BENCHMARKS.md "Issue 35" has what it costs on
 * 1,000 posts). This plugin swaps the module's code, once Astro's hook has made
 * it, for code that reads and parses the file when pages are rendered: static
 * builds and the dev server, where pages are rendered in this process next to
 * the file. The dev server keeps its own store (`.astro/`), and Vite's SSR
 * transform would parse the inlined module again after every saved post, when
 * Astro invalidates it; the swapped module reads the new file instead. The module keeps Astro's
 * "content data" marker, so incremental builds still leave it out of each
 * page's code hash. It changes nothing when the module has another form (a
 * chunked store, a release that loads the store itself).
 */
export function contentStore(): AstroIntegration {
  return {
    name: 'content-store',
    hooks: {
      'astro:config:setup': ({ command, config, updateConfig }) => {
        if ((command !== 'build' && command !== 'dev') || config.output !== 'static' || switchedOff('store')) return;
        const file = fileURLToPath(
          command === 'dev' ? new URL(`${DEV_STORE_FOLDER}${DATA_STORE_FILE}`, config.root) : new URL(DATA_STORE_FILE, config.cacheDir),
        );
        const code = `import { readFileSync } from 'node:fs';\nexport default JSON.parse(readFileSync(${JSON.stringify(file)}, 'utf8'));\n`;
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'blog:content-store-from-file',
                transform: {
                  filter: { id: /^\0astro:data-layer-content$/ },
                  handler(source: string, id: string) {
                    if (id !== DATA_STORE_MODULE || !source.startsWith(EMBEDDED)) return null;
                    return { code, map: { mappings: '' }, meta: CONTENT_DATA_META };
                  },
                },
              },
            ],
          },
        });
      },
    },
  };
}
