/**
 * `npm run check`: validates every post without building pages or images and
 * reports every problem in every file at once. `--astro` also type-checks the
 * project with `astro check`.
 */
import { spawnSync } from 'node:child_process';
import { checkPosts } from '../src/lib/validate.ts';
import { printProblems } from './cli-output.ts';
import { projectOptions } from './project.ts';

const started = performance.now();
const { posts, problems } = await checkPosts(projectOptions());
const seconds = ((performance.now() - started) / 1000).toFixed(2);
if (problems.length > 0) {
  printProblems(problems, 'Fix them and run `npm run check` again.');
  process.exit(1);
}
console.log(`✓ ${posts.length} posts checked in ${seconds}s: no problems.`);
if (process.argv.includes('--astro')) {
  const result = spawnSync('astro', ['check'], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
