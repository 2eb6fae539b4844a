import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/** Astro's virtual module holding the content layer's data store (astro/dist/content/consts.js). */
const DATA_STORE_MODULE = '\0astro:data-layer-content';
const EMBEDDED = 'export default JSON.parse(';

/**
 * Loads the content store from its file when the build renders pages,
 * instead of from a JavaScript module with the whole store inlined.
 *
 * Astro 7.3 bundles `<cacheDir>/data-store.json` (every post's body and HTML:
 * ~38 KB a post) as `export default JSON.parse("…")`. Node then compiles a
 * 38 MB module for 1,000 posts, which takes ~12 s (V8 scans the escaped
 * string slowly) and keeps the source in memory for the rest of the build;
 * reading and parsing the same file takes under a second. Static builds only:
 * pages are rendered in this process, next to the file. The module keeps
 * Astro's "content data" marker, so incremental builds still leave it out of
 * each page's code hash.
 */
export function contentStore(): AstroIntegration {
  return {
    name: 'content-store',
    hooks: {
      'astro:config:setup': ({ command, config, updateConfig }) => {
        if (command !== 'build' || config.output !== 'static') return;
        const file = fileURLToPath(new URL('data-store.json', config.cacheDir));
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'blog:content-store-from-file',
                transform: {
                  filter: { id: /^\0astro:data-layer-content$/ },
                  handler(code: string, id: string) {
                    if (id !== DATA_STORE_MODULE || !code.startsWith(EMBEDDED)) return null;
                    return {
                      code: `import { readFileSync } from 'node:fs';\nexport default JSON.parse(readFileSync(${JSON.stringify(file)}, 'utf8'));\n`,
                      map: { mappings: '' },
                    };
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
