/** The raster logo search engines need, made from the `logo` setting. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { IMAGE_ROUTE } from './images.ts';
import { withTrailingSlash } from '#src/lib/urls/site-paths.ts';

/**
 * The site's logo for search engines: Google wants a raster logo of at least
 * 112x112 px for an Organization and an article's publisher, so the logo
 * setting (an SVG favicon by default) is made into a square PNG by sharp.
 * Pages name the file while rendering; the site-logo integration makes it
 * after the pages are written and keeps it in the cache folder.
 */
export const LOGO_SIZE = 512;
/** Google's minimum for a logo's width and height. */
export const LOGO_MIN_SIZE = 112;
export const LOGO_CACHE_FOLDER = 'site-logo';
/** Bump when the rendering changes, so a cached logo is made again. */
const LOGO_VERSION = 1;

export interface SiteLogo {
  /** File name under /_img/ and in the cache folder. */
  name: string;
  /** Site path under the base. */
  url: string;
  width: number;
  height: number;
  /** The image in public/ it is made from. */
  source: string;
}

declare const __SITE_LOGO__: Omit<SiteLogo, 'source'>;

/** The logo the pages name (planned by the site-logo integration for this build). */
export function siteLogoImage(): Omit<SiteLogo, 'source'> {
  return __SITE_LOGO__;
}

/** The logo setting ("favicon.svg", "/brand/logo.png") as a file in public/. */
export function logoSource(setting: string, publicDir: string): string {
  return path.join(publicDir, setting.replace(/^\/+/, ''));
}

/** Names the logo after its source's bytes, so a new logo gets a new URL (the file is cached for a year). */
export function planSiteLogo(setting: string, options: { publicDir: string; base: string }): SiteLogo {
  const source = logoSource(setting, options.publicDir);
  const hash = createHash('sha1').update(`${LOGO_VERSION}\0`).update(readFileSync(source)).digest('hex').slice(0, 12);
  const name = `logo-${hash}-${LOGO_SIZE}.png`;
  const base = withTrailingSlash(options.base);
  return { name, url: `${base}${IMAGE_ROUTE}/${name}`, width: LOGO_SIZE, height: LOGO_SIZE, source };
}

/**
 * A LOGO_SIZE square PNG: the source scaled to fit, centred on a transparent
 * square. sharp draws an SVG at the size asked for (libvips renders vectors
 * at the target scale), so a 32x32 favicon comes out sharp, not enlarged
 * from 32 pixels.
 */
export async function renderSiteLogo(source: string): Promise<Buffer> {
  return sharp(source)
    .resize(LOGO_SIZE, LOGO_SIZE, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } })
    .png({ compressionLevel: 9 })
    .toBuffer();
}
