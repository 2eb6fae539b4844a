/** Serves `virtual:blog/build-context` (src/lib/build/build-context.ts) to the pages. */
import type { AstroIntegration } from 'astro';
import { BUILD_CONTEXT_MODULE, buildContextFor } from '#src/lib/build/build-context.ts';

const RESOLVED = `\0${BUILD_CONTEXT_MODULE}`;

export function buildContext(): AstroIntegration {
  return {
    name: 'build-context',
    hooks: {
      'astro:config:setup': ({ command, config, updateConfig }) => {
        const code = `export default ${JSON.stringify(buildContextFor(config, command))};`;
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'blog:build-context',
                resolveId: (id: string) => (id === BUILD_CONTEXT_MODULE ? RESOLVED : undefined),
                load: (id: string) => (id === RESOLVED ? code : undefined),
              },
            ],
          },
        });
      },
    },
  };
}
