/**
 * The post check of `npm run build`, on a worker thread: scripts/build.ts
 * loads Astro on the main thread meanwhile, so the two share the machine's
 * cores instead of taking turns. Posts back the problems found, the
 * redirects to publish, the record of published URLs to keep, and the
 * damaged cache records it met (the build's log counts them).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { damageFound } from '#src/lib/build/cache-integrity.ts';
import { checkProfiles } from '#tools/check/profiles-check.ts';
import { settingsProblems } from '#tools/check/settings-check.ts';
import { checkPosts, type CheckReport } from '#tools/check/check-posts.ts';
import type { CheckOptions } from '#tools/check/problems.ts';

export interface CheckResult extends CheckReport {
  damage: Record<string, number>;
}

const options = workerData as CheckOptions;
const { problems, redirects, publishedUrls, posts } = await checkPosts(options);
problems.unshift(...(await settingsProblems(options.site, options)));
// Author and category files: a broken one stops the build like a broken post (its warnings are for `npm run check`).
problems.push(...(await checkProfiles(options, posts, options.site.defaultAuthor)).problems);
parentPort?.postMessage({ problems, redirects, publishedUrls, damage: damageFound() } satisfies CheckResult);
