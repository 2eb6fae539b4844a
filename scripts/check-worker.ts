/**
 * The post check of `npm run build`, on a worker thread: scripts/build.ts
 * loads Astro on the main thread meanwhile, so the two share the machine's
 * cores instead of taking turns. Posts back the problems found, the
 * redirects to publish and the record of published URLs to keep.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkPosts, type CheckOptions, type CheckReport } from '../src/lib/validate.ts';

const { problems, redirects, publishedUrls } = await checkPosts(workerData as CheckOptions);
parentPort?.postMessage({ problems, redirects, publishedUrls } satisfies CheckReport);
