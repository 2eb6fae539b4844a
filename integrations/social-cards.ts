import { createReadStream } from 'node:fs';
import { constants as fsConstants } from 'node:fs';
import { copyFile, mkdir, open, readdir, rename, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import pMap from 'p-map';
import { isFile } from '../src/lib/site-paths.ts';
import { CARD_CACHE_FOLDER, CARD_ROUTE, cardRegistry, renderSocialCard } from '../src/lib/social-card.ts';

/** Draws the card unless the cache has it; returns true when it was drawn. */
async function ensureCard(name: string, cacheDir: string): Promise<boolean> {
  const target = path.join(cacheDir, name);
  if (await isFile(target)) return false;
  const job = cardRegistry().get(name);
  if (!job) throw new Error(`No page asked for social card "${name}"`);
  const partial = `${target}.${process.pid}.tmp`;
  await writeFile(partial, await renderSocialCard(job));
  await rename(partial, target);
  return true;
}

const HEAD_END = Buffer.from('</head>');

/**
 * A page's text up to and including </head>: read 32 KB at a time, so a
 * build does not read the bodies of thousands of pages it only needs heads of.
 */
async function readHead(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.alloc(32 * 1024);
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, length);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
      // Search the new bytes (and the tail of the previous chunk the marker may straddle).
      const all = Buffer.concat(chunks, length);
      if (all.indexOf(HEAD_END, Math.max(0, length - bytesRead - HEAD_END.length)) !== -1) break;
    }
    return Buffer.concat(chunks, length).toString('utf8');
  } finally {
    await handle.close();
  }
}

/** Card names the built pages reference (og:image, twitter:image). */
async function referencedCards(outDir: string): Promise<Set<string>> {
  const pattern = new RegExp(`/${CARD_ROUTE}/([A-Za-z0-9._-]+\\.jpg)`, 'g');
  const names = new Set<string>();
  const entries = await readdir(outDir, { recursive: true, withFileTypes: true });
  const pages = entries.filter((e) => e.isFile() && e.name.endsWith('.html')).map((e) => path.join(e.parentPath, e.name));
  await pMap(
    pages,
    async (file) => {
      // Cards are named in <head>; no need to read the whole page.
      const head = (await readHead(file)).split('</head>', 1)[0]!;
      for (const match of head.matchAll(pattern)) names.add(match[1]!);
    },
    { concurrency: 32 },
  );
  return names;
}

/**
 * Draws the social cards pages planned (src/lib/social-card.ts) after the
 * pages are written, keeps them in `<cacheDir>/social-cards/` so unchanged
 * cards are not redrawn, and copies the referenced ones to `dist/_social/`.
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
        const names = [...(await referencedCards(outDir))];
        await mkdir(cacheDir, { recursive: true });
        const drawn = await pMap(names, (name) => ensureCard(name, cacheDir), { concurrency: availableParallelism() });
        const target = path.join(outDir, CARD_ROUTE);
        await mkdir(target, { recursive: true });
        await pMap(names, (name) => copyFile(path.join(cacheDir, name), path.join(target, name), fsConstants.COPYFILE_FICLONE), {
          concurrency: 16,
        });
        const made = drawn.filter(Boolean).length;
        const seconds = ((performance.now() - started) / 1000).toFixed(2);
        logger.info(`${names.length} social cards: ${made} drawn, ${names.length - made} reused from cache in ${seconds}s`);
      },
    },
  };
}
