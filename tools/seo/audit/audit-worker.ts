/**
 * Audits a share of the posts on a worker thread (see parallel-audit.ts):
 * parsing Markdown is nearly all of `npm run seo`, and it needs one core per
 * post. Posts back one plain-data audit per post, in the order given.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { auditPost, type PostAudit } from './post-audit.ts';
import type { AuditJob } from './parallel-audit.ts';

const { posts, root, site } = workerData as AuditJob;
parentPort?.postMessage(posts.map((post) => auditPost(post, root, site)) satisfies PostAudit[]);
