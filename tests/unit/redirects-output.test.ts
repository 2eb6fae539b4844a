import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { publishRedirects } from '../../scripts/redirects-output.ts';
import type { CheckOptions } from '#tools/check/problems.ts';
import type { RedirectRule } from '#src/lib/urls/redirects.ts';
import { SITE } from '#src/site.config.ts';

/**
 * The redirect writer on its own, as if a hostile rule had got past the post check (a future
 * caller, a settings entry): it must write nothing outside the site and add exactly one
 * `_redirects` rule per old address form.
 */
let project = '';
let site = '';
const options = (): CheckOptions => ({
  root: project,
  publicDir: path.join(project, 'public'),
  cacheDir: project,
  site: SITE,
  now: new Date(),
  base: '/',
});
const rule = (from: string, to = '/blog/new/'): RedirectRule => ({
  from,
  to,
  title: 'New',
  origin: { file: 'src/content/blog/a.md', line: 9, field: 'redirectFrom' },
});

beforeEach(() => {
  project = mkdtempSync(path.join(tmpdir(), 'blog-redirect-writer-'));
  site = path.join(project, 'dist');
  mkdirSync(path.join(project, 'src/pages'), { recursive: true });
  mkdirSync(site);
});
afterEach(() => rmSync(project, { recursive: true, force: true }));

describe('the redirect writer', () => {
  it.each([
    ['/../src/pages/planted.astro', /"\.\." segment/],
    ['/%2e%2e/src/pages/planted.astro', /"\.\." segment/],
    ['/a /blog/b/ 200\n/* https://evil.example 301!', /line break/],
    ['/x/../../../outside.html', /"\.\." segment/],
  ])('refuses %j and writes nothing', (from, says) => {
    const problems = publishRedirects(site, [rule('/fine/'), rule(from)], options());
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'src/content/blog/a.md', line: 9, field: 'redirectFrom' });
    expect(problems[0]!.message).toMatch(says);
    expect(readdirSync(site)).toEqual([]);
    expect(readdirSync(path.join(project, 'src/pages'))).toEqual([]);
    expect(existsSync(path.join(project, 'outside.html'))).toBe(false);
  });

  it('refuses a target with a line break rather than add a rule to _redirects', () => {
    expect(() => publishRedirects(site, [rule('/old/', 'https://x.example/\n/* https://evil.example 301!')], options())).toThrow(
      /^src\/content\/blog\/a\.md:9 {2}redirectFrom: ".*" holds a line break/,
    );
    expect(existsSync(path.join(site, '_redirects'))).toBe(false);
  });

  it('writes one page and one rule per address form for safe rules', () => {
    expect(publishRedirects(site, [rule('/old-slug/'), rule('/2019/05/old.html'), rule('/caf%C3%A9/')], options())).toEqual([]);
    expect(existsSync(path.join(site, 'old-slug/index.html'))).toBe(true);
    expect(existsSync(path.join(site, 'café/index.html'))).toBe(true);
    const rules = readFileSync(path.join(site, '_redirects'), 'utf8')
      .split('\n')
      .filter((line) => line && !line.startsWith('#'));
    expect(rules).toEqual([
      '/old-slug  /blog/new/  301',
      '/old-slug/  /blog/new/  301',
      '/2019/05/old.html  /blog/new/  301',
      '/caf%C3%A9  /blog/new/  301',
      '/caf%C3%A9/  /blog/new/  301',
    ]);
  });
});
