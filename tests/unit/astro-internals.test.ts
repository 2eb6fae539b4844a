import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ASTRO_DIST } from '../../integrations/astro-internals/astro-files.ts';
import { ASSUMPTIONS, brokenAssumptions } from '../../integrations/astro-internals/assumptions.ts';
import { clearAstroEnvironment } from '../../integrations/astro-internals/environment.ts';

let modules: string | undefined;
afterAll(() => {
  if (modules) rmSync(path.dirname(modules), { recursive: true, force: true });
});

/**
 * The installed Astro's dist/ with one file edited, as another package in a
 * temporary node_modules/ that links to the project's packages (for the
 * copy's own imports). The edited file is a copy; every other entry links to
 * the original, so other Astro modules load once, from their real paths.
 */
function astroWithEdit(file: string, from: string, to: string): string {
  if (!modules) {
    modules = path.join(mkdtempSync(path.join(tmpdir(), 'astro-internals-')), 'node_modules');
    mkdirSync(modules);
    for (const name of readdirSync('node_modules'))
      if (name !== 'astro') symlinkSync(path.resolve('node_modules', name), path.join(modules, name));
  }
  const original = fileURLToPath(ASTRO_DIST);
  const dist = path.join(mkdtempSync(path.join(modules, 'astro-edited-')), 'dist');
  // Every folder on the way to the edited file is made; every other entry is a link.
  const parts = file.split('/');
  for (let depth = 0; depth < parts.length; depth++) {
    const here = parts.slice(0, depth).join('/');
    mkdirSync(path.join(dist, here), { recursive: true });
    for (const entry of readdirSync(path.join(original, here)))
      if (entry !== parts[depth]) symlinkSync(path.join(original, here, entry), path.join(dist, here, entry));
  }
  const source = readFileSync(path.join(original, file), 'utf8');
  // An edit that matched nothing would test the installed Astro again.
  expect(source, `${file} no longer contains the text this test edits`).toContain(from);
  writeFileSync(path.join(dist, file), source.replace(from, to));
  return dist;
}

/**
 * The check in plain Node, as `npm run build` loads Astro: Vitest would
 * transform a copy outside the project's node_modules and change the source
 * of its functions.
 */
function verify(dists: string[] = []): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, ['integrations/astro-internals/verify.ts', ...dists], { encoding: 'utf8' });
  return { status: result.status, output: result.stdout + result.stderr };
}

describe('Astro internals', () => {
  it('every assumption holds in the installed Astro', async () => {
    expect(await brokenAssumptions()).toEqual([]);
    expect(verify()).toEqual({ status: 0, output: "✓ Astro's internals are as integrations/astro-internals/ expects\n" });
  });

  // Each edit is what an Astro release could plausibly do; each must be named.
  const upgrades: { change: string; file: string; from: string; to: string; broken: RegExp }[] = [
    {
      change: 'cached pages kept elsewhere',
      file: 'core/build/incremental.js',
      from: 'const INCREMENTAL_OUTPUT_DIR = "dist/";',
      to: 'const INCREMENTAL_OUTPUT_DIR = "pages/";',
      broken: /^Page cache checked: core\/build\/incremental\.js: cached pages or the manifest are kept somewhere else/,
    },
    {
      change: 'a missing cached page no longer rendered',
      file: 'core/build/incremental.js',
      from: 'if (!fs.existsSync(cachedOutputFile)) return false;',
      to: 'if (!fs.existsSync(cachedOutputFile)) throw new Error("missing");',
      broken: /^Page cache checked: .*a missing cached page is no longer rendered again/,
    },
    {
      change: 'metaStore renamed',
      file: 'content/mutable-data-store.js',
      from: 'metaStore(collectionName = ":meta") {',
      to: 'metadataStore(collectionName = ":meta") {',
      broken: /^Unchanged store metadata: .*metaStore is gone/,
    },
    {
      change: 'the data-store module renamed',
      file: 'content/consts.js',
      from: 'const DATA_STORE_VIRTUAL_ID = "astro:data-layer-content";',
      to: 'const DATA_STORE_VIRTUAL_ID = "astro:content-data-store";',
      broken: /^Content store read from its file: content\/consts\.js: the id is now/,
    },
    {
      change: 'the store no longer inlined with JSON.parse',
      file: 'content/vite-plugin-content-virtual-mod.js',
      from: 'code: `export default JSON.parse(${JSON.stringify(jsonData)})`',
      to: 'code: `export default ${jsonData}`',
      broken: /^Content store read from its file: .*no longer inlined/,
    },
    {
      change: 'the content-data marker renamed',
      file: 'core/build/incremental-metadata.js',
      from: 'kind: "content-data"',
      to: 'kind: "content"',
      broken: /^Content store read from its file: .*content-data marker has changed/,
    },
    {
      change: 'the store kept in another folder',
      file: 'content/paths.js',
      from: 'return new URL(DATA_STORE_FILE, isDev ? settings.dotAstroDir : settings.config.cacheDir);',
      to: 'return new URL(`content/${DATA_STORE_FILE}`, isDev ? settings.dotAstroDir : settings.config.cacheDir);',
      broken: /^Content store read from its file: .*the store is now at .*cache\/content\/data-store\.json/,
    },
    {
      change: 'a store from another config no longer cleared',
      file: 'content/content-layer.js',
      from: 'this.#store.clearAll();',
      to: 'this.#store.metaStore().set("cleared", true);',
      broken: /^Dev store seeded from the build: .*no longer cleared/,
    },
    {
      change: 'vite.define left out of the config hash',
      file: 'core/build/config-hash/input.js',
      from: 'define: config.vite.define,',
      to: '',
      broken: /^Content cache dropped with the rendering code: .*vite\.define is no longer hashed/,
    },
    {
      change: 'variables matched as whole words',
      file: 'env/vite-plugin-import-meta-env.js',
      from: 'if (source.includes(key)) {',
      to: 'if (new RegExp(`\\\\b${key}\\\\b`).test(source)) {',
      broken: /^Environment variables dropped: .*no longer matched by substring/,
    },
    {
      change: 'BASE_URL from the environment ignored',
      file: 'env/env-loader.js',
      from: 'for (const key in fullEnv) {',
      to: 'for (const key in fullEnv) {\n    if (key === "BASE_URL") continue;',
      broken: /^Environment variables dropped: .*only SITE, .* still pass/,
    },
  ];

  it('names the broken assumption for each of those upgrades', () => {
    const dists = upgrades.map(({ file, from, to }) => astroWithEdit(file, from, to));
    const { status, output } = verify(dists);
    expect(status, output).toBe(1);
    const lines = output.split('\n');
    upgrades.forEach(({ change, broken }, i) => {
      const reported = lines
        .filter((line) => line.startsWith(`${pathToFileURL(dists[i]!).pathname}/  `))
        .map((line) => line.split('  ').slice(1).join('  '));
      expect(
        reported.some((problem) => broken.test(problem)),
        `${change}:\n${reported.join('\n')}`,
      ).toBe(true);
    });
  });

  it('has an assumption for every workaround named in the README', () => {
    const readme = readFileSync('integrations/astro-internals/README.md', 'utf8');
    const sections = [...readme.matchAll(/^## (.+)$/gm)].map((match) => match[1]);
    expect(new Set(ASSUMPTIONS.map((assumption) => assumption.workaround))).toEqual(new Set(sections));
  });

  it('drops the launcher variable and the names Astro reserves before Astro starts', () => {
    const env: NodeJS.ProcessEnv = { _: '/usr/bin/npm', BASE_URL: '/elsewhere/', SITE: 'https://x.test', PATH: '/usr/bin' };
    clearAstroEnvironment(env);
    expect(env).toEqual({ PATH: '/usr/bin' });
  });
});
