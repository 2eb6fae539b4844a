/**
 * The commands `npm run upstream` runs in a project copy, each as a child
 * process whose output is kept and read by tool-output.ts: `npm install` of
 * the new versions, the internals check (verify.ts), `npm run build`, and the
 * site tests.
 */
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { TestOutcome } from './verdict.ts';
import { brokenFromVerify, buildFailure, npmFailure, switchedOffFromBuild, testOutcome } from './tool-output.ts';

/**
 * The environment of every command: the caller's, without what describes the
 * project `npm run upstream` was started in (npm's package and prefix
 * variables, the build's output and cache folders), without colours.
 */
export function childEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env))
    if (!/^(?:npm_package_|npm_lifecycle_|npm_config_local_prefix$|INIT_CWD$|OUT_DIR$|BLOG_CACHE_DIR$|FORCE_COLOR$)/.test(name))
      env[name] = value;
  return { ...env, NO_COLOR: '1', ASTRO_TELEMETRY_DISABLED: '1', ...extra };
}

export function runCommand(
  cwd: string,
  command: string,
  args: string[],
  { env = {}, timeout = 20 * 60_000 }: { env?: Record<string, string>; timeout?: number } = {},
): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: childEnvironment(env), timeout, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', (error) => resolve({ status: null, output: `${output}\n✗ ${command} could not be started: ${error.message}` }));
    child.on('close', (status, signal) =>
      resolve({ status, output: signal ? `${output}\n✗ ${command} ${args[0] ?? ''} stopped by ${signal} (timed out?)` : output }),
    );
  });
}

/** Installs `specs` in the copy; null when it worked, else npm's reason. */
export async function installVersions(copy: string, specs: string[]): Promise<string | null> {
  const { status, output } = await runCommand(copy, 'npm', ['install', '--no-audit', '--no-fund', ...specs]);
  return status === 0 ? null : npmFailure(output);
}

/** The assumptions verify.ts finds broken in the Astro a project has installed. */
export async function brokenAssumptions(project: string): Promise<string[]> {
  const { status, output } = await runCommand(project, process.execPath, ['integrations/astro-internals/verify.ts'], { timeout: 120_000 });
  if (status === 0) return [];
  const broken = brokenFromVerify(output);
  if (status === 1 && broken.length > 0) return broken;
  throw new Error(`the internals check (integrations/astro-internals/verify.ts) stopped: ${buildFailure(output)}`);
}

export interface BuildResult {
  failed?: string;
  switchedOff: string[];
}

/** `npm run build` of the project's own site, into its dist/, its caches in .cache/astro/. */
export async function buildSite(project: string): Promise<BuildResult> {
  const { status, output } = await runCommand(project, 'npm', ['run', '--silent', 'build'], {
    env: { BLOG_CACHE_DIR: '.cache/astro', OUT_DIR: 'dist' },
  });
  const switchedOff = switchedOffFromBuild(output);
  return status === 0 ? { switchedOff } : { failed: buildFailure(output), switchedOff };
}

/**
 * The site tests (every file in tests/site/ but this command's own test,
 * which runs this command) in the copy with `npx vitest run`, read from
 * Vitest's JSON report. The files are named one by one: Vitest's --exclude
 * does not reach the projects of vitest.config.ts.
 */
export async function runSiteTests(copy: string, report: string): Promise<TestOutcome> {
  const files = (await readdir(path.join(copy, 'tests/site')))
    .filter((name) => name.endsWith('.test.ts') && name !== 'upstream.test.ts')
    .sort()
    .map((name) => `tests/site/${name}`);
  const { status, output } = await runCommand(copy, 'npx', ['vitest', 'run', ...files, '--reporter=json', `--outputFile=${report}`], {
    timeout: 90 * 60_000,
  });
  const json = await readFile(report, 'utf8').catch(() => null);
  if (json === null) return { kind: 'error', reason: buildFailure(output) };
  const outcome = testOutcome(JSON.parse(json) as Parameters<typeof testOutcome>[0], copy);
  if (outcome.kind === 'passed' && status !== 0) return { kind: 'error', reason: buildFailure(output) };
  return outcome;
}

/** The version of a package installed in a project. */
export async function installedVersion(project: string, name: string): Promise<string> {
  try {
    const pkg = JSON.parse(await readFile(path.join(project, 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
    return pkg.version;
  } catch {
    throw new Error(`${name} is in package.json but not installed in ${project}: run npm install first`);
  }
}
