import { describe, expect, it } from 'vitest';
import { newestOf, type VersionSource } from '../../scripts/upstream/registry.ts';
import {
  compareVersions,
  familyRanges,
  installSpec,
  newestRelease,
  parseVersion,
  parseVersionList,
  type RegistryAnswer,
} from '../../scripts/upstream/versions.ts';

/**
 * `npm run upstream` picks the version to try from what `npm view <name>
 * versions time dist-tags --json` answers. The lists below have the forms
 * Astro's packages really publish: snapshot releases (0.0.0-<branch>-<date>),
 * betas and release candidates of the next major, backports to an older major
 * published after the newest, a `latest` tag that lags, a single version
 * printed as a string.
 */
const time = (versions: string[]) =>
  Object.fromEntries(versions.map((version, i) => [version, `2026-11-${String(1 + i).padStart(2, '0')}T14:00:00.000Z`]));
const answer = (versions: string[], extra: Partial<RegistryAnswer> = {}): RegistryAnswer => ({
  versions,
  time: { created: '2021-01-01T00:00:00.000Z', modified: '2026-11-30T00:00:00.000Z', ...time(versions) },
  'dist-tags': { latest: versions.at(-1)! },
  ...extra,
});

describe('the newest release of a package', () => {
  const cases: { name: string; answer: RegistryAnswer; installed: string; newest: string | null }[] = [
    { name: 'the installed one is the newest', answer: answer(['7.4.5', '7.4.7', '7.4.8']), installed: '7.4.8', newest: '7.4.8' },
    { name: 'a patch release', answer: answer(['7.4.7', '7.4.8', '7.4.9']), installed: '7.4.8', newest: '7.4.9' },
    { name: 'a minor release', answer: answer(['7.4.8', '7.5.0']), installed: '7.4.8', newest: '7.5.0' },
    {
      name: 'betas and release candidates of the next major left out',
      answer: answer(['7.4.8', '8.0.0-alpha.0', '8.0.0-beta.3', '8.0.0-rc.1', '7.4.9']),
      installed: '7.4.8',
      newest: '7.4.9',
    },
    {
      name: "Astro's snapshot releases left out",
      answer: answer(['7.4.8', '0.0.0-content-layer-20261101131337', '0.0.0-main-20261120']),
      installed: '7.4.8',
      newest: '7.4.8',
    },
    {
      name: 'a new major once released',
      answer: answer(['7.4.8', '8.0.0-beta.3', '8.0.0', '8.0.1']),
      installed: '7.4.8',
      newest: '8.0.1',
    },
    {
      name: 'versions sorted by semver, not as listed (10 after 9)',
      answer: answer(['7.4.10', '7.4.9', '7.4.8']),
      installed: '7.4.8',
      newest: '7.4.10',
    },
    {
      name: '`latest` lagging behind a published release',
      answer: answer(['7.4.8', '7.5.0'], { 'dist-tags': { latest: '7.4.8', next: '8.0.0-beta.1' } }),
      installed: '7.4.8',
      newest: '7.5.0',
    },
    {
      name: 'a backport to the older major published last',
      answer: answer(['6.3.9', '7.4.8', '7.4.9', '6.3.10']),
      installed: '7.4.8',
      newest: '7.4.9',
    },
    {
      name: 'a version unpublished since (its time kept, gone from versions)',
      answer: { ...answer(['7.4.8']), time: { ...time(['7.4.8', '7.4.9']) } },
      installed: '7.4.8',
      newest: '7.4.8',
    },
    {
      name: 'a version listed without a publication time',
      answer: { ...answer(['7.4.8']), versions: ['7.4.8', '7.5.0'] },
      installed: '7.4.8',
      newest: '7.4.8',
    },
    {
      name: 'a deprecated release',
      answer: answer(['7.4.8', '7.4.9'], { deprecated: { '7.4.9': 'broken build, use 7.4.10' } }),
      installed: '7.4.8',
      newest: '7.4.8',
    },
    { name: 'a single version, printed as a string', answer: { versions: '0.9.12' }, installed: '0.9.12', newest: '0.9.12' },
    { name: 'only older majors', answer: answer(['5.0.0', '6.1.0']), installed: '7.4.8', newest: null },
    { name: 'build metadata ignored', answer: answer(['7.4.8', '7.4.9+build.5']), installed: '7.4.8', newest: '7.4.9+build.5' },
  ];
  it.each(cases)('$name', ({ answer, installed, newest }) => {
    expect(newestRelease(answer, installed)?.version ?? null).toBe(newest);
  });

  it('says when the newest was published', () => {
    expect(newestRelease(answer(['7.4.8', '7.5.0']), '7.4.8')).toEqual({ version: '7.5.0', published: '2026-11-02T14:00:00.000Z' });
  });

  it('asks about a deprecation npm view does not list, and takes the next one down', async () => {
    const asked: string[] = [];
    const source: VersionSource = {
      label: 'test',
      answer: async () => answer(['7.4.8', '7.4.9', '7.5.0']),
      deprecation: async (_name, version) => {
        asked.push(version);
        return version === '7.5.0' ? 'withdrawn' : null;
      },
    };
    expect(await newestOf(source, { name: 'astro', range: '~7.4.8', installed: '7.4.8' })).toMatchObject({ version: '7.4.9' });
    expect(asked).toEqual(['7.5.0', '7.4.9']);
    // Nothing newer than the installed version: no question.
    asked.length = 0;
    expect(await newestOf(source, { name: 'astro', range: '~7.5.0', installed: '7.5.0' })).toEqual({ version: '7.5.0' });
    expect(asked).toEqual([]);
  });
});

describe('semver order', () => {
  const order = [
    '7.4.8-alpha',
    '7.4.8-alpha.1',
    '7.4.8-alpha.beta',
    '7.4.8-beta',
    '7.4.8-beta.2',
    '7.4.8-beta.11',
    '7.4.8-rc.1',
    '7.4.8',
    '7.4.9',
    '7.10.0',
    '8.0.0',
  ];
  it('puts versions in semver precedence', () => {
    const shuffled = [...order].reverse();
    expect(shuffled.sort((a, b) => compareVersions(parseVersion(a)!, parseVersion(b)!))).toEqual(order);
  });
  it('reads no ranges or tags as versions', () => {
    for (const text of ['latest', '~7.4.8', '7.4', 'v7', '']) expect(parseVersion(text)).toBeNull();
  });
});

describe('the Astro family of a package.json', () => {
  const pkg = {
    dependencies: { '@astrojs/mdx': '~8.1.4', '@astrojs/rss': '^4.0.19', astro: '~7.4.8', 'astro-icon': '^1.0.0', sharp: '^0.35.5' },
    devDependencies: { '@astrojs/check': '^0.9.12', '@astro-community/x': '1.0.0' },
  };
  it('is astro and every @astrojs/* package, astro first', () => {
    expect(familyRanges(pkg)).toEqual([
      { name: 'astro', range: '~7.4.8' },
      { name: '@astrojs/check', range: '^0.9.12' },
      { name: '@astrojs/mdx', range: '~8.1.4' },
      { name: '@astrojs/rss', range: '^4.0.19' },
    ]);
  });
  it('is installed with the prefix the project uses for each', () => {
    expect(installSpec({ name: 'astro', range: '~7.4.8' }, '7.5.0')).toBe('astro@~7.5.0');
    expect(installSpec({ name: '@astrojs/rss', range: '^4.0.19' }, '4.1.0')).toBe('@astrojs/rss@^4.1.0');
    expect(installSpec({ name: '@astrojs/check', range: '0.9.12' }, '0.9.13')).toBe('@astrojs/check@0.9.13');
  });
  it('reads --versions, and refuses what is not a family version in one line', () => {
    const family = ['astro', '@astrojs/mdx'];
    expect(parseVersionList('astro@7.5.0,@astrojs/mdx@8.2.0', family)).toEqual(
      new Map([
        ['astro', '7.5.0'],
        ['@astrojs/mdx', '8.2.0'],
      ]),
    );
    expect(() => parseVersionList('astro@latest', family)).toThrow('--versions: "astro@latest" is not <package>@<version> (astro@7.5.0)');
    expect(() => parseVersionList('@astrojs/mdx', family)).toThrow('is not <package>@<version>');
    expect(() => parseVersionList('vite@8.0.0', family)).toThrow(
      "--versions: vite is not among the project's Astro packages (astro, @astrojs/mdx)",
    );
  });
});
