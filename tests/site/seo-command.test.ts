import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProjectCopy, runScriptAsync } from '../helpers/project-copy.ts';
import { SEO_FIXTURE } from '../helpers/seo-fixture.ts';

/** `npm run seo` as an editor runs it, in a project copy holding the seeded SEO fixture. */
let root: string;
let cleanRoot: string;
beforeAll(async () => {
  root = await makeProjectCopy({ contentDir: path.join(SEO_FIXTURE, 'blog'), publicDir: path.join(SEO_FIXTURE, 'public'), name: 'seo' });
  cleanRoot = await makeProjectCopy({
    contentDir: path.join(SEO_FIXTURE, 'blog'),
    publicDir: path.join(SEO_FIXTURE, 'public'),
    name: 'seo-clean',
  });
  for (const file of ['dup-a.md', 'dup-b.md', 'near-c.md', 'flawed-body.md', 'flawed-fields.md', 'no-keywords.md', 'unreadable.md'])
    await rm(path.join(cleanRoot, 'src/content/blog', file));
});
afterAll(async () => {
  for (const folder of [root, cleanRoot]) if (folder) await rm(folder, { recursive: true, force: true });
});

describe('npm run seo', () => {
  it('prints each finding as file:line  rule  severity: message with its fix, writes the report and exits 0', async () => {
    const result = await runScriptAsync(root, 'seo');
    expect(result.status).toBe(0);
    const lines = result.stdout.split('\n');
    const slug = lines.findIndex((line) => line.startsWith('src/content/blog/flawed-fields.md:4  slug-length  '));
    expect(lines[slug]).toBe('src/content/blog/flawed-fields.md:4  slug-length  warning: the slug is 67 characters, over 60');
    expect(lines[slug + 1]).toMatch(/^ {4}fix: shorten the slug/);
    expect(result.stdout).toContain('src/content/blog/flawed-body.md:19  heading-empty  error: a ## heading has no text');
    expect(result.stdout).toMatch(/✗ 9 posts audited in [\d.]+s: 7 errors, 23 warnings, 3 notices in 7 posts\.\n$/);
    expect(result.stderr).toBe('Report: seo-report.html\n');
    expect(readFileSync(path.join(root, 'seo-report.html'), 'utf8')).toContain('src/content/blog/flawed-fields.md:4');
  });

  it('exits 1 with --strict when any error is found, and 0 when none is', async () => {
    expect((await runScriptAsync(root, 'seo', {}, ['--strict'])).status).toBe(1);
    const clean = await runScriptAsync(cleanRoot, 'seo', {}, ['--strict']);
    expect(clean.stdout).toMatch(/^✓ 2 posts audited in [\d.]+s: nothing to improve\.\n$/);
    expect(clean.status).toBe(0);
  });

  it('prints the findings as JSON with --json', async () => {
    const result = await runScriptAsync(root, 'seo', {}, ['--json']);
    expect(result.status).toBe(0);
    const { findings } = JSON.parse(result.stdout) as { findings: Array<Record<string, unknown>> };
    expect(findings).toContainEqual({
      file: 'src/content/blog/flawed-body.md',
      line: 17,
      rule: 'link-redirect',
      severity: 'warning',
      message: 'links to "/guides/old-sourdough/", an old address that redirects to "/blog/sourdough-starter-from-scratch/"',
      fix: 'link straight to the final address; every redirect costs the reader a round trip',
    });
    expect(findings.length).toBe(33);
  });

  it('says how to use it when given an unknown option, in one line and without a stack trace', async () => {
    const result = await runScriptAsync(root, 'seo', {}, ['--stric']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^✗ npm run seo: Unknown option '--stric'.*\nUsage: npm run seo/);
    expect(result.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });
});
