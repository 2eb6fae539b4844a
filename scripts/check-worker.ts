/**
 * The post check of `npm run build`, on a worker thread: scripts/build.ts
 * loads Astro on the main thread meanwhile, so the two share the machine's
 * cores instead of taking turns. Posts back the problems found and the
 * damaged cache records it met (the build's log counts them).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { damageFound } from '../src/lib/cache-integrity.ts';
import { checkPosts, type CheckOptions, type Problem } from '../src/lib/validate.ts';

export interface CheckResult {
  problems: Problem[];
  damage: Record<string, number>;
}

const { problems } = await checkPosts(workerData as CheckOptions);
parentPort?.postMessage({ problems, damage: damageFound() } satisfies CheckResult);
