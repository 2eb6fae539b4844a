/**
 * Every fact about Astro's internals that a workaround in this folder relies
 * on, each with a check against an Astro `dist/` folder (the installed one by
 * default). tests/unit/astro-internals.test.ts runs them all, so an upgrade
 * that breaks one fails `npm test` with the assumption's name.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { ASTRO_DIST, importAstroFile, readAstroFile } from './astro-files.ts';
import { metaStoreMismatch } from './astro-patches.ts';
import { PAGE_CACHE_DIR, PAGE_CACHE_MANIFEST } from './page-cache.ts';
import { DEV_STORE_FOLDER } from './content-cache.ts';
import { CONTENT_DATA_META, DATA_STORE_DIR, DATA_STORE_FILE, DATA_STORE_MODULE, EMBEDDED } from './content-store.ts';
import { RESERVED_NAMES } from './environment.ts';

export interface Assumption {
  /** The workaround that relies on it: a section of README.md in this folder. */
  workaround: string;
  /** What is assumed, in words. */
  fact: string;
  /** Null when the fact holds in that Astro, otherwise what differs. */
  check(dist: URL): Promise<string | null>;
}

/** Runs `check` with one variable set for the duration, then restores the environment. */
function withVariable<T>(name: string, value: string, check: () => T): T {
  const before = process.env[name];
  process.env[name] = value;
  try {
    return check();
  } finally {
    if (before === undefined) delete process.env[name];
    else process.env[name] = before;
  }
}

const mismatch = (condition: boolean, message: string) => (condition ? null : message);

export const ASSUMPTIONS: Assumption[] = [
  {
    workaround: 'Page cache checked',
    fact: `IncrementalBuildCache keeps its copies of pages in <cacheDir>/${PAGE_CACHE_DIR} and its manifest in <cacheDir>/${PAGE_CACHE_MANIFEST}`,
    check: async (dist) => {
      const source = readAstroFile(dist, 'core/build/incremental.js');
      return mismatch(
        source.includes(`const INCREMENTAL_CACHE_FILE = "${PAGE_CACHE_MANIFEST}";`) &&
          source.includes(`const INCREMENTAL_OUTPUT_DIR = "${PAGE_CACHE_DIR}";`) &&
          /return new URL\(outputFile, new URL\(INCREMENTAL_OUTPUT_DIR, settings\.config\.cacheDir\)\);/.test(source),
        'core/build/incremental.js: cached pages or the manifest are kept somewhere else',
      );
    },
  },
  {
    workaround: 'Page cache checked',
    fact: 'a page whose cached copy is missing is rendered again rather than copied',
    check: async (dist) => {
      const cache = readAstroFile(dist, 'core/build/incremental.js');
      const generate = readAstroFile(dist, 'core/build/generate.js');
      return mismatch(
        /async restoreOutputFile\(settings, outputFile, destination\) \{\s*const cachedOutputFile = getCachedOutputFile\(settings, outputFile\);\s*if \(!fs\.existsSync\(cachedOutputFile\)\) return false;/.test(
          cache,
        ) &&
          /const restored = !existsInDist && await cache\.restoreOutputFile\([^)]*\);\s*if \(existsInDist \|\| restored\) \{/.test(
            generate,
          ),
        'core/build/{incremental,generate}.js: a missing cached page is no longer rendered again',
      );
    },
  },
  {
    workaround: 'Unchanged store metadata',
    fact: 'MutableDataStore.prototype.metaStore() returns an object with get and set',
    check: metaStoreMismatch,
  },
  {
    workaround: 'Content store read from its file',
    fact: `the data store's virtual module id is ${JSON.stringify(DATA_STORE_MODULE)}`,
    check: async (dist) => {
      const { RESOLVED_DATA_STORE_VIRTUAL_ID } = await importAstroFile<{ RESOLVED_DATA_STORE_VIRTUAL_ID?: string }>(
        dist,
        'content/consts.js',
      );
      return mismatch(
        RESOLVED_DATA_STORE_VIRTUAL_ID === DATA_STORE_MODULE,
        `content/consts.js: the id is now ${JSON.stringify(RESOLVED_DATA_STORE_VIRTUAL_ID)}`,
      );
    },
  },
  {
    workaround: 'Content store read from its file',
    fact: `Astro's load hook inlines a one-file store as ${EMBEDDED}"…")`,
    check: async (dist) => {
      const source = readAstroFile(dist, 'content/vite-plugin-content-virtual-mod.js');
      return mismatch(
        source.includes(`code: \`${EMBEDDED}\${JSON.stringify(jsonData)})\``),
        `content/vite-plugin-content-virtual-mod.js: the store is no longer inlined as ${EMBEDDED}…)`,
      );
    },
  },
  {
    workaround: 'Content store read from its file',
    fact: `modules marked ${JSON.stringify(CONTENT_DATA_META)} are left out of the page code hash`,
    check: async (dist) => {
      const { createContentDataIncrementalMetadata, isContentDataIncrementalModule } = await importAstroFile<{
        createContentDataIncrementalMetadata?: () => unknown;
        isContentDataIncrementalModule?: (info: { meta: unknown }) => boolean;
      }>(dist, 'core/build/incremental-metadata.js');
      return mismatch(
        isDeepStrictEqual(createContentDataIncrementalMetadata?.(), CONTENT_DATA_META) &&
          isContentDataIncrementalModule?.({ meta: CONTENT_DATA_META }) === true,
        'core/build/incremental-metadata.js: the content-data marker has changed',
      );
    },
  },
  {
    workaround: 'Content store read from its file',
    fact: `a build keeps the store in <cacheDir>/${DATA_STORE_FILE} (or <cacheDir>/${DATA_STORE_DIR}/), the dev server in ${DEV_STORE_FOLDER}`,
    check: async (dist) => {
      const { getDataStoreFile, getDataStoreDir } = await importAstroFile<{
        getDataStoreFile?: (settings: unknown, isDev: boolean) => URL;
        getDataStoreDir?: (settings: unknown, isDev: boolean) => URL;
      }>(dist, 'content/paths.js');
      const root = new URL('file:///project/');
      const settings = { config: { cacheDir: new URL('cache/', root) }, dotAstroDir: new URL(DEV_STORE_FOLDER, root) };
      const expected = [`cache/${DATA_STORE_FILE}`, `cache/${DATA_STORE_DIR}/`, `${DEV_STORE_FOLDER}${DATA_STORE_FILE}`].map(
        (file) => new URL(file, root).href,
      );
      const actual = [getDataStoreFile?.(settings, false), getDataStoreDir?.(settings, false), getDataStoreFile?.(settings, true)].map(
        (url) => url?.href,
      );
      return mismatch(isDeepStrictEqual(actual, expected), `content/paths.js: the store is now at ${actual.join(', ')}`);
    },
  },
  {
    workaround: 'Dev store seeded from the build',
    fact: 'a content sync clears a store recorded under another Astro config, content config or Astro version',
    check: async (dist) => {
      const source = readAstroFile(dist, 'content/content-layer.js');
      const compared = ['astro-config-digest', 'content-config-digest', 'astro-version'].every((key) =>
        source.includes(`this.#store.metaStore().get("${key}")`),
      );
      return mismatch(
        compared && /if \(shouldClear\) \{[^}]*this\.#store\.clearAll\(\);/.test(source),
        'content/content-layer.js: a store recorded under another config or version is no longer cleared',
      );
    },
  },
  {
    workaround: 'Dev store seeded from the build',
    fact: `the dev server keeps its store in ${DEV_STORE_FOLDER}${DATA_STORE_FILE}, a build in <cacheDir>/${DATA_STORE_FILE}`,
    check: async (dist) => {
      const { getDataStoreFile } = await importAstroFile<{ getDataStoreFile?: (settings: unknown, isDev: boolean) => URL }>(
        dist,
        'content/paths.js',
      );
      const root = new URL('file:///project/');
      const settings = { config: { cacheDir: new URL('cache/', root) }, dotAstroDir: new URL(DEV_STORE_FOLDER, root) };
      const actual = [getDataStoreFile?.(settings, true)?.href, getDataStoreFile?.(settings, false)?.href];
      const expected = [new URL(`${DEV_STORE_FOLDER}${DATA_STORE_FILE}`, root).href, new URL(`cache/${DATA_STORE_FILE}`, root).href];
      return mismatch(isDeepStrictEqual(actual, expected), `content/paths.js: the stores are now at ${actual.join(', ')}`);
    },
  },
  {
    workaround: 'Content cache dropped with the rendering code',
    fact: "Astro's incremental config hash covers vite.define",
    check: async (dist) => {
      const { getConfigHashInput } = await importAstroFile<{ getConfigHashInput?: (config: unknown) => { vite?: { define?: unknown } } }>(
        dist,
        'core/build/config-hash/input.js',
      );
      const define = { __BLOG_RENDERING_CODE__: '"x"' };
      const input = getConfigHashInput?.({ build: {}, experimental: {}, vite: { build: {}, define } });
      return mismatch(isDeepStrictEqual(input?.vite?.define, define), 'core/build/config-hash/input.js: vite.define is no longer hashed');
    },
  },
  {
    workaround: 'Environment variables dropped',
    fact: 'a module reading import.meta.env gets every variable whose name appears anywhere in its source, so `_` is in all of them',
    check: async (dist) => {
      const source = readAstroFile(dist, 'env/vite-plugin-import-meta-env.js');
      return mismatch(
        /for \(const key in privateEnv\) \{\s*if \(source\.includes\(key\)\)/.test(source),
        'env/vite-plugin-import-meta-env.js: variables are no longer matched by substring',
      );
    },
  },
  {
    workaround: 'Environment variables dropped',
    fact: `variables named ${RESERVED_NAMES.join(', ')} reach import.meta.env from the environment`,
    check: async (dist) => {
      const { createEnvLoader } = await importAstroFile<{
        createEnvLoader?: (options: unknown) => { getPrivateEnv(): Record<string, string> };
      }>(dist, 'env/env-loader.js');
      // An empty folder, so no .env file of the project takes part.
      const envDir = mkdtempSync(path.join(tmpdir(), 'astro-env-'));
      try {
        const config = { root: pathToFileURL(`${envDir}/`), vite: { envDir }, env: { schema: {} } };
        const passed = RESERVED_NAMES.filter((name) =>
          withVariable(
            name,
            'from-the-environment',
            () => createEnvLoader?.({ mode: 'production', config }).getPrivateEnv()[name] === '"from-the-environment"',
          ),
        );
        return mismatch(
          passed.length === RESERVED_NAMES.length,
          `env/env-loader.js: only ${passed.join(', ') || 'none'} of ${RESERVED_NAMES.join(', ')} still pass`,
        );
      } finally {
        rmSync(envDir, { recursive: true, force: true });
      }
    },
  },
];

/** The assumptions that do not hold in the Astro at `dist`, each as "workaround: what differs". */
export async function brokenAssumptions(dist = ASTRO_DIST): Promise<string[]> {
  const results = await Promise.all(
    ASSUMPTIONS.map(async (assumption) => ({ assumption, problem: await assumption.check(dist).catch((error: Error) => error.message) })),
  );
  return results.filter(({ problem }) => problem !== null).map(({ assumption, problem }) => `${assumption.workaround}: ${problem}`);
}
