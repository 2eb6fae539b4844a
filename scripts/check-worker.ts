/**
 * The post check of `npm run build`, on a worker thread: scripts/build.ts
 * loads Astro on the main thread meanwhile, so the two share the machine's
 * cores instead of taking turns. Posts back the problems found, the
 * redirects to publish, the record of published URLs to keep, and the
 * damaged cache records it met (the build's log counts them).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { damageFound } from '#src/lib/build/cache-integrity.ts';
import { settingsProblems } from '#src/lib/check/settings-check.ts';
import { checkPosts, type CheckReport } from '#src/lib/check/check-posts.ts';
import type { CheckOptions } from '#src/lib/check/problems.ts';

export interface CheckResult extends CheckReport {
  damage: Record<string, number>;
}

const options = workerData as CheckOptions;
const { problems, redirects, publishedUrls } = await checkPosts(options);
problems.unshift(...(await settingsProblems(options.site, options)));
parentPort?.postMessage({ problems, redirects, publishedUrls, damage: damageFound() } satisfies CheckResult);
