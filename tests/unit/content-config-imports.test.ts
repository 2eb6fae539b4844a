import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/**
 * The dev server loads src/content.config.ts before every content sync in a
 * module runner that loads one import at a time, so what the config imports
 * delays the first page: the blog loader keeps the Markdown pipeline and the
 * render workers out until it has bodies to render. Loaded here with Node's own
 * loader; tests/helpers/imports-of.ts stands in for Astro's virtual `astro:content`.
 */
function importsOf(module: string): string[] {
  const run = spawnSync(process.execPath, ['--no-warnings', 'tests/helpers/imports-of.ts', module], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as string[];
}

describe('the content config', () => {
  const imports = importsOf('src/content.config.ts');

  it('loads the blog loader and schemas', () => {
    for (const file of ['/src/lib/content/posts-loader.ts', '/src/lib/content/post-schema.ts'])
      expect(imports.some((url) => url.endsWith(file))).toBe(true);
  });

  it('takes defineCollection from astro:content, as Astro documents it', () => {
    expect(imports).toContain('astro:content');
  });

  it.each([
    ["Astro's server renderer", /\/astro\/dist\/runtime\/server\/index\.js$/],
    ['the Markdown pipeline', /\/src\/lib\/markdown\/pipeline\.ts$/],
    ['the render worker pool', /\/src\/lib\/markdown\/render-pool\.ts$/],
    ['the image registry', /\/src\/lib\/images\/images\.ts$/],
  ])('does not load %s', (_name, file) => {
    expect(imports.filter((url) => file.test(url))).toEqual([]);
  });
});
