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
import { metaStoreMismatch, pageCacheMismatch } from './astro-patches.ts';
import { DEV_STORE_FOLDER } from './content-cache.ts';
import { CONFIG_DIGEST_KEY } from './dev-store.ts';
import { RUNTIME_DEFINE_HASH } from './define-collection.ts';
import { CONTENT_CHANGED, storeClassMismatch, type StoreClass } from './dev-store-memory.ts';
import {
  ASTRO_PLUGIN,
  CONTENT_DATA_META,
  DATA_STORE_DIR,
  DATA_STORE_FILE,
  DATA_STORE_MODULE,
  EMBEDDED,
  LOAD_HOOK_HASH,
} from './content-store.ts';
import { RESERVED_NAMES } from './environment.ts';
import { sourceHash } from './source-hash.ts';

export interface Assumption {
  /** The workaround that relies on it: a section of README.md in this folder. */
  workaround: string;
  /** What is assumed, in words. */
  fact: string;
  /** Null when the fact holds in that Astro, otherwise what differs. */
  check(dist: URL): Promise<string | null>;
}

type LoadHook = { handler?: (...args: never[]) => unknown; filter?: { id?: RegExp } };
type PluginFactory = (options: { settings: unknown; fs: unknown }) => { name?: string; load?: LoadHook };

async function contentPlugin(dist: URL) {
  const { astroContentVirtualModPlugin } = await importAstroFile<{ astroContentVirtualModPlugin?: PluginFactory }>(
    dist,
    'content/vite-plugin-content-virtual-mod.js',
  );
  // The factory only keeps its arguments until Vite calls its hooks.
  return astroContentVirtualModPlugin?.({ settings: {}, fs: {} });
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
    workaround: 'Linked cached pages',
    fact: 'IncrementalBuildCache keeps pages in <cacheDir>/dist/, its restoreOutputFile and writeOutputFile are the 7.3.5 code, and writeOutputFile is called for a page just written to <outDir>/<outputFile>',
    check: pageCacheMismatch,
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
    fact: `${ASTRO_PLUGIN} loads that module in a load hook whose source is the 7.3.5 code`,
    check: async (dist) => {
      const plugin = await contentPlugin(dist);
      if (plugin?.name !== ASTRO_PLUGIN)
        return `content/vite-plugin-content-virtual-mod.js: the plugin is now named ${JSON.stringify(plugin?.name)}`;
      const load = plugin.load;
      if (typeof load?.handler !== 'function' || !load.filter?.id?.test(DATA_STORE_MODULE))
        return `${ASTRO_PLUGIN}: its load hook no longer handles ${JSON.stringify(DATA_STORE_MODULE)}`;
      const now = sourceHash(load.handler);
      return mismatch(
        now === LOAD_HOOK_HASH,
        `${ASTRO_PLUGIN}: the load hook is not the code the wrapper was written against (now: ${now})`,
      );
    },
  },
  {
    workaround: 'Content store read from its file',
    fact: `that hook inlines the store as ${EMBEDDED}"…")`,
    check: async (dist) => {
      const source = readAstroFile(dist, 'content/vite-plugin-content-virtual-mod.js');
      return mismatch(
        source.includes(`code: \`${EMBEDDED}\${JSON.stringify(jsonData)})\``),
        `${ASTRO_PLUGIN}: the store is no longer inlined as ${EMBEDDED}…)`,
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
    workaround: 'Content store read from its file',
    fact: 'the dev server invalidates that module each time it has written its store, so the module reads the new file',
    check: async (dist) => {
      const source = readAstroFile(dist, 'content/vite-plugin-content-virtual-mod.js');
      return mismatch(
        /store\.onFileWritten\(\(path\) => \{\s*if \(path === dataStorePath\) \{[^}]*invalidateDataStore\(server\);/.test(source),
        `${ASTRO_PLUGIN}: the dev server no longer invalidates the module when its store is written`,
      );
    },
  },
  {
    workaround: 'Dev content store kept warm',
    fact: 'the dev server loads its store with MutableDataStore from content/mutable-data-store.js',
    check: async (dist) => {
      const source = readAstroFile(dist, 'core/dev/dev.js');
      return mismatch(
        source.includes('import { MutableDataStore } from "../../content/mutable-data-store.js";') &&
          source.includes('store = await MutableDataStore.fromFile(dataStoreFile);'),
        'core/dev/dev.js: the dev server no longer loads its store with MutableDataStore.fromFile',
      );
    },
  },
  {
    workaround: 'Dev content store kept warm',
    fact: 'MutableDataStore.prototype.metaStore() returns an object with get and set',
    check: metaStoreMismatch,
  },
  {
    workaround: 'Dev content store kept warm',
    fact: `a content sync clears the store when the "${CONFIG_DIGEST_KEY}" it recorded is not the JSON of the config without vite, integrations and adapter (server among it)`,
    check: async (dist) => {
      const source = readAstroFile(dist, 'content/content-layer.js');
      const hashed =
        /const \{\s*vite: _vite,\s*integrations: _integrations,\s*adapter: _adapter,\s*\.\.\.hashableConfig\s*\} = this\.#settings\.config;\s*const astroConfigDigest = safeStringify\(hashableConfig\);/.test(
          source,
        );
      if (!hashed)
        return 'content/content-layer.js: the config digest is no longer safeStringify of the config without vite, integrations and adapter';
      if (!source.includes(`this.#store.metaStore().get("${CONFIG_DIGEST_KEY}")`))
        return `content/content-layer.js: the recorded digest is no longer read from metaStore() under "${CONFIG_DIGEST_KEY}"`;
      const { safeStringify } = await importAstroFile<{ safeStringify?: (value: unknown) => string }>(dist, 'content/utils.js');
      // What withServer() relies on: the recorded digest, and the server options, read back and written again by JSON give the same text.
      const sample = { server: { open: false, host: '127.0.0.1', port: 4321, allowedHosts: ['a'] }, markdown: { gfm: true } };
      return mismatch(
        safeStringify?.(sample) === JSON.stringify(sample),
        'content/utils.js: safeStringify no longer gives the JSON of plain data',
      );
    },
  },
  {
    workaround: 'Dev content store served from memory',
    fact: "MutableDataStore has onFileWritten, set, delete, clear, clearAll and collections(), and a loader's scoped store changes it through its own set and delete",
    check: async (dist) =>
      storeClassMismatch(
        (await importAstroFile<{ MutableDataStore?: StoreClass }>(dist, 'content/mutable-data-store.js')).MutableDataStore,
      ),
  },
  {
    workaround: 'Dev content store served from memory',
    fact: `the dev server gives the store it loaded to attachDataStoreInvalidation, whose listener (registered with onFileWritten) invalidates the data-layer module, sends the page environments ${JSON.stringify(CONTENT_CHANGED)} and then reloads the browser with client.hot.send({ type: 'full-reload' }), all before it returns`,
    check: async (dist) => {
      const dev = readAstroFile(dist, 'core/dev/dev.js');
      if (!/attachDataStoreInvalidation\(store, restart\.container\.viteServer, restart\.container\.settings\)/.test(dev))
        return 'core/dev/dev.js: the store is no longer given to attachDataStoreInvalidation';
      const plugin = readAstroFile(dist, 'content/vite-plugin-content-virtual-mod.js');
      return mismatch(
        /function invalidateDataStore\(viteServer, \{ notifyClient = true \} = \{\}\) \{[^]*?environment\.hot\.send\("astro:content-changed", \{\}\);\s*\}\s*if \(notifyClient\) \{\s*viteServer\.environments\.client\.hot\.send\(\{\s*type: "full-reload",/.test(
          plugin,
        ) &&
          /store\.onFileWritten\(\(path\) => \{\s*if \(path === dataStorePath\) \{\s*markDirectInvalidation\(dataStorePath\);\s*invalidateDataStore\(server\);/.test(
            plugin,
          ),
        `${ASTRO_PLUGIN}: the store's listener no longer invalidates the module and reloads the browser as it did`,
      );
    },
  },
  {
    workaround: 'Dev content store served from memory',
    fact: "the store's save debounce writes through the instance's own writeToDisk()",
    check: async (dist) => {
      const source = readAstroFile(dist, 'content/mutable-data-store.js');
      return mismatch(
        /this\.#saveTimeout = setTimeout\(async \(\) => \{\s*this\.#saveTimeout = void 0;\s*if \(this\.#writer\) \{\s*await this\.writeToDisk\(\);/.test(
          source,
        ),
        'content/mutable-data-store.js: the save debounce no longer writes through this.writeToDisk()',
      );
    },
  },
  {
    workaround: 'Dev content store served from memory',
    fact: 'the content runtime uses a Map exported by the data-layer module as the collections, as it is',
    check: async (dist) => {
      const source = readAstroFile(dist, 'content/data-store.js');
      return mismatch(
        /if \(data\.default instanceof Map\) \{\s*return ImmutableDataStore\.fromMap\(data\.default\);/.test(source),
        'content/data-store.js: ImmutableDataStore.fromModule no longer takes a Map as the collections',
      );
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
    workaround: 'Content config without the runtime',
    fact: "astro:content's defineCollection (content/runtime.js) is the 7.3.5 code: the live-collection check, then content/config.js's defineCollection",
    check: async (dist) => {
      const { defineCollection } = await importAstroFile<{ defineCollection?: (config: unknown) => unknown }>(dist, 'content/runtime.js');
      const now = typeof defineCollection === 'function' ? sourceHash(defineCollection) : 'missing';
      return mismatch(
        now === RUNTIME_DEFINE_HASH,
        `content/runtime.js: defineCollection is not the code the workaround was written against (now: ${now})`,
      );
    },
  },
  {
    workaround: 'Content config without the runtime',
    fact: "content/config.js's defineCollection marks a collection with a loader as a content-layer one and returns it",
    check: async (dist) => {
      const { defineCollection } = await importAstroFile<{ defineCollection?: (config: object) => unknown }>(dist, 'content/config.js');
      const collection: { loader: object; type?: string } = { loader: { name: 'check', load: () => undefined } };
      const returned = defineCollection?.(collection);
      return mismatch(
        returned === collection && collection.type === 'content_layer',
        `content/config.js: defineCollection no longer returns the collection marked "content_layer" (type: ${String(collection.type)})`,
      );
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
