import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { constants, existsSync } from 'node:fs';
import { copyFile, cp, mkdir, mkdtemp, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');
/** The settings every copy is built with: the sample's, frozen for the tests (see the file). */
export const SAMPLE_SETTINGS = path.join(PROJECT_ROOT, 'tests/fixtures/site/site.config.ts');
/** The sample site's content, which a copy replaces with its own. */
const CONTENT_FOLDERS = ['blog', 'authors', 'categories'];
const CODE = ['astro.config.ts', 'tsconfig.json', 'package.json', 'integrations', 'scripts', 'src', 'tools'];

/**
 * A throwaway copy of the project's code with other posts and public files,
 * sharing node_modules by symlink and keeping its own caches, in `parent`
 * (default: the OS temporary folder).
 */
export async function makeProjectCopy(options: {
  contentDir: string;
  publicDir?: string;
  name?: string;
  parent?: string;
}): Promise<string> {
  const root = await mkdtemp(path.join(options.parent ?? tmpdir(), `blog-${options.name ?? 'fixture'}-`));
  for (const entry of CODE) {
    await cp(path.join(PROJECT_ROOT, entry), path.join(root, entry), {
      recursive: true,
      filter: (source) => !CONTENT_FOLDERS.some((folder) => source.startsWith(path.join(PROJECT_ROOT, 'src/content', folder))),
    });
  }
  // The sample's settings, whatever the owner has made of src/site.config.ts.
  await copyFile(SAMPLE_SETTINGS, path.join(root, 'src/site.config.ts'));
  await cp(options.contentDir, path.join(root, 'src/content/blog'), { recursive: true });
  // A fixture's author profiles and category pages sit beside its posts (content/blog, content/authors, …).
  for (const folder of CONTENT_FOLDERS.slice(1)) {
    const source = path.join(options.contentDir, '..', folder);
    if (existsSync(source)) await cp(source, path.join(root, 'src/content', folder), { recursive: true });
  }
  await mkdir(path.join(root, 'public'), { recursive: true });
  if (options.publicDir) await cp(options.publicDir, path.join(root, 'public'), { recursive: true });
  // Every page links the favicon, and the site logo is made from it (the `logo` setting), so a copy
  // without one is a broken site; _headers carries the security headers the build completes. A copy
  // with its own keeps it.
  for (const file of ['favicon.svg', '_headers'])
    await copyFile(path.join(PROJECT_ROOT, 'public', file), path.join(root, 'public', file), constants.COPYFILE_EXCL).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      },
    );
  await symlink(path.join(PROJECT_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  return root;
}

/** Runs an npm script of a project copy the way an editor would, capturing its output. */
export function runScript(root: string, script: string, env: Record<string, string> = {}): SpawnSyncReturns<string> {
  return spawnSync('npm', ['run', '--silent', script], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, BLOG_CACHE_DIR: '.cache/astro', NO_COLOR: '1', ASTRO_TELEMETRY_DISABLED: '1', ...env },
    timeout: 300_000,
  });
}

/** A command in a project copy, without blocking (several copies can build at once), its output captured. */
function runAsync(
  root: string,
  command: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, BLOG_CACHE_DIR: '.cache/astro', NO_COLOR: '1', ASTRO_TELEMETRY_DISABLED: '1', ...env },
      timeout: 300_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** `runScript` without blocking, so several project copies can build at once. */
export function runScriptAsync(root: string, script: string, env: Record<string, string> = {}, args: string[] = []) {
  return runAsync(root, 'npm', ['run', '--silent', script, ...(args.length > 0 ? ['--', ...args] : [])], env);
}

/**
 * `astro build` itself, with no post check before it, as the dev server runs the posts loader: for
 * the build's own guards. A bare `astro build` stops at once (integrations/build-entry.ts) unless
 * `entry` is left true, which lets it through as `npm run build` does.
 */
export function astroBuildAsync(root: string, { entry = true, env = {} }: { entry?: boolean; env?: Record<string, string> } = {}) {
  const through = entry ? { BLOG_BUILD_ENTRY: 'a test of the build without the post check' } : {};
  return runAsync(root, process.execPath, [path.join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], { ...through, ...env });
}
