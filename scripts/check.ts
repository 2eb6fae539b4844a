/**
 * `npm run check`: validates every post without building pages or images and
 * reports every problem in every file at once. `--astro` then type-checks the
 * project with `astro check`.
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkProfiles } from '#tools/check/profiles-check.ts';
import { settingsProblems } from '#tools/check/settings-check.ts';
import { checkPosts } from '#tools/check/check-posts.ts';
import { exitAfterOutput, printFailure, printProblems, printWarnings } from './cli-output.ts';
import { projectOptions } from './project.ts';

const options = projectOptions();
const started = performance.now();
const withAstro = process.argv.includes('--astro');
const command = `npm run ${withAstro ? 'check' : 'check:posts'}`;
/** A fault of the machine (a full disk writing the image record, say): one line, no stack trace. */
const failed = (error: unknown): never => {
  printFailure('The check failed', error, {
    root: options.root,
    unchanged: 'No post was changed',
    consequence: '',
    again: `run \`${command}\` again`,
  });
  process.exit(1);
};
const { posts, problems, stats } = await checkPosts(options).catch(failed);
problems.unshift(...(await settingsProblems(options.site, options)));
const profiles = await checkProfiles(options, posts, options.site.defaultAuthor).catch(failed);
problems.push(...profiles.problems);
printWarnings(profiles.warnings);
// What the run did, for tests and for seeing what the caches spared: counts, not timings.
if (process.argv.includes('--stats'))
  console.log(
    `stats: ${stats.filesRead} files read, ${stats.bodiesParsed} bodies parsed, ${stats.imagesDecoded + profiles.imagesDecoded} images decoded`,
  );
const seconds = ((performance.now() - started) / 1000).toFixed(2);
if (problems.length > 0) {
  printProblems(problems, `Fix them and run \`${command}\` again.`);
  if (withAstro) console.error('(The TypeScript check, astro check, runs once the posts are fixed.)');
  await exitAfterOutput(1);
}
console.log(`✓ ${posts.length} posts checked in ${seconds}s: no problems.`);
if (!withAstro) process.exit(0);

/**
 * `astro check` first syncs the content layer, which renders every post
 * (tens of seconds for a thousand posts on a cold cache). The types it needs
 * only change with the collection config, so the sync is skipped while the
 * generated types are newer than that config.
 */
function typesAreCurrent(): boolean {
  const mtime = (file: string) => statSync(path.join(options.root, file), { throwIfNoEntry: false })?.mtimeMs;
  const generated = Math.min(mtime('.astro/types.d.ts') ?? 0, mtime('.astro/content.d.ts') ?? 0);
  return ['src/content.config.ts', 'astro.config.ts', 'package.json'].every((file) => (mtime(file) ?? Infinity) < generated);
}

const astro = fileURLToPath(import.meta.resolve('astro/package.json')).replace(/package\.json$/, 'bin/astro.mjs');
const args = ['check', ...(typesAreCurrent() ? ['--noSync'] : [])];
console.log(`Type-checking with astro ${args.join(' ')} …`);
const result = spawnSync(process.execPath, [astro, ...args], { stdio: 'inherit', cwd: options.root });
process.exit(result.status ?? 1);
