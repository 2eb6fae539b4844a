import { createReadStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { IMAGE_ROUTE } from '#src/lib/images/images.ts';
import { publishFiles, writeCacheFile } from '#src/lib/build/publish-file.ts';
import { isFile } from '#src/lib/urls/site-paths.ts';
import { LOGO_CACHE_FOLDER, planSiteLogo, renderSiteLogo, type SiteLogo } from '#src/lib/images/site-logo.ts';

/** Makes the logo unless the cache has it; returns true when it was made. */
async function ensureLogo(logo: SiteLogo, cacheDir: string): Promise<boolean> {
  const target = path.join(cacheDir, logo.name);
  if (await isFile(target)) return false;
  await mkdir(cacheDir, { recursive: true });
  await writeCacheFile(target, await renderSiteLogo(logo.source));
  return true;
}

/**
 * Makes the site's raster logo (src/lib/images/site-logo.ts) from the `logo`
 * setting after the pages are written, keeps it in `<cacheDir>/site-logo/`
 * and links it into `dist/_img/`. Pages get its name as `__SITE_LOGO__`;
 * being in the config, a new logo also changes Astro's config hash, so no
 * page naming the old one is copied from the incremental cache.
 */
export function siteLogo(options: { logo: string }): AstroIntegration {
  let cacheDir = '';
  let logo: SiteLogo;
  return {
    name: 'site-logo',
    hooks: {
      'astro:config:setup': ({ config, updateConfig }) => {
        cacheDir = path.join(fileURLToPath(config.cacheDir), LOGO_CACHE_FOLDER);
        try {
          logo = planSiteLogo(options.logo, { publicDir: fileURLToPath(config.publicDir), base: config.base });
        } catch {
          // `npm run build` reports this before Astro starts (tools/check/settings-check.ts); the dev server does not check.
          throw new Error(
            `src/site.config.ts  logo  "${options.logo}" cannot be read from public/; name an image there, e.g. "favicon.svg"`,
          );
        }
        const { name, url, width, height } = logo;
        updateConfig({ vite: { define: { __SITE_LOGO__: JSON.stringify({ name, url, width, height }) } } });
      },
      'astro:server:setup': ({ server }) => {
        server.middlewares.use(`/${IMAGE_ROUTE}/`, (req, res, next) => {
          if ((req.url ?? '').split('?')[0] !== `/${logo.name}`) return next();
          ensureLogo(logo, cacheDir).then(() => {
            res.setHeader('Content-Type', 'image/png');
            createReadStream(path.join(cacheDir, logo.name)).pipe(res);
          }, next);
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const made = await ensureLogo(logo, cacheDir);
        await publishFiles(cacheDir, path.join(fileURLToPath(dir), IMAGE_ROUTE), [logo.name]);
        logger.info(`site logo ${logo.width}x${logo.height}: ${made ? 'made' : 'reused from cache'} from ${options.logo}`);
      },
    },
  };
}
