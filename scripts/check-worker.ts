/**
 * The post check of `npm run build`, on a worker thread: scripts/build.ts
 * loads Astro on the main thread meanwhile, so the two share the machine's
 * cores instead of taking turns. Posts back the problems found, the
 * redirects to publish and the record of published URLs to keep.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { settingsProblems } from '../src/lib/settings-check.ts';
import { checkPosts, type CheckOptions, type CheckReport } from '../src/lib/validate.ts';

const options = workerData as CheckOptions;
const { problems, redirects, publishedUrls } = await checkPosts(options);
problems.unshift(...(await settingsProblems(options.site, options)));
parentPort?.postMessage({ problems, redirects, publishedUrls } satisfies CheckReport);
