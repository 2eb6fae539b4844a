import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { serveMadeOnDemand } from './dev-routes.ts';
import { scanOutput } from './output-scan.ts';
import {
  IMAGE_CACHE_FOLDER,
  IMAGE_ROUTE,
  imageRegistry,
  imageStats,
  produceVariants,
  recoverVariantSources,
  variantFolder,
} from '#src/lib/images/images.ts';

const MANIFEST = 'manifest.json';

/**
 * Makes the responsive webp variants that pages and Markdown planned
 * (src/lib/images/images.ts). Encoded files live in `<cacheDir>/blog-images/` and are
 * reused by the next build; only variants the output references are published
 * (hard-linked, src/lib/build/publish-file.ts).
 * The manifest remembers which source each variant comes from, because Astro
 * reuses cached Markdown HTML without running our plugins again.
 */
export function blogImages(): AstroIntegration {
  let cacheDir = '';
  let root = '';
  let sourceDirs: string[] = [];
  return {
    name: 'blog-images',
    hooks: {
      'astro:config:setup': async ({ config }) => {
        cacheDir = path.join(fileURLToPath(config.cacheDir), IMAGE_CACHE_FOLDER);
        root = fileURLToPath(config.root);
        sourceDirs = [fileURLToPath(config.publicDir), path.join(root, 'src')];
        const manifest = await readFile(path.join(cacheDir, MANIFEST), 'utf8').then(JSON.parse, () => ({}));
        const registry = imageRegistry();
        for (const [name, job] of Object.entries(manifest)) if (!registry.has(name)) registry.set(name, job as never);
      },
      'astro:server:setup': ({ server, logger }) => {
        serveMadeOnDemand(server, {
          route: IMAGE_ROUTE,
          cacheDir,
          root,
          logger,
          contentType: 'image/webp',
          known: (name) => imageRegistry().has(name),
          make: (name) => produceVariants([name], { cacheDir }).then(() => variantFolder(cacheDir).save()),
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const started = performance.now();
        const names = (await scanOutput(outDir)).variants;
        await recoverVariantSources(names, sourceDirs);
        await produceVariants(names, { cacheDir, outDir });
        await variantFolder(cacheDir).save();
        await mkdir(cacheDir, { recursive: true });
        await writeFile(path.join(cacheDir, MANIFEST), JSON.stringify(Object.fromEntries(imageRegistry())));
        const seconds = ((performance.now() - started) / 1000).toFixed(2);
        // Counted over the whole build: feeds make their heroes' variants while rendering.
        const { made: madeInBuild, encodingMs } = imageStats();
        const made = Math.min(madeInBuild, names.size);
        const reused = names.size - made;
        const encoding = (encodingMs / 1000).toFixed(2);
        logger.info(`${names.size} image variants: ${made} made, ${reused} reused from cache in ${seconds}s (encoding: ${encoding}s)`);
      },
    },
  };
}
