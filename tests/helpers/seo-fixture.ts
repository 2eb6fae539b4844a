import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { auditProject, type AuditResult } from '#tools/seo/audit/run.ts';
import { SITE } from '#src/site.config.ts';
import { PROJECT_ROOT } from './project-copy.ts';

/** tests/fixtures/seo/: posts seeded with one instance of every SEO rule, and posts with nothing to improve. */
export const SEO_FIXTURE = path.join(PROJECT_ROOT, 'tests/fixtures/seo');

/** The audit of the SEO fixture, as `npm run seo` makes it (a fixed "now", a throwaway cache). */
export function auditFixture(): Promise<AuditResult> {
  return auditProject({
    root: SEO_FIXTURE,
    contentDir: 'blog',
    publicDir: path.join(SEO_FIXTURE, 'public'),
    cacheDir: mkdtempSync(path.join(tmpdir(), 'blog-seo-cache-')),
    site: SITE,
    now: new Date('2026-12-01T00:00:00Z'),
    base: '/',
  });
}
