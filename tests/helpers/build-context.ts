/**
 * Stands in for `virtual:blog/build-context` in unit tests (vitest.config.ts aliases it here):
 * one mutable object, so a test can say whether it plays a build or the dev server.
 */
import type { BuildContext } from '../../src/lib/build/build-context.ts';

const context: BuildContext = {
  root: process.cwd(),
  publicDir: `${process.cwd()}/public`,
  cacheDir: `${process.cwd()}/.cache`,
  includeUnpublished: false,
};
export default context;
