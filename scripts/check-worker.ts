/**
 * The post check of `npm run build`, on a worker thread: scripts/build.ts
 * loads Astro on the main thread meanwhile, so the two share the machine's
 * cores instead of taking turns. Posts back the problems found.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { settingsProblems } from '../src/lib/settings-check.ts';
import { checkPosts, type CheckOptions } from '../src/lib/validate.ts';

const options = workerData as CheckOptions;
const { problems } = await checkPosts(options);
problems.unshift(...(await settingsProblems(options.site, options)));
parentPort?.postMessage(problems);
