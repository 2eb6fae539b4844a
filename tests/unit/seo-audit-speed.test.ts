import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_CACHE_FILE } from '#tools/seo/audit/audit-cache.ts';
import { sourceVersion } from '#tools/seo/audit/code-version.ts';
import { auditProject, type AuditResult } from '#tools/seo/audit/run.ts';
import type { CheckOptions } from '#tools/check/problems.ts';
import { SITE } from '#src/site.config.ts';
import { SEO_FIXTURE } from '../helpers/seo-fixture.ts';

/**
 * `npm run seo`'s cache and worker threads change how long it takes, never
 * what it finds: the same findings, figures and scores with or without them,
 * a post re-audited once it changes, a damaged cache file ignored.
 */
let root: string;
let options: CheckOptions;
let reference: AuditResult;
const cacheFile = () => path.join(options.cacheDir, AUDIT_CACHE_FILE);
const withoutReuse = ({ reused: _, ...result }: AuditResult) => result;
const readable = 8; // the fixture's 9 posts, less unreadable.md

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'blog-seo-speed-'));
  cpSync(path.join(SEO_FIXTURE, 'blog'), path.join(root, 'blog'), { recursive: true });
  options = {
    root,
    contentDir: 'blog',
    publicDir: path.join(SEO_FIXTURE, 'public'),
    cacheDir: path.join(root, 'cache'),
    site: SITE,
    now: new Date('2026-12-01T00:00:00Z'),
    base: '/',
  };
  reference = await auditProject(options, { cache: false, workers: 1 });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('npm run seo, cached and on worker threads', () => {
  it('finds the same on three worker threads as on one thread', async () => {
    expect(reference.findings.length).toBe(33);
    expect(await auditProject(options, { cache: false, workers: 3 })).toEqual(reference);
  });

  it('reuses every unchanged post’s audit on the second run, with the same result', async () => {
    const first = await auditProject(options);
    expect(first.reused).toBe(0);
    expect(withoutReuse(first)).toEqual(withoutReuse(reference));
    const second = await auditProject(options);
    expect(second.reused).toBe(readable);
    expect(withoutReuse(second)).toEqual(withoutReuse(reference));
  });

  it('audits a post again once its text changes, and only that one', async () => {
    await auditProject(options);
    const file = path.join(root, 'blog/flawed-fields.md');
    const original = readFileSync(file, 'utf8');
    // The body alone: the frontmatter the checker read stays the same.
    writeFileSync(file, original.replace('A jar on the counter.', 'Kombucha brewing starts with a jar on the counter.'));
    try {
      const changed = await auditProject(options);
      expect(changed.reused).toBe(readable - 1);
      const rules = (result: AuditResult) => result.findings.filter((f) => f.file === 'blog/flawed-fields.md').map((f) => f.rule);
      expect(rules(reference)).toContain('keyword-intro');
      expect(rules(changed)).not.toContain('keyword-intro');
      expect(withoutReuse(changed)).toEqual(withoutReuse(await auditProject(options, { cache: false })));
    } finally {
      writeFileSync(file, original);
    }
  });

  it('ignores a damaged cache file and audits every post again', async () => {
    await auditProject(options);
    // Still valid JSON, so only the seal tells: one changed figure in a finding.
    const text = readFileSync(cacheFile(), 'utf8');
    expect(text).toContain('the slug is 67 characters');
    writeFileSync(cacheFile(), text.replace('the slug is 67 characters', 'the slug is 6 characters'));
    const after = await auditProject(options);
    expect(after.reused).toBe(0);
    expect(withoutReuse(after)).toEqual(withoutReuse(reference));
    expect((await auditProject(options)).reused).toBe(readable);
  });

  it('versions the audit code by every module it imports, so a changed rule invalidates the cache', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'blog-seo-version-'));
    try {
      mkdirSync(path.join(dir, 'rules'));
      writeFileSync(path.join(dir, 'entry.ts'), "import { rule } from './rules/rule.ts';\nexport const run = rule;\n");
      writeFileSync(path.join(dir, 'rules/rule.ts'), 'export const rule = () => 60;\n');
      const before = sourceVersion(path.join(dir, 'entry.ts'));
      expect(sourceVersion(path.join(dir, 'entry.ts'))).toBe(before);
      writeFileSync(path.join(dir, 'rules/rule.ts'), 'export const rule = () => 70;\n');
      expect(sourceVersion(path.join(dir, 'entry.ts'))).not.toBe(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
