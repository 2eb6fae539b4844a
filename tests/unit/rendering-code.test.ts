import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RENDERING_CODE } from '../../integrations/astro-internals/content-cache.ts';

/**
 * integrations/astro-internals/content-cache.ts drops Astro's content store (each post's rendered
 * HTML) when a file of RENDERING_CODE changes. A module the Markdown pipeline or the posts loader
 * imports but the list leaves out could change every post's HTML while builds keep serving the old.
 * Here every project module they import, found with Node's own loader (tests/helpers/imports-of.ts),
 * must be in the list.
 *
 * Page templates are not: they render from the post model at page time, and Astro's page cache
 * (experimental.incrementalBuild) already renders a page again when its modules change. Listing
 * them would throw away every post's stored HTML on each template edit and change no page.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * What renders a post body, in a build's main thread or its render workers, and what stores it.
 * The worker imports the pipeline and render-body.ts, so they need no run of their own.
 */
const RENDERING_ENTRIES = [
  // Runs only as a worker (it reads its workerData): its static imports are what counts.
  'src/lib/markdown/render-worker.ts --link-only',
  'src/lib/markdown/render-pool.ts',
  'src/lib/content/posts-loader.ts',
];

/**
 * Imported by the code above without a say in any post's HTML, each for a reason that would have
 * to stop holding before it did. Each must still be imported, so the list cannot go stale unseen.
 */
const NOT_RENDERING: Record<string, string> = {
  'src/lib/build/terminal-safe.ts': "makes the loader's messages safe to print",
  'src/lib/build/cache-integrity.ts': 'seals and checks cache files (image variants), never their content',
  'src/lib/build/publish-file.ts': 'writes image variants to disk atomically, under names images.ts chooses',
  'src/lib/build/registries.ts': 'keeps one object per build across module copies, whatever it holds',
  'src/lib/content/dev-first-page.ts': 'dev server only: when the renderer is warmed, not what it renders',
};

/** Project modules (not node_modules) that importing `entry` loads, as paths from the project root. */
function projectImportsOf(entry: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--no-warnings', 'tests/helpers/imports-of.ts', ...entry.split(' ')], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
    child.on('error', reject);
    child.on('close', (status) => {
      if (status !== 0) return reject(new Error(`imports-of ${entry} exited ${status}:\n${stderr}`));
      const urls = JSON.parse(stdout) as string[];
      const files = urls.filter((url) => url.startsWith('file:')).map((url) => path.relative(ROOT, fileURLToPath(url)));
      resolve([...new Set(files.filter((file) => !file.startsWith('..') && !file.split(path.sep).includes('node_modules')))]);
    });
  });
}

/** The RENDERING_CODE entry (a file, or a folder holding it) that covers `file`, if any. */
const coveredBy = (file: string) => RENDERING_CODE.find((entry) => file === entry || file.startsWith(`${entry.replace(/\/$/, '')}/`));

describe("content-cache.ts's RENDERING_CODE", async () => {
  const imported = [...new Set((await Promise.all(RENDERING_ENTRIES.map(projectImportsOf))).flat())].sort();

  it('found the pipeline and its plugins among what the entries import', () => {
    for (const file of [
      'src/lib/markdown/pipeline.ts',
      'src/lib/markdown/rehype-code-blocks.ts',
      'src/lib/images/images.ts',
      'src/site.config.ts',
    ])
      expect(imported).toContain(file);
    expect(imported.length).toBeGreaterThan(20);
  });

  it('covers every project module the Markdown pipeline and the posts loader import', () => {
    const missing = imported.filter((file) => !coveredBy(file) && !(file in NOT_RENDERING));
    expect(missing, 'add these to RENDERING_CODE, or to NOT_RENDERING here with why they cannot change a post').toEqual([]);
  });

  it('names only modules that are imported and not covered anyway', () => {
    for (const file of Object.keys(NOT_RENDERING)) {
      expect(imported, file).toContain(file);
      expect(coveredBy(file), file).toBeUndefined();
    }
  });

  it('lists only files and folders that exist, so none hashes nothing after a move', () => {
    expect(RENDERING_CODE.length).toBeGreaterThan(0);
    for (const entry of RENDERING_CODE) expect(existsSync(path.join(ROOT, entry)), entry).toBe(true);
  });
});
