/** Each post's audit: from the cache when the post is unchanged, else made (on worker threads when there are many). */
import type { CheckedPost } from '#tools/check/problems.ts';
import { AuditCache, auditKey } from './audit-cache.ts';
import type { SiteAddress } from './links.ts';
import { auditPosts } from './parallel-audit.ts';
import type { PostAudit } from './post-audit.ts';

export interface AuditSpeed {
  /** Reuse and keep each post's audit in `<cacheDir>/seo-audit.json` (default true). */
  cache?: boolean;
  /** Worker threads for the posts to audit (default: one per core when there are enough posts; 1: none). */
  workers?: number;
}

/** The audits in the order of `posts`, and how many came from the cache. */
export async function auditEach(
  posts: CheckedPost[],
  paths: { root: string; cacheDir: string },
  site: SiteAddress,
  speed: AuditSpeed = {},
): Promise<{ audits: PostAudit[]; reused: number }> {
  if (speed.cache === false) return { audits: await auditPosts(posts, paths.root, site, speed.workers), reused: 0 };
  const cache = await AuditCache.open(paths.cacheDir);
  const keys = posts.map((post) => auditKey(post, paths.root, site));
  const audits = posts.map((post, index) => cache.get(post, keys[index]!));
  const missing = audits.flatMap((audit, index) => (audit ? [] : [index]));
  const made = await auditPosts(
    missing.map((index) => posts[index]!),
    paths.root,
    site,
    speed.workers,
  );
  missing.forEach((index, at) => {
    audits[index] = made[at]!;
    cache.set(posts[index]!, keys[index]!, made[at]!);
  });
  cache.save();
  return { audits: audits as PostAudit[], reused: posts.length - missing.length };
}
