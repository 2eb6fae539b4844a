/**
 * What the command-line scripts need from `astro-internals/`, and the only way they reach it
 * (a lint rule in eslint.config.js keeps scripts/ out of that folder), so what depends on Astro's
 * internals stays behind one door. `npm run build` must do these in plain Node, around its own
 * call of Astro's `build()`, not in an integration hook: the environment is cleared before Astro
 * reads it, and the metadata patch changes the Astro that Node loaded for scripts/build.ts before
 * that Astro starts, while astro.config.ts and its integrations run inside Vite's module runner.
 */
export { patchAstro } from './astro-internals/astro-patches.ts';
export { clearAstroEnvironment } from './astro-internals/environment.ts';
// The page cache's folder (kept unchanged into dist/) and its reset (the benchmark's cold build).
export { dropPageCache, PAGE_CACHE_DIR } from './astro-internals/page-cache.ts';
