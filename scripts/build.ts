/**
 * `npm run build`: checks every post, builds the site into a temporary folder
 * and only then swaps it in as dist/. A failed build leaves the previous dist/
 * exactly as it was, so a bad post can never blank the live site.
 */
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { Worker } from 'node:worker_threads';
import type { CheckReport } from '../src/lib/validate.ts';
import { printProblems } from './cli-output.ts';
import { patchAstro } from '../integrations/astro-internals/astro-patches.ts';
import { clearAstroEnvironment } from '../integrations/astro-internals/environment.ts';
import { publishRedirects, recordPublishedUrls } from './redirects-output.ts';
import { projectOptions } from './project.ts';

process.env['ASTRO_TELEMETRY_DISABLED'] = '1';
process.env['NODE_ENV'] = 'production';
clearAstroEnvironment();
const options = projectOptions();

const outDir = path.join(options.root, process.env['OUT_DIR'] ?? 'dist');
const staging = path.join(options.root, `.dist-build-${process.pid}`);
const unchanged = existsSync(outDir) ? `${path.relative(options.root, outDir)}/ is unchanged.` : 'nothing was written.';

// Old sites left by builds whose clean-up did not finish: deleted while this one builds.
const leftovers = readdir(options.root)
  .then((names) => names.filter((name) => name.startsWith('.dist-old-')))
  .then((names) => Promise.all(names.map((name) => rm(path.join(options.root, name), { recursive: true, force: true }))))
  .catch(() => undefined);

// sharp's native library must be loaded by the main thread before a worker
// loads it, or glibc unloads it when the worker ends (sharp's docs, "Worker threads").
await import('sharp');
// Posts are checked on a worker while Astro loads here: about 1 s sooner per 1,000 posts.
const checked = new Promise<CheckReport>((resolve, reject) => {
  const worker = new Worker(new URL('./check-worker.ts', import.meta.url), { workerData: options });
  worker.once('message', resolve);
  worker.once('error', reject);
  worker.once('exit', (code) => reject(new Error(`the post check stopped before it finished (exit code ${code})`)));
});
const loading = import('astro');
loading.catch(() => undefined); // awaited below, once the posts passed

const { problems, redirects, publishedUrls } = await checked.catch((error: unknown) => {
  console.error(`✗ The posts could not be checked: ${error instanceof Error ? error.message : String(error)}`);
  console.error(`The site was not built; ${unchanged}`);
  process.exit(1);
});
if (problems.length > 0) {
  printProblems(problems, `The site was not built; ${unchanged}`);
  process.exit(1);
}

const { build } = await loading;
const skipped = await patchAstro();
if (skipped.length > 0)
  console.warn(`(Astro's internals have changed: built without ${skipped.join(' and ')}; see integrations/astro-internals/README.md)`);
try {
  await build({ root: options.root, outDir: staging, logLevel: (process.env['ASTRO_LOG_LEVEL'] as 'info' | undefined) ?? 'info' });
} catch (error) {
  await rm(staging, { recursive: true, force: true });
  // Bundler errors carry their stack inside the message; an editor needs only the words.
  // Vite colours its reports whatever NO_COLOR says; a log or an annotation needs plain text.
  const message = stripVTControlCharacters(error instanceof Error ? error.message : String(error))
    .split('\n')
    .filter((line) => !/^\s+at /.test(line))
    .join('\n');
  console.error(`✗ The build failed: ${message}`.trimEnd());
  console.error(`The site was not built; ${unchanged}`);
  process.exit(1);
}

// Old addresses are part of the site: written into it before it goes live.
const collisions = publishRedirects(staging, redirects, options);
if (collisions.length > 0) {
  await rm(staging, { recursive: true, force: true });
  printProblems(collisions, `The site was not built; ${unchanged}`);
  process.exit(1);
}

// The swap is two renames: the new site is complete before it is dist/.
const previous = path.join(options.root, `.dist-old-${process.pid}-${Date.now()}`);
if (existsSync(outDir)) await rename(outDir, previous);
await rename(staging, outDir);
console.log(`✓ Site written to ${path.relative(process.cwd(), outDir) || '.'}/`);
// Only now: the URLs are live, and the next build must keep them (or say why not).
await recordPublishedUrls(options.cacheDir, publishedUrls);
if (existsSync(previous)) {
  // Deleting tens of thousands of old files takes seconds and nothing waits
  // for it: a detached process does it after we exit. A copy it leaves behind
  // (machine stopped) is deleted by the next build, above.
  const remover = spawn(
    process.execPath,
    ['-e', 'require("node:fs").rmSync(process.argv[1], { recursive: true, force: true })', previous],
    {
      detached: true,
      stdio: 'ignore',
    },
  );
  remover.unref();
}
await leftovers;
process.exit(0);
