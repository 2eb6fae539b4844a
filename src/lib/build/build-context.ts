/**
 * What the build tells the pages it renders: the project's folders and whether unpublished posts
 * show. One typed value, served to pages as the virtual module `virtual:blog/build-context`
 * (integrations/build-context.ts; declared in src/virtual-modules.d.ts), as Starlight hands
 * its config to pages. Test fixtures and benchmark corpora build from other folders than the
 * cwd, so pages resolve files against these rather than `process.cwd()`.
 */
import { fileURLToPath } from 'node:url';
import type { ProjectPaths } from '#src/lib/urls/site-paths.ts';

export const BUILD_CONTEXT_MODULE = 'virtual:blog/build-context';

export interface BuildContext extends ProjectPaths {
  /**
   * Drafts and scheduled posts are shown: true in the dev server only. NODE_ENV is no guide
   * (test runners set it to "test").
   */
  includeUnpublished: boolean;
}

/** The context of a build or dev server with Astro's resolved `config`, started by `command`. */
export function buildContextFor(config: { root: URL; publicDir: URL; cacheDir: URL }, command: string): BuildContext {
  return {
    root: fileURLToPath(config.root),
    publicDir: fileURLToPath(config.publicDir),
    cacheDir: fileURLToPath(config.cacheDir),
    includeUnpublished: command === 'dev',
  };
}
