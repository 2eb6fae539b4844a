/**
 * The copies of the project `npm run upstream` works in: its files without
 * what builds and tools leave (dist/, caches, .git), and node_modules either
 * linked to the project's (the pinned build, or a run that installs nothing)
 * or copied, so `npm install` in the copy cannot touch the project's own.
 */
import { spawn } from 'node:child_process';
import { cp, mkdir, readdir, realpath, rm, symlink } from 'node:fs/promises';
import path from 'node:path';

/** What a copy leaves out: .gitignore's build output and caches, the history, and node_modules (linked or copied below). */
export function leftOut(name: string): boolean {
  return (
    ['node_modules', '.git', 'dist', '.astro', '.cache', 'coverage', 'test-results', 'seo-report.html'].includes(name) ||
    name.startsWith('.dist-') ||
    name.endsWith('.log')
  );
}

/** `cp -a`, which copies node_modules' 27,000 files in a quarter of the time fs.cp takes; fs.cp where there is none. */
async function copyTree(from: string, to: string): Promise<void> {
  const copied = await new Promise<boolean>((resolve) => {
    const child = spawn('cp', ['-a', `${from}/.`, to], { stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
    child.on('error', () => resolve(false));
    child.on('close', (code) => {
      if (code !== 0 && errors) console.error(errors.trim().split('\n')[0]);
      resolve(code === 0);
    });
  });
  if (!copied) await cp(from, to, { recursive: true, verbatimSymlinks: true, force: true });
}

/**
 * Copies the project at `root` to `target` (a new folder). With
 * `ownModules`, node_modules is a real copy (Astro's and Vite's caches in it
 * left out, so the copy's builds start cold like the pinned one); otherwise a
 * link to the project's.
 */
export async function copyProject(root: string, target: string, { ownModules }: { ownModules: boolean }): Promise<void> {
  await mkdir(target, { recursive: true });
  for (const entry of await readdir(root)) {
    if (leftOut(entry)) continue;
    await cp(path.join(root, entry), path.join(target, entry), { recursive: true, verbatimSymlinks: true });
  }
  // A project copy made by the tests links node_modules; its packages are where the link leads.
  const modules = await realpath(path.join(root, 'node_modules'));
  if (!ownModules) {
    await symlink(modules, path.join(target, 'node_modules'), 'dir');
    return;
  }
  await mkdir(path.join(target, 'node_modules'));
  await copyTree(modules, path.join(target, 'node_modules'));
  for (const cache of ['.astro', '.vite']) await rm(path.join(target, 'node_modules', cache), { recursive: true, force: true });
}
