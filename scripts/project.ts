import path from 'node:path';
import type { CheckOptions } from '#tools/check/problems.ts';
import { SITE } from '#src/site.config.ts';
import { basePathFromEnv, cacheDirFromEnv } from '#src/lib/urls/site-paths.ts';
import { environmentProblems } from '#src/lib/build/environment.ts';
import { fail } from './cli-output.ts';

/**
 * The project the command runs in: the current folder (fixtures and benchmarks build copies).
 * An environment variable set to a value it cannot take (src/lib/build/environment.ts) ends the
 * command first, in one line each, before anything is read.
 */
export function projectOptions(root = process.cwd()): CheckOptions {
  const problems = environmentProblems();
  if (problems.length > 0) fail(`${problems.join('\n  ')} Nothing was done.`);
  return {
    root,
    publicDir: path.join(root, 'public'),
    cacheDir: cacheDirFromEnv(root),
    site: SITE,
    now: new Date(),
    base: basePathFromEnv(),
  };
}
