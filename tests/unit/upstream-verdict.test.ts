import { describe, expect, it } from 'vitest';
import { brokenFromVerify, buildFailure, npmFailure, switchedOffFromBuild, testOutcome } from '../../scripts/upstream/tool-output.ts';
import { ADVICE, detailLines, verdict, type Findings } from '../../scripts/upstream/verdict.ts';

/** What the tools print, as they printed it on this project (Astro 7.4.8, npm 11, Vitest 5). */
const VERIFY_BROKEN = `Linked cached pages: core/build/incremental.js: cached pages are no longer kept in <cacheDir>/dist/
Content store read from its file: astro-content-virtual-mod-plugin: the load hook is not the code the wrapper was written against (now: 3352eca28a5bd23b)
✗ 2 of Astro's internals differ from what integrations/astro-internals/ was written against; see its README.md
`;

const BUILD_LOG = `(Astro's internals have changed: built without linked cached pages; see integrations/astro-internals/README.md)
\u001b[2m23:34:56\u001b[22m [WARN] [content-store] Astro's internals have changed: astro-content-virtual-mod-plugin's load hook is not the one this was written against; see integrations/astro-internals/README.md
23:35:05 [build] 49 page(s) built in 8.24s
✓ Site written to dist/
`;

const ERESOLVE = `npm error code ERESOLVE
npm error ERESOLVE unable to resolve dependency tree
npm error
npm error While resolving: astro-static-blog@0.1.0
npm error Found: astro@8.0.0
npm error node_modules/astro
npm error   astro@"8.0.0" from the root project
npm error
npm error Could not resolve dependency:
npm error peer astro@"^7.2.10" from @astrojs/mdx@8.1.4
npm error node_modules/@astrojs/mdx
npm error   @astrojs/mdx@"~8.1.4" from the root project
npm error
npm error Fix the upstream dependency conflict, or retry this command with --force or --legacy-peer-deps to accept an incorrect (and potentially broken) dependency resolution.
npm error A complete log of this run can be found in: /root/.npm/_logs/2026-12-06T23_41_13_571Z-debug-0.log
`;

describe("reading the tools' output", () => {
  it('takes the broken assumptions from verify.ts, without its summary', () => {
    expect(brokenFromVerify(VERIFY_BROKEN)).toEqual(VERIFY_BROKEN.split('\n').slice(0, 2));
    expect(brokenFromVerify("✓ Astro's internals are as integrations/astro-internals/ expects\n")).toEqual([]);
  });

  it("takes what a build switched off from both forms of 'Astro's internals have changed'", () => {
    expect(switchedOffFromBuild(BUILD_LOG)).toEqual([
      'built without linked cached pages',
      "astro-content-virtual-mod-plugin's load hook is not the one this was written against",
    ]);
    expect(switchedOffFromBuild('✓ Site written to dist/\n')).toEqual([]);
  });

  it("says why npm could not install, in npm's own words", () => {
    expect(npmFailure(ERESOLVE)).toBe('ERESOLVE: peer astro@"^7.2.10" from @astrojs/mdx@8.1.4');
    expect(
      npmFailure(`npm error code ETARGET
npm error notarget No matching version found for @astrojs/rss@99.0.0.
npm error notarget In most cases you or one of your dependencies are requesting a package version that doesn't exist.
npm error A complete log of this run can be found in: /root/.npm/_logs/x-debug-0.log`),
    ).toBe('ETARGET: notarget No matching version found for @astrojs/rss@99.0.0.');
    expect(
      npmFailure(`npm error code E404
npm error 404 Not Found - GET https://registry.npmjs.org/@astrojs%2fnope - Not found
npm error 404`),
    ).toBe('E404: 404 Not Found - GET https://registry.npmjs.org/@astrojs%2fnope - Not found');
  });

  it('says why a build failed by its ✗ line, else its last error', () => {
    expect(buildFailure('building…\n✗ The build failed: Cannot find module "astro/jsx-runtime". The site was not built.\n')).toBe(
      'The build failed: Cannot find module "astro/jsx-runtime". The site was not built.',
    );
    expect(buildFailure('a\nError: boom\n    at x (file.js:1:1)\n')).toBe('Error: boom');
    // Astro 6 refusing this config: a zod error quoted as JSON, its line breaks escaped, cut to one short line.
    const zod = `✗ The build failed: [\\n  {\\n    "code": "unrecognized_keys",\\n    "keys": [\\n      "incrementalBuild"\\n    ],\\n    "message": "Invalid or outdated experimental feature.\\n${'See the docs. '.repeat(30)}"\\n  }\\n]`;
    const line = buildFailure(zod);
    expect(line).toMatch(
      /^The build failed: \[ \{ "code": "unrecognized_keys", "keys": \[ "incrementalBuild" \], "message": "Invalid or outdated/,
    );
    expect(line).toHaveLength(240);
    expect(line.endsWith('…')).toBe(true);
  });

  it("reads Vitest's JSON report, naming each failed test by its file", () => {
    const report = {
      numTotalTests: 3,
      testResults: [
        {
          name: '/tmp/copy/tests/site/feeds.test.ts',
          status: 'failed',
          assertionResults: [
            { ancestorTitles: ['feeds'], fullName: 'feeds lists every post', title: 'lists every post', status: 'failed' },
            { ancestorTitles: ['feeds'], fullName: 'feeds is valid RSS', title: 'is valid RSS', status: 'passed' },
            { fullName: 'a test without titles', status: 'failed' },
          ],
        },
        { name: '/tmp/copy/tests/site/output.test.ts', status: 'failed', message: 'Fixture build failed:\nstack', assertionResults: [] },
        { name: '/tmp/copy/tests/site/faq.test.ts', status: 'passed', assertionResults: [{ fullName: 'faq', status: 'passed' }] },
      ],
    };
    expect(testOutcome(report, '/tmp/copy')).toEqual({
      kind: 'failed',
      total: 3,
      failed: [
        'tests/site/feeds.test.ts > feeds > lists every post',
        'tests/site/feeds.test.ts > a test without titles',
        'tests/site/output.test.ts: Fixture build failed:',
      ],
    });
    expect(testOutcome({ numTotalTests: 1, testResults: [report.testResults[2]!] }, '/tmp/copy')).toEqual({ kind: 'passed', total: 1 });
  });
});

const safe: Findings = {
  label: 'Astro 7.5.0',
  install: 'npm install astro@~7.5.0',
  assumptions: [],
  pages: [],
  switchedOff: [],
  tests: { kind: 'passed', total: 120 },
};

describe('the verdict', () => {
  it('says safe to upgrade, with the command, when nothing failed', () => {
    expect(verdict(safe)).toEqual({ safe: true, lines: ['✓ Astro 7.5.0: safe to upgrade (npm install astro@~7.5.0)'] });
    expect(verdict({ ...safe, install: null, tests: { kind: 'skipped' } }).lines).toEqual([
      '✓ Astro 7.5.0: safe to upgrade (the installed versions: nothing to install); site tests not run (--no-tests)',
    ]);
  });

  it('counts and names every kind of failure in one line, then says what to do about each', () => {
    const findings: Findings = {
      ...safe,
      label: 'Astro 7.5.0 with @astrojs/mdx 8.2.0',
      assumptions: [
        {
          problem: 'Linked cached pages: core/build/incremental.js: cached pages are no longer kept in <cacheDir>/dist/',
          pinnedToo: false,
        },
        { problem: 'Content store read from its file: content/consts.js: the id is now "x"', pinnedToo: true },
      ],
      pages: [
        { page: 'index.html', problems: ['text differs: "a" -> "b"'] },
        { page: 'blog/x/index.html', problems: ['links gone: /tag/ai/'] },
        { page: 'rss.xml', problems: ['missing in the new build'] },
        { page: 'sitemap-0.xml', problems: ['links added: /x/'] },
      ],
      switchedOff: ['built without linked cached pages'],
      tests: { kind: 'failed', failed: ['tests/site/feeds.test.ts > feeds lists every post'], total: 120 },
    };
    const { safe: ok, lines } = verdict(findings);
    expect(ok).toBe(false);
    expect(lines[0]).toBe(
      '✗ Astro 7.5.0 with @astrojs/mdx 8.2.0: 2 assumptions broken (Linked cached pages, Content store read from its file; 1 already on the pinned Astro), ' +
        '4 pages differ (/, /blog/x/, /rss.xml, …), 1 workaround switched off (built without linked cached pages), ' +
        'site tests failed (1 of 120: tests/site/feeds.test.ts > feeds lists every post)',
    );
    expect(lines.slice(1)).toEqual([ADVICE.assumptions, ADVICE.pages, ADVICE.tests].map((text) => `  → ${text}`));
    expect(detailLines(findings)).toEqual([
      'assumption broken: Linked cached pages: core/build/incremental.js: cached pages are no longer kept in <cacheDir>/dist/',
      'assumption broken: Content store read from its file: content/consts.js: the id is now "x" (broken on the pinned Astro too)',
      'page differs: /  text differs: "a" -> "b"',
      'page differs: /blog/x/  links gone: /tag/ai/',
      'page differs: /rss.xml  missing in the new build',
      'page differs: /sitemap-0.xml  links added: /x/',
      'workaround switched off: built without linked cached pages',
      'site test failed: tests/site/feeds.test.ts > feeds lists every post',
    ]);
  });

  it('points at the internals README for a workaround switched off with no assumption broken', () => {
    expect(verdict({ ...safe, switchedOff: ['built without linked cached pages'] }).lines).toEqual([
      '✗ Astro 7.5.0: 1 workaround switched off (built without linked cached pages)',
      `  → ${ADVICE.switchedOff}`,
    ]);
  });

  it('stops at a failed install, pointing at peer ranges', () => {
    expect(verdict({ ...safe, installFailed: 'ERESOLVE: peer astro@"^7.2.10" from @astrojs/mdx@8.1.4' }).lines).toEqual([
      '✗ Astro 7.5.0: could not be installed (ERESOLVE: peer astro@"^7.2.10" from @astrojs/mdx@8.1.4)',
      `  → ${ADVICE.install}`,
    ]);
    expect(verdict({ ...safe, buildFailed: 'The build failed: x', tests: { kind: 'error', reason: 'no report' } }).lines[0]).toBe(
      '✗ Astro 7.5.0: the build failed (The build failed: x), site tests did not run (no report)',
    );
  });
});
