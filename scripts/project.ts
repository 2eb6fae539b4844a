import path from 'node:path';
import type { CheckOptions } from '#src/lib/check/problems.ts';
import { SITE } from '#src/site.config.ts';

/** The project the command runs in: the current folder (fixtures and benchmarks build copies). */
export function projectOptions(root = process.cwd()): CheckOptions {
  return {
    root,
    publicDir: path.join(root, 'public'),
    cacheDir: path.resolve(root, process.env['BLOG_CACHE_DIR'] || 'node_modules/.astro'),
    site: SITE,
    now: new Date(),
    base: `/${process.env['BASE_PATH'] ?? ''}/`.replace(/\/{2,}/g, '/'),
  };
}
