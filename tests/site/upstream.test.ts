import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyProject } from '../../scripts/upstream/project-copy.ts';
import { familyRanges } from '../../scripts/upstream/versions.ts';
import { PROJECT_ROOT } from '../helpers/project-copy.ts';

/**
 * `npm run upstream` as the weekly workflow runs it, with the registry's
 * answers from a file (UPSTREAM_REGISTRY_ANSWERS) so no test reaches the
 * network: on the pinned versions it has nothing to do; forced to run on a
 * copy of the project whose Astro breaks one assumption of
 * integrations/astro-internals/, it fails and names that assumption.
 */
let scratch = '';
afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

function upstream(root: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync('npm', ['run', '--silent', 'upstream', '--', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ASTRO_TELEMETRY_DISABLED: '1', ...env },
    timeout: 600_000,
  });
  return { status: result.status, stdout: result.stdout, output: `${result.stdout}${result.stderr}` };
}

async function installed(root: string, name: string): Promise<string> {
  return (JSON.parse(await readFile(path.join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

/** `node integrations/astro-internals/verify.ts` in a project: the assumptions its Astro breaks. */
function brokenIn(root: string): string[] {
  const result = spawnSync(process.execPath, ['integrations/astro-internals/verify.ts'], { cwd: root, encoding: 'utf8' });
  return result.stdout.split('\n').filter((line) => line !== '' && !/^[✓✗]/.test(line));
}

/**
 * Edits an Astro release could make, each breaking an assumption (the same
 * kind tests/unit/astro-internals.test.ts makes). The test takes the first
 * that applies to the installed Astro and breaks an assumption that holds
 * there, so it keeps working as workarounds and their assumptions come and go.
 */
const EDITS = [
  {
    file: 'env/vite-plugin-import-meta-env.js',
    from: 'if (source.includes(key)) {',
    to: 'if (new RegExp(`\\\\b${key}\\\\b`).test(source)) {',
  },
  { file: 'core/build/config-hash/input.js', from: 'define: config.vite.define,', to: '' },
  { file: 'content/config.js', from: 'config.type = CONTENT_LAYER_TYPE;', to: 'config.type = "loader";' },
  {
    file: 'content/consts.js',
    from: 'const DATA_STORE_VIRTUAL_ID = "astro:data-layer-content";',
    to: 'const DATA_STORE_VIRTUAL_ID = "astro:content-data-store";',
  },
  { file: 'content/mutable-data-store.js', from: 'metaStore(collectionName = ":meta") {', to: 'metadataStore(collectionName = ":meta") {' },
  { file: 'core/build/incremental.js', from: 'const INCREMENTAL_OUTPUT_DIR = "dist/";', to: 'const INCREMENTAL_OUTPUT_DIR = "pages/";' },
];

describe('npm run upstream', () => {
  it('has nothing to do on the pinned versions', async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'upstream-test-'));
    const pkg = JSON.parse(await readFile(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as Parameters<typeof familyRanges>[0];
    // The registry as it answers when the installed versions are the newest: older releases, the next
    // major's betas, a snapshot, a backport to the older major, and a `latest` tag that lags.
    const answers: Record<string, unknown> = {};
    for (const { name } of familyRanges(pkg)) {
      const version = await installed(PROJECT_ROOT, name);
      const [major] = version.split('.').map(Number);
      const versions = [
        `${major! - 1}.9.0`,
        `${major}.0.0`,
        version,
        `${major! + 1}.0.0-beta.2`,
        '0.0.0-main-20261120',
        `${major! - 1}.9.1`,
      ];
      answers[name] = {
        versions,
        time: Object.fromEntries(versions.map((v) => [v, '2026-11-20T14:00:00.000Z'])),
        'dist-tags': { latest: `${major}.0.0`, next: `${major! + 1}.0.0-beta.2` },
      };
    }
    const file = path.join(scratch, 'registry.json');
    await writeFile(file, JSON.stringify(answers));
    const result = upstream(PROJECT_ROOT, [], { UPSTREAM_REGISTRY_ANSWERS: file });
    expect(result.output).toBe(`nothing to do: astro ${await installed(PROJECT_ROOT, 'astro')} and @astrojs/* are the newest\n`);
    expect(result.status).toBe(0);
  });

  it('fails, naming the assumption, on a copy whose Astro breaks one', { timeout: 600_000 }, async () => {
    scratch ||= await mkdtemp(path.join(tmpdir(), 'upstream-test-'));
    const copy = path.join(scratch, 'project');
    await copyProject(PROJECT_ROOT, copy, { ownModules: true });
    const holding = brokenIn(PROJECT_ROOT);
    let newlyBroken: string[] = [];
    for (const { file, from, to } of EDITS) {
      const target = path.join(copy, 'node_modules/astro/dist', file);
      const source = await readFile(target, 'utf8').catch(() => '');
      if (!source.includes(from)) continue;
      await writeFile(target, source.replace(from, to));
      newlyBroken = brokenIn(copy).filter((line) => !holding.includes(line));
      if (newlyBroken.length > 0) break;
      await writeFile(target, source);
    }
    expect(newlyBroken, 'no edit in EDITS breaks an assumption that holds in the installed Astro: add one').not.toEqual([]);

    // Forced to the installed version, so the registry is not asked and nothing is installed: every
    // step runs on the broken Astro.
    const astro = await installed(copy, 'astro');
    const result = upstream(copy, ['--versions', `astro@${astro}`, '--force', '--no-tests']);
    expect(result.status, result.output).toBe(1);
    // Named in full (marked as broken on the pinned Astro too: here the pinned Astro is the broken one).
    for (const problem of newlyBroken) expect(result.stdout).toContain(`  assumption broken: ${problem}`);
    const verdict = result.stdout.split('\n').find((line) => line.startsWith('✗ Astro '));
    expect(verdict, result.output).toMatch(/^✗ Astro \S+: \d+ assumptions? broken \(/);
    for (const problem of newlyBroken) expect(verdict).toContain(problem.slice(0, problem.indexOf(': ')));
    // The same Astro built both sites: they say and link the same.
    expect(verdict).not.toMatch(/pages? differ|build failed/);
    expect(result.stdout).toContain('→ For each workaround named, integrations/astro-internals/README.md says');
  });
});
