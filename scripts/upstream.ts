/**
 * `npm run upstream`: is the newest Astro safe for this project? Finds the
 * newest release of astro and of every @astrojs/* package in package.json;
 * when one is newer than the installed version, installs them in a temporary
 * copy of the project and there checks Astro's internals
 * (integrations/astro-internals/verify.ts), builds the site with the pinned
 * and the new versions and compares the two (pages, visible text, links,
 * workarounds switched off), runs the site tests, and ends with one verdict.
 * Exit code 0 when there is nothing to do or the upgrade is safe, 1 otherwise.
 *
 * Options: --no-tests (skip the site tests: minutes), --force (run every step
 * even when nothing is newer), --versions astro@7.5.0,@astrojs/mdx@8.2.0 (try
 * these instead of asking the registry), --registry-answers <file> (read the
 * registry's answers from a JSON file, as UPSTREAM_REGISTRY_ANSWERS does;
 * see scripts/upstream/registry.ts), --keep (keep the temporary copies).
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { envValue } from '#src/lib/build/environment.ts';
import { compareSites, readPages } from './upstream/compare-dist.ts';
import { copyProject } from './upstream/project-copy.ts';
import { answersFromFile, newestOf, npmRegistry } from './upstream/registry.ts';
import { brokenAssumptions, buildSite, installVersions, installedVersion, runSiteTests } from './upstream/steps.ts';
import { detailLines, verdict, type Findings } from './upstream/verdict.ts';
import { familyRanges, installSpec, parseVersionList, type FamilyMember } from './upstream/versions.ts';

const USAGE =
  'usage: npm run upstream [-- --no-tests] [--force] [--versions astro@X,@astrojs/name@Y] [--registry-answers file.json] [--keep]';

function fail(message: string): never {
  console.error(`✗ upstream: ${message.split('\n')[0]}`);
  process.exit(1);
}

let options: ReturnType<typeof readOptions>;
function readOptions() {
  return parseArgs({
    options: {
      'no-tests': { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      versions: { type: 'string' },
      'registry-answers': { type: 'string' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  }).values;
}
try {
  options = readOptions();
} catch (error) {
  fail(`${(error as Error).message} (${USAGE})`);
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}

const root = process.cwd();
const started = Date.now();
const seconds = () => `${Math.round((Date.now() - started) / 1000)} s`;
const step = (text: string) => console.log(`· ${text} (${seconds()})`);

async function familyOf(project: string): Promise<FamilyMember[]> {
  const pkg = JSON.parse(await readFile(path.join(project, 'package.json'), 'utf8')) as Parameters<typeof familyRanges>[0];
  const ranges = familyRanges(pkg);
  if (!ranges.some(({ name }) => name === 'astro')) throw new Error(`${project}/package.json does not depend on astro`);
  return Promise.all(ranges.map(async (member) => ({ ...member, installed: await installedVersion(project, member.name) })));
}

/** The version of each family member to try: --versions, else the newest release. */
async function targetsFor(family: FamilyMember[]): Promise<Map<string, string>> {
  const names = family.map(({ name }) => name);
  if (options.versions !== undefined) {
    const chosen = parseVersionList(options.versions, names);
    return new Map(family.map(({ name, installed }) => [name, chosen.get(name) ?? installed]));
  }
  const answers = options['registry-answers'] ?? envValue('UPSTREAM_REGISTRY_ANSWERS');
  const source = answers ? await answersFromFile(path.resolve(answers)) : npmRegistry;
  const newest = await Promise.all(family.map((member) => newestOf(source, member)));
  return new Map(family.map(({ name }, i) => [name, newest[i]!.version]));
}

/** `Astro 7.5.0`, with the other packages that change: `Astro 7.4.8 with @astrojs/mdx 8.2.0`. */
function labelFor(family: FamilyMember[], versions: Map<string, string>): string {
  const others = family.filter(({ name, installed }) => name !== 'astro' && versions.get(name) !== installed);
  const astro = `Astro ${versions.get('astro')}`;
  return others.length === 0 ? astro : `${astro} with ${others.map(({ name }) => `${name} ${versions.get(name)}`).join(', ')}`;
}

let temporary: string | undefined;
function cleanUp() {
  if (temporary && !options.keep) rmSync(temporary, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    cleanUp();
    process.exit(130);
  });

async function main(): Promise<number> {
  const family = await familyOf(root);
  const targets = await targetsFor(family);
  const upgrades = family.filter(({ name, installed }) => targets.get(name) !== installed);
  if (upgrades.length === 0 && !options.force) {
    console.log(`nothing to do: astro ${targets.get('astro')} and @astrojs/* are the newest`);
    return 0;
  }
  // The copy gets exactly the versions tried; the command printed keeps the project's range prefixes
  // (`astro@~7.5.0`), which resolve to the same versions while they are the newest.
  const exact = upgrades.map(({ name }) => `${name}@${targets.get(name)}`);
  const specs = upgrades.map((member) => installSpec(member, targets.get(member.name)!));
  if (upgrades.length === 0) step('nothing is newer than the installed versions; trying them anyway (--force)');
  for (const { name, installed } of upgrades) step(`${name} ${targets.get(name)} (installed: ${installed})`);

  temporary = await mkdtemp(path.join(tmpdir(), 'blog-upstream-'));
  const pinned = path.join(temporary, 'pinned');
  const newest = path.join(temporary, 'newest');
  await copyProject(root, pinned, { ownModules: false });
  await copyProject(root, newest, { ownModules: upgrades.length > 0 });
  step(`copies of the project in ${temporary}${options.keep ? ' (kept: --keep)' : ''}`);

  const install = specs.length > 0 ? `npm install ${specs.join(' ')}` : null;
  const findings: Findings = {
    label: labelFor(family, targets),
    install,
    assumptions: [],
    pages: [],
    switchedOff: [],
    tests: { kind: 'skipped' },
  };
  if (specs.length > 0) {
    const failed = await installVersions(newest, exact);
    if (failed !== null) return report({ ...findings, installFailed: failed });
    const installed = new Map(await Promise.all(family.map(async ({ name }) => [name, await installedVersion(newest, name)] as const)));
    findings.label = labelFor(family, installed);
    step(`installed in the copy: ${exact.join(' ')}`);
  }

  const [before, after] = await Promise.all([brokenAssumptions(pinned), brokenAssumptions(newest)]);
  findings.assumptions = after.map((problem) => ({ problem, pinnedToo: before.includes(problem) }));
  step(`internals checked: ${after.length} assumption${after.length === 1 ? '' : 's'} broken`);

  const [pinnedBuild, newestBuild] = await Promise.all([buildSite(pinned), buildSite(newest)]);
  if (pinnedBuild.failed) throw new Error(`the site does not build with the pinned versions (${pinnedBuild.failed}): fix that first`);
  findings.switchedOff = newestBuild.switchedOff.filter((line) => !pinnedBuild.switchedOff.includes(line));
  if (newestBuild.failed) findings.buildFailed = newestBuild.failed;
  else findings.pages = compareSites(await readPages(path.join(pinned, 'dist')), await readPages(path.join(newest, 'dist')));
  step(
    newestBuild.failed
      ? 'the site built with the pinned versions; with the new ones the build failed'
      : `site built with both and compared: ${findings.pages.length} page${findings.pages.length === 1 ? '' : 's'} differ`,
  );

  if (!options['no-tests'] && !newestBuild.failed) {
    step('site tests running in the copy (several minutes)');
    findings.tests = await runSiteTests(newest, path.join(temporary, 'site-tests.json'));
  }
  return report(findings);
}

function report(findings: Findings): number {
  for (const line of detailLines(findings)) console.log(`  ${line}`);
  const { lines, safe } = verdict(findings);
  for (const line of lines) console.log(line);
  return safe ? 0 : 1;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  cleanUp();
  fail((error as Error).message);
}
cleanUp();
process.exit(code);
