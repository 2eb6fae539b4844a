import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/** Astro's virtual module holding the content layer's data store (astro/dist/content/consts.js). */
const DATA_STORE_MODULE = '\0astro:data-layer-content';
const EMBEDDED = 'export default JSON.parse(';

/** Astro's plugin that loads the module (same file), whose load hook would parse and re-quote the whole store. */
const ASTRO_PLUGIN = 'astro-content-virtual-mod-plugin';

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
 * only: pages are rendered in this process, next to the file. The module keeps
 * Astro's "content data" marker, so incremental builds still leave it out of
 * each page's code hash.
 *
 * Astro's load hook is wrapped so it never builds the big module; should its
 * shape change, the transform below still swaps the module's code.
 */
export function contentStore(): AstroIntegration {
  return {
    name: 'content-store',
    hooks: {
      'astro:config:setup': ({ command, config, updateConfig }) => {
        if (command !== 'build' || config.output !== 'static') return;
        const file = fileURLToPath(new URL('data-store.json', config.cacheDir));
        const code = `import { readFileSync } from 'node:fs';\nexport default JSON.parse(readFileSync(${JSON.stringify(file)}, 'utf8'));\n`;
        const meta = { astroIncremental: { kind: 'content-data' } };
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'blog:content-store-from-file',
                configResolved(resolved: { plugins: readonly { name: string; load?: unknown }[] }) {
                  const astro = resolved.plugins.find((plugin) => plugin.name === ASTRO_PLUGIN);
                  const load = astro?.load as { handler?: LoadHandler; __blogWrapped?: true } | undefined;
                  if (!load || typeof load.handler !== 'function' || load.__blogWrapped) return;
                  const original = load.handler;
                  load.handler = function (this: unknown, id: string, ...rest: unknown[]) {
                    if (id === DATA_STORE_MODULE && existsSync(file)) return { code, map: { mappings: '' }, meta };
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
