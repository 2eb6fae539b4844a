import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cspHeader } from '#src/lib/seo/csp.ts';
import { serviceCspSources } from '#src/lib/services/csp-sources.ts';
import type { GiscusComments, Services } from '#src/lib/services/settings.ts';
import { settingsProblems } from '#tools/check/settings-check.ts';
import { formatProblem } from '#tools/check/problems.ts';
import { SITE } from '#src/site.config.ts';

let root = '';
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'blog-services-'));
  await mkdir(path.join(root, 'src'), { recursive: true });
  await mkdir(path.join(root, 'public'));
  await copyFile(path.join(import.meta.dirname, '../../public/favicon.svg'), path.join(root, 'public/favicon.svg'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** The services written one field a line, as an editor would: `services: {` is line 2, the service line 3, its fields from line 4. */
async function check(services: unknown): Promise<string[]> {
  const lines = ['const defaults = {', '  services: {'];
  for (const [name, entry] of Object.entries(services as Record<string, Record<string, unknown>>)) {
    lines.push(`    ${name}: {`);
    for (const [key, value] of Object.entries(entry)) lines.push(`      ${key}: ${JSON.stringify(value).replaceAll('"', "'")},`);
    lines.push('    },');
  }
  lines.push('  },', '};');
  await writeFile(path.join(root, 'src/site.config.ts'), lines.join('\n'));
  const site = { ...SITE, services: services as Services };
  return (await settingsProblems(site, { root, publicDir: path.join(root, 'public') })).map(formatProblem);
}

const GISCUS = { provider: 'giscus', repo: 'octo/blog', repoId: 'R_kgDOAbc123', category: 'Announcements', categoryId: 'DIC_kwDOAbc123' };

describe('the services settings', () => {
  it.each<[string, unknown]>([
    ['none', {}],
    ['Plausible', { analytics: { provider: 'plausible', domain: 'blog.example.com' } }],
    [
      'Umami, self-hosted',
      { analytics: { provider: 'umami', websiteId: '94db1cb1-74f4-4a40-ad6c-962362670409', scriptUrl: 'https://stats.example.com/u.js' } },
    ],
    ['GoatCounter', { analytics: { provider: 'goatcounter', endpoint: 'https://sn.goatcounter.com/count' } }],
    ['GA4', { analytics: { provider: 'ga4', measurementId: 'G-AB12CD34' } }],
    ['giscus', { comments: GISCUS }],
    ['a newsletter', { newsletter: { action: 'https://buttondown.com/api/emails/embed-subscribe/sn', hiddenFields: { tag: 'blog' } } }],
  ])('accepts %s', async (_, services) => {
    expect(await check(services)).toEqual([]);
  });

  it.each<[string, unknown, string]>([
    [
      'an unknown analytics provider',
      { analytics: { provider: 'matomo', domain: 'x.com' } },
      "src/site.config.ts:4  services.analytics.provider  \"matomo\" is not an analytics provider this site has; use one of 'plausible', 'umami', 'goatcounter', 'ga4'",
    ],
    [
      'a Plausible domain written as a URL',
      { analytics: { provider: 'plausible', domain: 'https://blog.example.com/' } },
      'src/site.config.ts:5  services.analytics.domain  "https://blog.example.com/" is not a domain; write it as Plausible lists it',
    ],
    [
      'a missing Umami website id',
      { analytics: { provider: 'umami' } },
      "src/site.config.ts:4  services.analytics.websiteId  is missing; copy the website id from Umami's tracking code",
    ],
    [
      'a script URL over plain http',
      { analytics: { provider: 'plausible', domain: 'blog.example.com', scriptUrl: 'http://stats.example.com/js/script.js' } },
      'src/site.config.ts:6  services.analytics.scriptUrl  "http://stats.example.com/js/script.js" is not an https:// address',
    ],
    [
      'a GoatCounter endpoint without /count',
      { analytics: { provider: 'goatcounter', endpoint: 'https://sn.goatcounter.com' } },
      'src/site.config.ts:5  services.analytics.endpoint  "https://sn.goatcounter.com" is not a GoatCounter count URL',
    ],
    [
      'a Universal Analytics id for GA4',
      { analytics: { provider: 'ga4', measurementId: 'UA-12345-1' } },
      'src/site.config.ts:5  services.analytics.measurementId  "UA-12345-1" is not a GA4 measurement id',
    ],
    [
      'a giscus repository as a URL',
      { comments: { ...GISCUS, repo: 'https://github.com/octo/blog' } },
      'src/site.config.ts:5  services.comments.repo  "https://github.com/octo/blog" is not a GitHub repository; write it as "owner/name"',
    ],
    [
      'a giscus category id missing',
      { comments: { ...GISCUS, categoryId: undefined } },
      'src/site.config.ts:4  services.comments.categoryId  is missing; copy a category id from the configuration at giscus.app',
    ],
    [
      'a giscus mapping it does not have',
      { comments: { ...GISCUS, mapping: 'slug' } },
      "src/site.config.ts:9  services.comments.mapping  \"slug\" is not a giscus mapping; use one of 'pathname', 'url', 'title', 'og:title'",
    ],
    [
      'a newsletter without its form URL',
      { newsletter: { emailField: 'EMAIL' } },
      "src/site.config.ts:3  services.newsletter.action  is missing; write the provider's form URL",
    ],
    [
      'a newsletter form URL that is a path',
      { newsletter: { action: '/subscribe' } },
      'src/site.config.ts:4  services.newsletter.action  "/subscribe" is not an https:// address',
    ],
  ])('reports %s on its line', async (_, services, message) => {
    const problems = await check(JSON.parse(JSON.stringify(services)));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });
});

describe('the hosts each service adds to the Content-Security-Policy', () => {
  const added = (services: Services) => {
    const base = new Set(cspHeader().split('; '));
    return cspHeader(serviceCspSources(services))
      .split('; ')
      .filter((directive) => !base.has(directive));
  };

  it('adds nothing with every service off', () => {
    expect(serviceCspSources({})).toEqual({});
  });

  it('adds the script host, and where events go', () => {
    expect(added({ analytics: { provider: 'plausible', domain: 'blog.example.com' } })).toEqual([
      "connect-src 'self' https://plausible.io",
      expect.stringMatching(/^script-src 'self' 'wasm-unsafe-eval' https:\/\/plausible\.io 'sha256-/),
    ]);
    expect(
      serviceCspSources({
        analytics: { provider: 'umami', websiteId: 'x', scriptUrl: 'https://cdn.example.com/u.js', hostUrl: 'https://stats.example.com' },
      }),
    ).toEqual({ 'script-src': ['https://cdn.example.com'], 'connect-src': ['https://stats.example.com'] });
    expect(serviceCspSources({ analytics: { provider: 'goatcounter', endpoint: 'https://sn.goatcounter.com/count' } })).toEqual({
      'script-src': ['https://gc.zgo.at'],
      'connect-src': ['https://sn.goatcounter.com'],
      'img-src': ['https://sn.goatcounter.com'],
    });
    // gtag.js's own host, not every googletagmanager.com subdomain (src/lib/services/csp-sources.ts says why).
    expect(serviceCspSources({ analytics: { provider: 'ga4', measurementId: 'G-AB12CD34' } })).toEqual({
      'script-src': ['https://www.googletagmanager.com'],
      'img-src': ['https://*.google-analytics.com', 'https://*.googletagmanager.com'],
      'connect-src': ['https://*.google-analytics.com', 'https://*.analytics.google.com', 'https://*.googletagmanager.com'],
    });
  });

  it('lets giscus load its script, stylesheet and frame, and the newsletter form post to its provider', () => {
    expect(serviceCspSources({ comments: GISCUS as GiscusComments })).toEqual({
      'script-src': ['https://giscus.app'],
      'style-src': ['https://giscus.app'],
      'frame-src': ['https://giscus.app'],
    });
    expect(added({ newsletter: { action: 'https://app.kit.com/forms/123/subscriptions' } })).toEqual([
      "form-action 'self' https://app.kit.com",
    ]);
  });
});
