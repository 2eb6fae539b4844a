import path from 'node:path';
import type { CheckOptions } from '#tools/check/problems.ts';
import { SITE } from '#src/site.config.ts';
import { basePathFromEnv, cacheDirFromEnv } from '#src/lib/urls/site-paths.ts';

/** The project the command runs in: the current folder (fixtures and benchmarks build copies). */
export function projectOptions(root = process.cwd()): CheckOptions {
  return {
    root,
    publicDir: path.join(root, 'public'),
    cacheDir: cacheDirFromEnv(root),
    site: SITE,
    now: new Date(),
    base: basePathFromEnv(),
  };
}
