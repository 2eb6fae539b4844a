/** Audits posts on every core: worker threads, each given a contiguous share of the posts. */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { CheckedPost } from '#tools/check/problems.ts';
import type { SiteAddress } from './links.ts';
import { auditPost, type PostAudit } from './post-audit.ts';

export interface AuditJob {
  posts: CheckedPost[];
  root: string;
  site: SiteAddress;
}

/**
 * A worker costs ~0.3 s to start (it loads the Markdown parser) and a post
 * ~15 ms to audit, so fewer posts than this each are audited faster here.
 */
const POSTS_PER_WORKER = 60;

/** How many workers pay for themselves: one per core, each with enough posts. */
export function workersFor(posts: number): number {
  return Math.max(1, Math.min(availableParallelism(), Math.floor(posts / POSTS_PER_WORKER)));
}

function runWorker(job: AuditJob): Promise<PostAudit[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./audit-worker.ts', import.meta.url), { workerData: job });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`an SEO audit worker stopped before it finished (exit code ${code})`)));
  });
}

/** Each post's audit, in the order given, on `workers` threads (1: on this thread). */
export async function auditPosts(
  posts: CheckedPost[],
  root: string,
  site: SiteAddress,
  workers = workersFor(posts.length),
): Promise<PostAudit[]> {
  const count = Math.min(workers, posts.length);
  if (count <= 1) return posts.map((post) => auditPost(post, root, site));
  const size = Math.ceil(posts.length / count);
  const shares = Array.from({ length: count }, (_, index) => posts.slice(index * size, (index + 1) * size));
  const audits = await Promise.all(shares.map((share) => runWorker({ posts: share, root, site })));
  return audits.flat();
}
