/**
 * Each post's audit kept in the build cache folder (`<cacheDir>/seo-audit.json`),
 * so `npm run seo` parses only the posts that changed since its last run.
 * An entry is reused when its key matches: the post file's bytes and what
 * the checker read of it (slug, frontmatter, published today), the site's
 * address, and the version of the audit code. The file is sealed: a cut
 * short or altered record is dropped whole, never trusted.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readSealedJson, writeSealedJsonSync } from '#src/lib/build/cache-integrity.ts';
import type { CheckedPost } from '#tools/check/problems.ts';
import { auditCodeVersion } from './code-version.ts';
import type { SiteAddress } from './links.ts';
import type { PostAudit } from './post-audit.ts';

export const AUDIT_CACHE_FILE = 'seo-audit.json';

interface Entry {
  key: string;
  audit: PostAudit;
}

interface CacheRecord {
  version: string;
  entries: Record<string, Entry>;
}

/** What one post's audit depends on, as one hash. */
export function auditKey(post: CheckedPost, root: string, site: SiteAddress): string {
  return createHash('sha256')
    .update(JSON.stringify([post.file, post.slug, post.published, post.data, site]))
    .update('\0')
    .update(readFileSync(path.join(root, post.file)))
    .digest('base64url');
}

export class AuditCache {
  private readonly next: Record<string, Entry> = {};
  private changed = false;
  private readonly file: string;
  private readonly version: string;
  private readonly previous: Record<string, Entry>;

  private constructor(file: string, version: string, previous: Record<string, Entry>) {
    this.file = file;
    this.version = version;
    this.previous = previous;
  }

  /** The cache of the last run; empty when there is none, it is damaged, or the audit code changed since. */
  static async open(cacheDir: string): Promise<AuditCache> {
    const file = path.join(cacheDir, AUDIT_CACHE_FILE);
    const version = auditCodeVersion();
    const record = await readSealedJson<CacheRecord>(file);
    const usable = typeof record === 'object' && record.version === version && typeof record.entries === 'object';
    return new AuditCache(file, version, usable ? record.entries : {});
  }

  /** The audit made for this key last time, if any; it is kept for the next run. */
  get(post: CheckedPost, key: string): PostAudit | undefined {
    const entry = this.previous[post.file];
    if (entry?.key !== key) return undefined;
    this.next[post.file] = entry;
    return entry.audit;
  }

  set(post: CheckedPost, key: string, audit: PostAudit): void {
    this.next[post.file] = { key, audit };
    this.changed = true;
  }

  /** Writes the entries of this run's posts (a deleted post's entry goes); nothing when nothing changed. */
  save(): void {
    const removed = Object.keys(this.previous).some((file) => !(file in this.next));
    if (!this.changed && !removed) return;
    writeSealedJsonSync(this.file, { version: this.version, entries: this.next } satisfies CacheRecord);
  }
}
