import type { AstroIntegration } from 'astro';
import { envValue, type VariableName } from '#src/lib/build/environment.ts';

/** Set by `npm run build` (scripts/build.ts) for the Astro build it runs. */
export const BUILD_ENTRY_ENV = 'BLOG_BUILD_ENTRY' satisfies VariableName;

/**
 * `npm run build` is the build: it checks every post before Astro starts (a guest's post that
 * reaches outside the project, an unsafe redirect, a link in public/ to a secret), applies the
 * patches in integrations/astro-internals/, builds into a staging folder and swaps the new site in
 * only when it is complete. A bare `astro build` (a habit, a host's preset) would skip all of it
 * and write straight into dist/, so it stops here, in one line that says what to run instead.
 * Issue 35 plans to move those steps into hooks, so that both commands build the same site.
 */
export function buildEntry(): AstroIntegration {
  return {
    name: 'build-entry',
    hooks: {
      'astro:config:setup': ({ command }) => {
        if (command !== 'build' || envValue(BUILD_ENTRY_ENV)) return;
        console.error(
          '✗ Build the site with `npm run build`: `astro build` alone would skip the post check and write into dist/ before the site is complete. Nothing was written.',
        );
        process.exit(1);
      },
    },
  };
}
