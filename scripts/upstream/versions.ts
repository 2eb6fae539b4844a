/**
 * Which versions of the Astro family `npm run upstream` tries: the family's
 * names in package.json, the newest real release of each from a registry
 * answer, and the `npm install` specs that move the project to them. Pure:
 * the registry answer comes from registry.ts.
 */

/** A version as npm publishes it: `7.4.8`, `7.5.0-beta.2`, `0.0.0-main-20260101` (build metadata dropped). */
export interface Version {
  major: number;
  minor: number;
  patch: number;
  /** Empty for a release. */
  prerelease: string[];
}

export function parseVersion(text: string): Version | null {
  const match = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(text.trim());
  if (!match) return null;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]), prerelease: match[4]?.split('.') ?? [] };
}

/** Semver precedence: negative when `a` comes before `b`. A prerelease comes before its release. */
export function compareVersions(a: Version, b: Version): number {
  for (const key of ['major', 'minor', 'patch'] as const) if (a[key] !== b[key]) return a[key] - b[key];
  if (a.prerelease.length === 0 || b.prerelease.length === 0) return b.prerelease.length - a.prerelease.length;
  for (let i = 0; i < Math.max(a.prerelease.length, b.prerelease.length); i++) {
    const x = a.prerelease[i];
    const y = b.prerelease[i];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    if (x === y) continue;
    const numeric = /^\d+$/.test(x) && /^\d+$/.test(y);
    if (numeric) return Number(x) - Number(y);
    if (/^\d+$/.test(x) !== /^\d+$/.test(y)) return /^\d+$/.test(x) ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/** `a` is a later version than `b` (both as npm writes them). */
export function isNewer(a: string, b: string): boolean {
  const x = parseVersion(a);
  const y = parseVersion(b);
  return x !== null && y !== null && compareVersions(x, y) > 0;
}

/**
 * What the registry says about one package: the answer of
 * `npm view <name> versions time dist-tags --json`, plus the deprecation
 * message of any version known to be deprecated.
 */
export interface RegistryAnswer {
  /** Every published version (npm prints a single version as a string). */
  versions: string[] | string;
  /** Publication time of each version, and `created`/`modified`. */
  time?: Record<string, string>;
  'dist-tags'?: Record<string, string>;
  deprecated?: Record<string, string>;
}

export interface Release {
  version: string;
  /** When it was published (ISO), when the registry says. */
  published?: string;
}

/**
 * The newest real release of a package whose installed version is
 * `installed`: the highest version by semver that has no prerelease part (no
 * `-beta.1`, `-rc.0`, nor the `0.0.0-<branch>-<date>` snapshots Astro's
 * preview releases publish), was really published (listed in `versions`, with
 * a publication time when the answer has times: a version unpublished later
 * keeps its time but leaves `versions`), is not deprecated, and is on the
 * installed major or a newer one.
 *
 * Why not the `latest` dist-tag: it is whatever the publisher last pointed it
 * at. Astro's release tooling moves it in a separate step from the publish, a
 * registry mirror can serve an older copy of the tags than of the versions,
 * and a maintainer may leave it on an older line while a new major settles.
 * The versions themselves are what `npm install <name>@<range>` resolves
 * against, so they are what a user running `npm update` gets. Null when there
 * is no such release.
 */
export function newestRelease(answer: RegistryAnswer, installed: string): Release | null {
  const floor = parseVersion(installed);
  const versions = typeof answer.versions === 'string' ? [answer.versions] : answer.versions;
  let best: { text: string; version: Version } | null = null;
  for (const text of versions) {
    const version = parseVersion(text);
    if (!version || version.prerelease.length > 0) continue;
    if (floor && version.major < floor.major) continue;
    if (answer.time && !answer.time[text]) continue;
    if (answer.deprecated?.[text]) continue;
    if (!best || compareVersions(version, best.version) > 0) best = { text, version };
  }
  if (!best) return null;
  const published = answer.time?.[best.text];
  return published ? { version: best.text, published } : { version: best.text };
}

/** A package of the family, as the project has it. */
export interface FamilyMember {
  name: string;
  /** The range in package.json (`~7.4.8`, `^0.9.12`). */
  range: string;
  /** The version in node_modules. */
  installed: string;
}

interface PackageJson {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/** `astro` and every `@astrojs/*` package the project depends on, with their ranges, in package.json's order. */
export function familyRanges(pkg: PackageJson): { name: string; range: string }[] {
  return Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })
    .filter(([name]) => name === 'astro' || name.startsWith('@astrojs/'))
    .map(([name, range]) => ({ name, range }))
    .sort((a, b) => (a.name === 'astro' ? -1 : b.name === 'astro' ? 1 : a.name.localeCompare(b.name)));
}

/**
 * `name@~7.5.0`: the spec for `npm install` that saves the new version with
 * the prefix the project already uses for that package (`~` pins a minor,
 * `^` a major, none an exact version), so an upgrade keeps its pinning.
 */
export function installSpec(member: Pick<FamilyMember, 'name' | 'range'>, version: string): string {
  const prefix = /^[~^]/.exec(member.range.trim())?.[0] ?? '';
  return `${member.name}@${prefix}${version}`;
}

/** `--versions astro@7.5.0,@astrojs/mdx@8.2.0` read into a map; throws a one-line message for anything else. */
export function parseVersionList(text: string, family: readonly string[]): Map<string, string> {
  const chosen = new Map<string, string>();
  for (const item of text.split(/[\s,]+/).filter(Boolean)) {
    const at = item.lastIndexOf('@');
    const name = at > 0 ? item.slice(0, at) : '';
    const version = at > 0 ? item.slice(at + 1) : '';
    if (!name || !parseVersion(version)) throw new Error(`--versions: "${item}" is not <package>@<version> (astro@7.5.0)`);
    if (!family.includes(name)) throw new Error(`--versions: ${name} is not among the project's Astro packages (${family.join(', ')})`);
    chosen.set(name, version);
  }
  return chosen;
}
