import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { writeFillerPosts, writeFixtureImages, writeFixtureSettings, writeScheduledPost } from './helpers/fixture-site.ts';
import { makeProjectCopy, PROJECT_ROOT, runScript } from './helpers/project-copy.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    fixtureRoot: string;
    /** What the first build of the fixture printed (caches empty). */
    fixtureBuildLog: string;
    /** What the second, unchanged build of the fixture printed (caches warm). */
    fixtureRebuildLog: string;
  }
}

/** Builds the fixture site once for every test file that reads its output. */
export default async function setup(project: TestProject) {
  const root = await makeProjectCopy({ contentDir: path.join(PROJECT_ROOT, 'tests/fixtures/site/content/blog'), name: 'site' });
  await writeFixtureImages(root);
  await writeFixtureSettings(root);
  await writeFillerPosts(path.join(root, 'src/content/blog'));
  await writeScheduledPost(path.join(root, 'src/content/blog'));
  const result = runScript(root, 'build');
  if (result.status !== 0) throw new Error(`Fixture build failed:\n${result.stdout}\n${result.stderr}`);
  // Built again unchanged, so tests can show that nothing cached is made twice.
  const rebuild = runScript(root, 'build');
  if (rebuild.status !== 0) throw new Error(`Fixture rebuild failed:\n${rebuild.stdout}\n${rebuild.stderr}`);
  project.provide('fixtureRoot', root);
  project.provide('fixtureBuildLog', `${result.stdout}\n${result.stderr}`);
  project.provide('fixtureRebuildLog', `${rebuild.stdout}\n${rebuild.stderr}`);
  return async () => {
    if (!process.env['KEEP_FIXTURES']) await rm(root, { recursive: true, force: true });
  };
}
