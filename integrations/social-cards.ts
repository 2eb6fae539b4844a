import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import pMap from 'p-map';
import { serveMadeOnDemand } from './dev-routes.ts';
import { scanOutput } from './output-scan.ts';
import {
  beforePageCacheRecord,
  dropPageCache,
  readSealedJson,
  sealJson,
  verifiedFolder,
  writeSealedJsonSync,
} from '#src/lib/build/cache-integrity.ts';
import { publishFiles, writeCacheFile } from '#src/lib/build/publish-file.ts';
import type { BackdropCache } from '#src/lib/seo/card-backdrop.ts';
import { CARD_CACHE_FOLDER, CARD_ROUTE, cardBackdrops, cardRegistry, renderSocialCard, type CardJob } from '#src/lib/seo/social-card.ts';

/** What each cached card shows, for redrawing one that was damaged. */
const JOBS = 'jobs.json';

/** Draws the card unless the cache has it intact; returns true when it was drawn. */
async function ensureCard(name: string, cacheDir: string, backdrops?: BackdropCache): Promise<boolean> {
  const cards = verifiedFolder(cacheDir, 'social card');
  await cards.load();
  if (cards.isIntact(name)) return false;
  const job = cardRegistry().get(name);
  if (!job) throw new Error(`No page asked for social card "${name}"`);
  await cards.write(name, await renderSocialCard(job, backdrops));
  return true;
}

/**
 * Draws the social cards pages planned (src/lib/seo/social-card.ts) after the
 * pages are written, keeps them in `<cacheDir>/social-cards/` so unchanged
 * cards are not redrawn, and links the referenced ones into `dist/_social/`.
 */
export function socialCards(): AstroIntegration {
  let cacheDir = '';
  let root = '';
  let savedJobs = '';
  return {
    name: 'social-cards',
    hooks: {
      'astro:config:setup': async ({ command, config, logger }) => {
        cacheDir = path.join(fileURLToPath(config.cacheDir), CARD_CACHE_FOLDER);
        root = fileURLToPath(config.root);
        // Pages copied from Astro's page cache plan no card, so a card found damaged is redrawn from its recorded job.
        const jobs = await readSealedJson<Record<string, CardJob>>(path.join(cacheDir, JOBS));
        if (typeof jobs !== 'object' && command === 'build') {
          // Lost (a cache restored in part) or never written: every page is rendered, and so plans its card.
          if (existsSync(path.join(fileURLToPath(config.cacheDir), 'incremental-build.json')))
            logger.info('social card jobs missing from the cache: rendering every page again');
          await dropPageCache(fileURLToPath(config.cacheDir));
        }
        savedJobs = typeof jobs === 'object' ? JSON.stringify(jobs) : '';
        const registry = cardRegistry();
        if (typeof jobs === 'object') for (const [name, job] of Object.entries(jobs)) if (!registry.has(name)) registry.set(name, job);
        // Saved before the page cache records pages that name new cards (src/lib/build/cache-integrity.ts).
        beforePageCacheRecord(() => {
          const known = JSON.stringify(Object.fromEntries(registry));
          if (known !== savedJobs) writeSealedJsonSync(path.join(cacheDir, JOBS), Object.fromEntries(registry));
          savedJobs = known;
        });
      },
      'astro:server:setup': ({ server, logger }) => {
        serveMadeOnDemand(server, {
          route: CARD_ROUTE,
          cacheDir,
          root,
          logger,
          contentType: 'image/jpeg',
          known: (name) => cardRegistry().has(name),
          make: (name) =>
            mkdir(cacheDir, { recursive: true })
              .then(() => ensureCard(name, cacheDir))
              .then(() => verifiedFolder(cacheDir, 'social card').save()),
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const outDir = fileURLToPath(dir);
        const names = [...(await scanOutput(outDir)).cards];
        await mkdir(cacheDir, { recursive: true });
        // One crop of each hero for the whole batch (src/lib/seo/card-backdrop.ts).
        const backdrops = cardBackdrops();
        const drawn = await pMap(names, (name) => ensureCard(name, cacheDir, backdrops), { concurrency: availableParallelism() });
        await verifiedFolder(cacheDir, 'social card').save();
        // Only the cards this site names are kept.
        const jobs = Object.fromEntries(names.sort().map((name) => [name, cardRegistry().get(name)]));
        if (JSON.stringify(jobs) !== savedJobs) await writeCacheFile(path.join(cacheDir, JOBS), sealJson(jobs));
        await publishFiles(cacheDir, path.join(outDir, CARD_ROUTE), names);
        const made = drawn.filter(Boolean).length;
        const seconds = ((performance.now() - started) / 1000).toFixed(2);
        logger.info(`${names.length} social cards: ${made} drawn, ${names.length - made} reused from cache in ${seconds}s`);
      },
    },
  };
}
