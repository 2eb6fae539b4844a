/**
 * `npm run build`: checks every post, builds the site into a temporary folder
 * and only then swaps it in as dist/. A failed build leaves the previous dist/
 * exactly as it was, so a bad post can never blank the live site.
 */
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { damageSummary, noteDamage } from '#src/lib/build/cache-integrity.ts';
import { envValue } from '#src/lib/build/environment.ts';
import { keepUnchangedFiles } from '#src/lib/build/keep-unchanged.ts';
import type { CheckResult } from './check-worker.ts';
import { exitAfterOutput, fail, printFailure, printProblems, warn } from './cli-output.ts';
import { removeFolder, removeKilledBuilds, removeTemporaryFiles, OLD_SITE_PREFIX, STAGING_PREFIX } from './build-cleanup.ts';
import { clearAstroEnvironment, PAGE_CACHE_DIR, patchAstro } from '../integrations/build-steps.ts';
import { BUILD_ENTRY_ENV } from '../integrations/build-entry.ts';
import { publishRecord, publishRedirects, recordPublishedUrls } from './redirects-output.ts';
import { projectOptions } from './project.ts';
import { DeployKindError, deployKind } from '#src/lib/urls/deploy-kind.ts';
import { PUBLISHED_RECORD } from '#src/lib/urls/published-urls.ts';
import { deployRecord, liveRecordAddress, LiveRecordSettingError } from '#src/lib/urls/live-record.ts';

process.env['ASTRO_TELEMETRY_DISABLED'] = '1';
process.env['NODE_ENV'] = 'production';
clearAstroEnvironment();

// projectOptions() ends the build first, in one line each, on an environment variable set to a
// value it cannot take, so the envValue() reads below cannot throw.
const options = projectOptions();

/** The kind of build or the live record's address, or the build ends in that one line. */
function setting<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof DeployKindError || error instanceof LiveRecordSettingError)) throw error;
    return fail(`${error.message}. Nothing was built.`);
  }
}

/**
 * Only a production deploy (BLOG_DEPLOY=production, which the deploy workflow
 * sets for a push to main) records the URLs it published: a local, dev or
 * preview build never does, so deleting the sample posts after a first local
 * build is not taken for taking a live page down. Every build checks against a
 * record a production deploy left in the cache (src/lib/urls/deploy-kind.ts).
 */
const kind = setting(() => deployKind(process.env, process.argv.slice(2)));
const liveRecord = kind === 'production' ? setting(() => liveRecordAddress(process.env, options.site.url, options.base)) : null;
const outDir = path.join(options.root, envValue('OUT_DIR') ?? 'dist');
const logLevel = envValue('ASTRO_LOG_LEVEL') as 'info' | undefined;
const staging = path.join(options.root, `${STAGING_PREFIX}${process.pid}`);
const unchanged = existsSync(outDir) ? `${path.relative(options.root, outDir)}/ is unchanged.` : 'nothing was written.';

/**
 * Ends a failed build: the staging folder and this build's temporary cache
 * files are removed (synchronously, so no other step of the build runs
 * meanwhile), then one message says why (a full disk, for example, as
 * post problems are: no stack lines).
 */
function endBuild(failed: string, error: unknown): never {
  try {
    removeFolder(staging);
    removeTemporaryFiles(options.cacheDir, process.pid);
  } catch (cleanup) {
    console.error(`(${path.relative(options.root, staging)} could not be removed: ${(cleanup as Error).message})`);
  }
  printFailure(failed, error, {
    root: options.root,
    unchanged: unchanged.replace(/^nothing/, 'Nothing'),
    consequence: `The site was not built; ${unchanged}`,
    again: 'build again',
  });
  process.exit(1);
}
// A step that fails outside the awaited chain (a write started by an integration) ends the build the same way.
process.on('uncaughtException', (error) => endBuild('The build failed', error));
process.on('unhandledRejection', (error) => endBuild('The build failed', error));

// Old sites left by builds whose clean-up did not finish: deleted while this one builds.
const leftovers = readdir(options.root)
  .then((names) => names.filter((name) => name.startsWith(OLD_SITE_PREFIX)))
  .then((names) => Promise.all(names.map((name) => rm(path.join(options.root, name), { recursive: true, force: true }))))
  .then(() => removeKilledBuilds(options.root, options.cacheDir))
  .catch(() => undefined);

// A production deploy checks against what the last one published: the cache's record and the
// live site's (src/lib/urls/live-record.ts), put together in the cache for the check to read.
if (kind === 'production') {
  try {
    const { urls, notes } = await deployRecord(options.cacheDir, liveRecord);
    for (const note of notes) warn(note);
    if (urls) await recordPublishedUrls(options.cacheDir, urls);
  } catch (error) {
    endBuild('The record of published URLs could not be kept', error);
  }
}

// sharp's native library must be loaded by the main thread before a worker
// loads it, or glibc unloads it when the worker ends (sharp's docs, "Worker threads").
await import('sharp');
// Posts are checked on a worker while Astro loads here, so the check's time hides behind Astro's start.
const checked = new Promise<CheckResult>((resolve, reject) => {
  const worker = new Worker(new URL('./check-worker.ts', import.meta.url), { workerData: options });
  worker.once('message', resolve);
  worker.once('error', reject);
  worker.once('exit', (code) => reject(new Error(`the post check stopped before it finished (exit code ${code})`)));
});
const loading = import('astro');
loading.catch(() => undefined); // awaited below, once the posts passed

const { problems, damage, redirects, publishedUrls } = await checked.catch((error: unknown) =>
  endBuild('The posts could not be checked', error),
);
for (const [kind, count] of Object.entries(damage)) noteDamage(kind, count);
if (problems.length > 0) {
  printProblems(problems, `The site was not built; ${unchanged}`);
  await exitAfterOutput(1);
}

const { build } = await loading;
// The posts passed: Astro may build (integrations/build-entry.ts stops an `astro build` without this).
process.env[BUILD_ENTRY_ENV] = 'npm run build';
const skipped = await patchAstro();
if (skipped.length > 0)
  console.warn(`(Astro's internals have changed: built without ${skipped.join(' and ')}; see integrations/astro-internals/README.md)`);
try {
  await build({ root: options.root, outDir: staging, logLevel: logLevel ?? 'info' });
} catch (error) {
  endBuild('The build failed', error);
}

// Old addresses are part of the site: written into it before it goes live.
let collisions: ReturnType<typeof publishRedirects> = [];
try {
  collisions = publishRedirects(staging, redirects, options);
} catch (error) {
  endBuild('The build failed', error);
}
// The record travels with the site too: the next production build fetches it when the cache lost it.
if (kind === 'production') {
  try {
    publishRecord(staging, publishedUrls);
  } catch (error) {
    endBuild('The build failed', error);
  }
}
if (collisions.length > 0) {
  removeFolder(staging);
  printProblems(collisions, `The site was not built; ${unchanged}`);
  await exitAfterOutput(1);
}

// Files written again with the bytes they had stay the published files, so a deploy that syncs
// by modification time uploads what changed and nothing else (src/lib/build/keep-unchanged.ts).
if (existsSync(outDir)) {
  try {
    keepUnchangedFiles(staging, outDir, { copiesIn: path.join(options.cacheDir, PAGE_CACHE_DIR) });
  } catch (error) {
    endBuild('The build failed', error);
  }
}

// The swap is two renames: the new site is complete before it is dist/.
const previous = path.join(options.root, `${OLD_SITE_PREFIX}${process.pid}-${Date.now()}`);
if (existsSync(outDir)) await rename(outDir, previous);
await rename(staging, outDir).catch(async (error: unknown) => {
  if (existsSync(previous)) await rename(previous, outDir); // dist/ as it was
  throw error;
});
const damaged = damageSummary();
if (damaged) warn(damaged);
console.log(`✓ Site written to ${path.relative(process.cwd(), outDir) || '.'}/`);
// Only now, and only for a production deploy: the URLs are live, and the next build must keep them (or say why not).
if (kind === 'production')
  await recordPublishedUrls(options.cacheDir, publishedUrls).catch((error: unknown) =>
    warn(
      `The cache's record of published URLs could not be written (${(error as Error).message}); the next deploy checks against the live site's copy (dist/${PUBLISHED_RECORD}).`,
    ),
  );
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
