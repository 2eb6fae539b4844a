/**
 * Environment variables removed before Astro starts, because of how Astro 7.3
 * turns the environment into `import.meta.env` (README.md in this folder).
 */

/**
 * Astro copies every environment variable into import.meta.env, over its own
 * values: a stray BASE_URL (test runners and some CI images set one) would
 * replace the configured base and send every link to the host's root.
 */
export const RESERVED_NAMES = ['BASE_URL', 'SITE', 'ASSETS_PREFIX', 'MODE', 'DEV', 'PROD', 'SSR'];

/**
 * The shell sets `_` to the command that started us (/usr/bin/npm, /usr/bin/env,
 * …). Astro 7.3 writes into a module that reads `import.meta.env?.X` every
 * variable whose name appears in its source, and `_` appears in all of them, so
 * each launcher gave every page new code and emptied the incremental page cache.
 */
export const LAUNCHER_NAME = '_';

export function clearAstroEnvironment(env: NodeJS.ProcessEnv = process.env): void {
  for (const name of [...RESERVED_NAMES, LAUNCHER_NAME]) delete env[name];
}
