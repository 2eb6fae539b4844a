/**
 * Fresh module state for a unit test of code that loads content (the loaders keep what they
 * loaded for the rest of the build): modules reset, the build context told whether it plays the
 * dev server, and the `astro:content` stand-in's entries back to the fixtures. Import the module
 * under test after calling it, so it shares the new stand-in.
 */
import { vi } from 'vitest';

export async function freshContent({ includeUnpublished = false } = {}) {
  vi.resetModules();
  const build = (await import('virtual:blog/build-context')).default;
  build.includeUnpublished = includeUnpublished;
  const content = await import('./astro-content.ts');
  content.resetEntries();
  return { build, content };
}
