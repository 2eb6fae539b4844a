import { createReadStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import pMap from 'p-map';
import { scanOutput } from './output-scan.ts';
import { publishFiles, writeCacheFile } from '../src/lib/publish-file.ts';
import { isFile } from '../src/lib/site-paths.ts';
import { CARD_CACHE_FOLDER, CARD_ROUTE, cardRegistry, renderSocialCard } from '../src/lib/social-card.ts';

/** Draws the card unless the cache has it; returns true when it was drawn. */
async function ensureCard(name: string, cacheDir: string): Promise<boolean> {
  const target = path.join(cacheDir, name);
  if (await isFile(target)) return false;
  const job = cardRegistry().get(name);
  if (!job) throw new Error(`No page asked for social card "${name}"`);
  await writeCacheFile(target, await renderSocialCard(job));
  return true;
}

/**
 * Draws the social cards pages planned (src/lib/social-card.ts) after the
 * pages are written, keeps them in `<cacheDir>/social-cards/` so unchanged
 * cards are not redrawn, and links the referenced ones into `dist/_social/`.
 */
export function socialCards(): AstroIntegration {
  let cacheDir = '';
  return {
    name: 'social-cards',
    hooks: {
      'astro:config:setup': ({ config }) => {
        cacheDir = path.join(fileURLToPath(config.cacheDir), CARD_CACHE_FOLDER);
      },
      'astro:server:setup': ({ server }) => {
        server.middlewares.use(`/${CARD_ROUTE}/`, (req, res, next) => {
          const name = decodeURIComponent((req.url ?? '').split('?')[0]!.replace(/^\//, ''));
          if (!cardRegistry().has(name)) return next();
          mkdir(cacheDir, { recursive: true })
            .then(() => ensureCard(name, cacheDir))
            .then(() => {
              res.setHeader('Content-Type', 'image/jpeg');
              createReadStream(path.join(cacheDir, name)).pipe(res);
            }, next);
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const outDir = fileURLToPath(dir);
        const names = [...(await scanOutput(outDir)).cards];
        await mkdir(cacheDir, { recursive: true });
        const drawn = await pMap(names, (name) => ensureCard(name, cacheDir), { concurrency: availableParallelism() });
        await publishFiles(cacheDir, path.join(outDir, CARD_ROUTE), names);
        const made = drawn.filter(Boolean).length;
        const seconds = ((performance.now() - started) / 1000).toFixed(2);
        logger.info(`${names.length} social cards: ${made} drawn, ${names.length - made} reused from cache in ${seconds}s`);
      },
    },
  };
}
