/**
 * The dev server's content store (`.astro/data-store.json`), kept warm: a
 * first `astro dev` starts from the store the last build left, and a change
 * of port or host no longer throws every post's rendered HTML away. Both are
 * caches of the same thing, keyed by each file's digest; Astro drops a store
 * made under another configuration by itself. README.md in this folder has
 * what each part measured and how to drop it.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { ASTRO_DIST, importAstroFileInNode } from './astro-files.ts';
import { DEV_STORE_FOLDER } from './content-cache.ts';
import { DATA_STORE_FILE } from './content-store.ts';
import { serveStoreFromMemory, type StoreClass } from './dev-store-memory.ts';
import { dropUnchangedWrites, storeClassMetaMismatch, type MetaStore } from './astro-patches.ts';

/** The metadata key under which a content sync records the Astro config it ran with (content/content-layer.js). */
export const CONFIG_DIGEST_KEY = 'astro-config-digest';

type MetaStoreFactory = ((this: unknown, collection?: string) => MetaStore) & { serverBlind?: true };
type DataStoreClass = StoreClass & { prototype: { metaStore?: MetaStoreFactory } };

/**
 * The stored config digest as it would read had the store been made with
 * `server`: Astro's digest is the JSON of the whole config (`server` among
 * it), so `astro dev --port 4322` after `astro dev` found the config changed
 * and rendered every post again. `server` (port, host, allowed hosts, open)
 * never shapes a page; every other option still counts.
 */
export function withServer(digest: unknown, server: unknown): unknown {
  if (typeof digest !== 'string') return digest;
  try {
    const config = JSON.parse(digest) as unknown;
    if (typeof config !== 'object' || config === null || !('server' in config)) return digest;
    return JSON.stringify({ ...config, server: JSON.parse(JSON.stringify(server ?? null)) as unknown });
  } catch {
    return digest;
  }
}

/** The class the dev server uses (Node's instance of the file, not the module runner's). */
const dataStore = await importAstroFileInNode<{ MutableDataStore?: DataStoreClass }>(ASTRO_DIST, 'content/mutable-data-store.js')
  .then((module) => module.MutableDataStore)
  .catch(() => undefined);
// Checked on that class: importing the file in the module runner that loads astro.config.ts would
// make Vite transform it and the ~40 of Astro's files it imports, one at a time, before every start.
const unexpected = storeClassMetaMismatch(dataStore);

/** Wraps `metaStore()` so the config digest read back ignores `server`; false when Astro's class is not as expected. */
function ignoreServerInDigest(server: () => unknown): boolean {
  if (!dataStore || unexpected !== null) return false;
  const original = dataStore.prototype.metaStore!;
  if (original.serverBlind) return true;
  const wrapped: MetaStoreFactory = function (this: unknown, collection?: string) {
    const meta = original.call(this, collection);
    if (collection !== undefined && collection !== ':meta') return meta;
    const get = meta.get.bind(meta);
    meta.get = (key) => (key === CONFIG_DIGEST_KEY ? withServer(get(key), server()) : get(key));
    // Every sync records the digests again, and any write makes Astro serialise and write the
    // whole store (about 1 s for 1,000 posts at each start): a value already there is not written.
    return dropUnchangedWrites(meta);
  };
  wrapped.serverBlind = true;
  dataStore.prototype.metaStore = wrapped;
  return true;
}

/**
 * Dev only. Seeds `.astro/data-store.json` from the build's store when the
 * dev server has none (after content-cache.ts has dropped stale ones), and
 * makes the config digest blind to `server`; metadata writes that change
 * nothing are dropped, as astro-patches.ts does for builds.
 */
export function devStore(): AstroIntegration {
  let server: unknown;
  let dev = false;
  let devFile = '';
  return {
    name: 'dev-store',
    hooks: {
      'astro:config:setup': async ({ command, config }) => {
        dev = command === 'dev';
        if (!dev) return;
        devFile = fileURLToPath(new URL(`${DEV_STORE_FOLDER}${DATA_STORE_FILE}`, config.root));
        const buildFile = fileURLToPath(new URL(DATA_STORE_FILE, config.cacheDir));
        if (existsSync(devFile) || !existsSync(buildFile)) return;
        // A cache: when the copy fails, Astro renders every post as it would have.
        await mkdir(path.dirname(devFile), { recursive: true })
          .then(() => copyFile(buildFile, devFile))
          .catch(() => undefined);
      },
      'astro:config:done': ({ config, logger }) => {
        if (!dev) return;
        server = config.server;
        if (!ignoreServerInDigest(() => server))
          logger.warn(
            "Astro's internals have changed: the dev server's content store is not kept across ports; see integrations/astro-internals/README.md",
          );
      },
      'astro:server:setup': ({ server: vite, logger }) => {
        if (!serveStoreFromMemory(dataStore, vite, devFile))
          logger.warn(
            "Astro's internals have changed: a saved post shows only once the dev server's content store is written; see integrations/astro-internals/README.md",
          );
      },
    },
  };
}
