import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import pMap from 'p-map';
import { BackgroundDrawer } from './card-drawer.ts';
import { startCardRenderer, type CardRenderer } from './card-renderer.ts';
import { serveMadeOnDemand } from './dev-routes.ts';
import { scanOutput } from './output-scan.ts';
import { readSealedJson, sealJson, verifiedFolder, writeSealedJsonSync } from '#src/lib/build/cache-integrity.ts';
import { publishFiles, writeCacheFile } from '#src/lib/build/publish-file.ts';
import { beforePageCacheRecord, dropPageCache, hasPageCache } from './astro-internals/page-cache.ts';
import { CARD_CACHE_FOLDER, CARD_ROUTE, cardRegistry, onCardPlanned, renderSocialCard, type CardJob } from '#src/lib/seo/social-card.ts';

/** What each cached card shows, for redrawing one that was damaged. */
const JOBS = 'jobs.json';

/** Draws the card with `draw` unless the cache has it intact; returns true when it was drawn. */
async function ensureCard(name: string, cacheDir: string, draw: (job: CardJob) => Promise<Buffer>): Promise<boolean> {
  const cards = verifiedFolder(cacheDir, 'social card');
  await cards.load();
  if (cards.isIntact(name)) return false;
  const job = cardRegistry().get(name);
  if (!job) throw new Error(`No page asked for social card "${name}"`);
  await cards.write(name, await draw(job));
  return true;
}

/**
 * Draws the social cards pages planned (src/lib/seo/social-card.ts), in a
 * helper process at a lower priority (./card-renderer.ts) from the moment
 * each is planned (./card-drawer.ts), waits for the rest once pages are
 * written, keeps them in `<cacheDir>/social-cards/` so unchanged
 * cards are not redrawn, and links the referenced ones into `dist/_social/`.
 */
export function socialCards(): AstroIntegration {
  let cacheDir = '';
  let root = '';
  let savedJobs = '';
  // Started by astro:build:start, so cards are drawn from the first page on.
  let renderer: CardRenderer | undefined;
  let drawer: BackgroundDrawer | undefined;
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
          if (hasPageCache(fileURLToPath(config.cacheDir)))
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
              .then(() => ensureCard(name, cacheDir, (job) => renderSocialCard(job)))
              .then(() => verifiedFolder(cacheDir, 'social card').save()),
        });
      },
      'astro:build:start': () => {
        const cards = (renderer = startCardRenderer());
        // The card folder is made by its first write (VerifiedFolder.write).
        const background = (drawer = new BackgroundDrawer((name) => ensureCard(name, cacheDir, cards.render), {
          concurrency: availableParallelism(),
        }));
        onCardPlanned((name) => background.heard(name));
      },
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        onCardPlanned(undefined);
        drawer?.stop();
        const outDir = fileURLToPath(dir);
        const names = [...(await scanOutput(outDir)).cards];
        await mkdir(cacheDir, { recursive: true });
        const cards = renderer ?? startCardRenderer();
        // Cards begun while pages rendered are awaited (and their errors seen) here, not drawn twice.
        // Two per core in flight, so the helper never waits on this process between cards.
        const drawn = await pMap(names, (name) => drawer?.started(name) ?? ensureCard(name, cacheDir, cards.render), {
          concurrency: 2 * availableParallelism(),
        }).finally(() => cards.close());
        await verifiedFolder(cacheDir, 'social card').save();
        // Only the cards this site names are kept.
        const jobs = Object.fromEntries(names.sort().map((name) => [name, cardRegistry().get(name)]));
        if (JSON.stringify(jobs) !== savedJobs) await writeCacheFile(path.join(cacheDir, JOBS), sealJson(jobs));
        await publishFiles(cacheDir, path.join(outDir, CARD_ROUTE), names);
        const made = drawn.filter(Boolean).length;
        const seconds = ((performance.now() - started) / 1000).toFixed(2);
        const early = drawer?.count ? ` (${drawer.count} of them begun while pages rendered)` : '';
        logger.info(`${names.length} social cards: ${made} drawn, ${names.length - made} reused from cache in ${seconds}s${early}`);
      },
    },
  };
}
