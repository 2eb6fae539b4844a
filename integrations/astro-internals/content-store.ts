import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { DEV_STORE_LINK_KEY } from '#src/lib/content/dev-store-link.ts';
import { DEV_STORE_FOLDER } from './content-cache.ts';
import { sourceHash } from './source-hash.ts';
import { switchedOff } from './switched-off.ts';

/** Astro's virtual module holding the content layer's data store (astro/dist/content/consts.js). */
export const DATA_STORE_MODULE = '\0astro:data-layer-content';
/** Astro's content store in `cacheDir` (content/consts.js): one file, or a folder of chunks with `experimental.collectionStorage`. */
export const DATA_STORE_FILE = 'data-store.json';
export const DATA_STORE_DIR = 'data-store';
/** How Astro's load hook starts that module's code (content/vite-plugin-content-virtual-mod.js). */
export const EMBEDDED = 'export default JSON.parse(';
/** The marker that keeps the module out of each page's code hash (core/build/incremental-metadata.js). */
export const CONTENT_DATA_META = { astroIncremental: { kind: 'content-data' } };

/** Astro's plugin that loads the module, whose load hook would parse and re-quote the whole store. */
export const ASTRO_PLUGIN = 'astro-content-virtual-mod-plugin';
/**
 * The digest of that load hook's source in Astro 7.3.5. It is wrapped only
 * for the data store's id, but that branch is replaced, so a release that
 * changes the hook leaves it unwrapped (the transform below still applies).
 */
export const LOAD_HOOK_HASH = '92dd76f17280d172';

type LoadHandler = (this: unknown, id: string, ...rest: unknown[]) => unknown;

/**
 * Loads the content store from its file when the build renders pages,
 * instead of from a JavaScript module with the whole store inlined.
 *
 * Astro 7.3 bundles `<cacheDir>/data-store.json` (every post's body and HTML:
 * ~38 KB a post) as `export default JSON.parse("…")`. To make that module it
 * parses the file (to check it) and quotes it again; Node then compiles a
 * 38 MB module for 1,000 posts, which takes ~12 s (V8 scans the escaped
 * string slowly) and keeps the source in memory for the rest of the build;
 * for 10,000 posts the parse and the quoting alone took 2 GB. Reading and
 * parsing the file when pages are rendered takes under a second. Static builds
 * and the dev server only: pages are rendered in this process, next to the
 * file. The dev server reads its own store from memory (dev-store-memory.ts),
 * or from its file (`.astro/`) again each time Astro invalidates the module
 * after writing it. The module keeps
 * Astro's "content data" marker, so incremental builds still leave it out of
 * each page's code hash.
 *
 * Astro's load hook is wrapped so it never builds the big module; should it
 * change, the transform below still swaps the module's code.
 */
export function contentStore(): AstroIntegration {
  return {
    name: 'content-store',
    hooks: {
      'astro:config:setup': ({ command, config, logger, updateConfig }) => {
        if ((command !== 'build' && command !== 'dev') || config.output !== 'static' || switchedOff('store')) return;
        // The dev server keeps its own store; it reads the file again each time Astro invalidates the module.
        const file = fileURLToPath(
          new URL(
            command === 'dev' ? `${DEV_STORE_FOLDER}${DATA_STORE_FILE}` : DATA_STORE_FILE,
            command === 'dev' ? config.root : config.cacheDir,
          ),
        );
        let warned = false;
        const fromFile = `JSON.parse(readFileSync(${JSON.stringify(file)}, 'utf8'))`;
        // In dev, a copy of the dev server's store in memory when dev-store-memory.ts has found it; its file otherwise.
        const code =
          command === 'dev'
            ? `import { readFileSync } from 'node:fs';\nconst link = globalThis[Symbol.for(${JSON.stringify(DEV_STORE_LINK_KEY)})];\nexport default link?.snapshot ? link.snapshot() : ${fromFile};\n`
            : `import { readFileSync } from 'node:fs';\nexport default ${fromFile};\n`;
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'blog:content-store-from-file',
                configResolved(resolved: { plugins: readonly { name: string; load?: unknown }[] }) {
                  const astro = resolved.plugins.find((plugin) => plugin.name === ASTRO_PLUGIN);
                  const load = astro?.load as { handler?: LoadHandler; __blogWrapped?: true } | undefined;
                  if (load?.__blogWrapped) return;
                  if (typeof load?.handler !== 'function' || sourceHash(load.handler) !== LOAD_HOOK_HASH) {
                    // Once, though Vite resolves the config for each environment.
                    if (!warned)
                      logger.warn(
                        `Astro's internals have changed: ${ASTRO_PLUGIN}'s load hook is not the one this was written against; see integrations/astro-internals/README.md`,
                      );
                    warned = true;
                    return;
                  }
                  const original = load.handler;
                  load.handler = function (this: unknown, id: string, ...rest: unknown[]) {
                    if (id === DATA_STORE_MODULE && existsSync(file)) return { code, map: { mappings: '' }, meta: CONTENT_DATA_META };
                    return original.call(this, id, ...rest);
                  };
                  load.__blogWrapped = true;
                },
                transform: {
                  filter: { id: /^\0astro:data-layer-content$/ },
                  handler(source: string, id: string) {
                    if (id !== DATA_STORE_MODULE || !source.startsWith(EMBEDDED)) return null;
                    return { code, map: { mappings: '' } };
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
