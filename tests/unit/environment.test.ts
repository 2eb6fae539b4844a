import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENVIRONMENT, EnvironmentError, environmentProblems, environmentTable, envValue } from '../../src/lib/build/environment.ts';
import { DEPLOY_ENV } from '../../src/lib/urls/deploy-kind.ts';
import { LIVE_RECORD_ENV } from '../../src/lib/urls/live-record.ts';
import { BUILD_ENTRY_ENV } from '../../integrations/build-entry.ts';
import { END, README, START } from '../../scripts/dev/environment-table.ts';

const names = new Set<string>(ENVIRONMENT.map((variable) => variable.name));

describe('environment variables', () => {
  it.each([
    ['SITE_URL', 'https://blog.example.com', 'https://blog.example.com'],
    ['SITE_URL', 'http://localhost:4321', 'http://localhost:4321'],
    ['SITE_URL', '', undefined],
    ['BASE_PATH', 'blog', 'blog'],
    ['BASE_PATH', '/blog/', '/blog/'],
    ['BASE_PATH', '/docs/blog', '/docs/blog'],
    ['BLOG_CACHE_DIR', '.cache/astro', '.cache/astro'],
    ['ASTRO_LOG_LEVEL', 'warn', 'warn'],
    ['BLOG_WITHOUT_WORKAROUNDS', 'store, metadata', 'store, metadata'],
    ['NO_COLOR', '1', '1'],
  ] as const)('%s=%j is read as %j', (name, value, expected) => {
    expect(envValue(name, { [name]: value })).toBe(expected);
  });

  it.each([
    [
      'SITE_URL',
      'blog.example.com',
      /^SITE_URL="blog\.example\.com" is not a web address .*; unset, it is url in src\/site\.config\.ts\.$/,
    ],
    ['SITE_URL', 'ftp://example.com', /is not an http\(s\) address/],
    ['BASE_PATH', 'my blog', /^BASE_PATH="my blog" is not a path of plain segments/],
    ['BASE_PATH', '../up', /is not a path of plain segments/],
    ['BLOG_CACHE_DIR', 'cache\nrm -rf', /^BLOG_CACHE_DIR="cache\\nrm -rf" holds a control character or a line break/],
    ['OUT_DIR', '   ', /^OUT_DIR=" {3}" is empty/],
    ['ASTRO_LOG_LEVEL', 'verbose', /^ASTRO_LOG_LEVEL="verbose" is not one of "debug", "info", "warn", "error", "silent"/],
    ['BLOG_WITHOUT_WORKAROUNDS', 'links', /names "links", not "metadata" or "store"/],
  ] as const)('%s=%j is refused in one line naming it', (name, value, message) => {
    expect(() => envValue(name, { [name]: value })).toThrow(EnvironmentError);
    expect(() => envValue(name, { [name]: value })).toThrow(message);
  });

  it('lists every bad value at once, and nothing when all are good', () => {
    expect(environmentProblems({ SITE_URL: 'nope', ASTRO_LOG_LEVEL: 'loud', BASE_PATH: 'blog' })).toEqual([
      expect.stringMatching(/^SITE_URL="nope"/),
      expect.stringMatching(/^ASTRO_LOG_LEVEL="loud"/),
    ]);
    expect(environmentProblems({ SITE_URL: 'https://x.test', PATH: '/bin' })).toEqual([]);
  });

  it("are the README's table, row for row", () => {
    const readme = readFileSync(README, 'utf8');
    const section = readme.slice(readme.indexOf(START) + START.length, readme.indexOf(END));
    const rows = (table: string) =>
      table
        .split('\n')
        .filter((line) => line.startsWith('|') && !/^\|[\s|-]+\|$/.test(line))
        .map((line) => line.split(/(?<!\\)\|/).map((cell) => cell.trim()));
    expect(rows(section).length).toBe(ENVIRONMENT.length + 1);
    expect(rows(section)).toEqual(rows(environmentTable()));
  });

  it('hold every variable the code reads (no source reads one that is not listed)', () => {
    const sources = ['src', 'tools', 'integrations', 'scripts'].flatMap((dir) =>
      readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile() && /\.(ts|astro|mjs)$/.test(entry.name))
        .map((entry) => path.join(entry.parentPath, entry.name)),
    );
    sources.push('astro.config.ts');
    const read = new Map<string, string>();
    const pattern = /(?:process\.env|\benv)\[['"]([A-Z_][A-Z0-9_]*)['"]\]|process\.env\.([A-Z_][A-Z0-9_]*)|envValue\('([A-Z_][A-Z0-9_]*)'/g;
    for (const file of sources)
      for (const match of readFileSync(file, 'utf8').matchAll(pattern)) read.set(match[1] ?? match[2] ?? match[3]!, file);
    // Set for Astro, never read by this code.
    read.delete('ASTRO_TELEMETRY_DISABLED');
    expect(read.size).toBeGreaterThan(8);
    expect([...read].filter(([name]) => !names.has(name))).toEqual([]);
    for (const name of [DEPLOY_ENV, LIVE_RECORD_ENV, BUILD_ENTRY_ENV]) expect(names.has(name), name).toBe(true);
  });
});
