import { defineConfig } from 'vitest/config';

/** Unit tests of pure logic that spend their time in native code or other processes. */
const NATIVE = [
  'tests/unit/card-backdrop.test.ts',
  'tests/unit/card-renderer.test.ts',
  'tests/unit/posts-loader.test.ts',
  'tests/unit/astro-internals.test.ts',
];

export default defineConfig({
  // What Astro serves to pages as virtual modules (its content collections, our integrations'
  // build context), for unit tests of page code: stand-ins with fixture entries; and the settings.
  resolve: {
    alias: {
      'virtual:blog/build-context': new URL('./tests/helpers/build-context.ts', import.meta.url).pathname,
      'astro:content': new URL('./tests/helpers/astro-content.ts', import.meta.url).pathname,
      // The sample's settings, not the owner's (npm run init changes src/site.config.ts).
      '#src/site.config.ts': new URL('./tests/fixtures/site/site.config.ts', import.meta.url).pathname,
    },
  },
  test: {
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // Inline projects inherit the options above. `npx vitest run --project unit`
    // runs the pure-logic tests in seconds; `native` the unit tests that drive
    // sharp's drawing, worker threads or a child Node; the others read builds of
    // the fixture site, which the global setup makes once per run.
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], exclude: NATIVE } },
      { test: { name: 'native', include: NATIVE } },
      // `npm run seo` builds nothing, so its tests need no site build.
      { test: { name: 'seo', include: ['tests/browser/seo-report.test.ts', 'tests/site/seo-command.test.ts'] } },
      {
        test: {
          name: 'site',
          include: ['tests/site/**/*.test.ts', 'tests/browser/**/*.test.ts', 'tests/bench/**/*.test.ts'],
          exclude: ['tests/browser/seo-report.test.ts', 'tests/site/seo-command.test.ts'],
          globalSetup: ['tests/global-setup.ts'],
        },
      },
    ],
  },
});
