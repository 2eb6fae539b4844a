import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

/**
 * The project runs on one Node major, pinned as the `node` devDependency so
 * every `npm run` uses it whatever the machine's own Node is. The other places
 * that name a Node version must name the same one, or CI, a deploy or a
 * contributor's nvm would build on a Node nothing else tests.
 */
const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

const pkg = JSON.parse(read('package.json')) as {
  devDependencies: { node: string; '@types/node': string };
  engines: { node: string };
};
const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { version?: string }> };

/** The major of a version or of a simple range (`24`, `^24.21.0`, `>=24.0.0`, `v24.21.0`). */
function major(version: string): number {
  const match = /^\s*(?:\^|~|>=|v)?(\d+)(?:\.\d+){0,2}\s*$/.exec(version);
  if (!match) throw new Error(`not a version this test reads: ${JSON.stringify(version)}`);
  return Number(match[1]);
}

const pinned = major(pkg.devDependencies.node);

describe('the Node version', () => {
  it('is one major in the pin, the lock file and the types', () => {
    expect(pinned).toBeGreaterThanOrEqual(24);
    expect(major(lock.packages['node_modules/node']?.version ?? 'missing')).toBe(pinned);
    expect(major(pkg.devDependencies['@types/node'])).toBe(pinned);
  });

  it('.nvmrc names the pinned major', () => {
    expect(major(read('.nvmrc'))).toBe(pinned);
  });

  it('engines start at the pinned major, claiming no older Node that nothing tests', () => {
    const floors = pkg.engines.node.split('||').map((alternative) => major(alternative));
    expect(Math.min(...floors)).toBe(pinned);
  });

  it('the deploy workflow sets up the pinned major', () => {
    const workflow = load(read('.github/workflows/deploy.yml')) as {
      jobs: Record<string, { steps?: { uses?: string; with?: Record<string, unknown> }[] }>;
    };
    const setups = Object.values(workflow.jobs)
      .flatMap((job) => job.steps ?? [])
      .filter((step) => step.uses?.startsWith('actions/setup-node@'));
    expect(setups.length).toBeGreaterThan(0);
    for (const step of setups) expect(major(String(step.with?.['node-version']))).toBe(pinned);
  });

  it("README's host settings (Netlify, Cloudflare NODE_VERSION) and workflow note name the pinned major", () => {
    const readme = read('README.md');
    const named = [...readme.matchAll(/NODE_VERSION\W+(?:to\W+)?(\d+)/g), ...readme.matchAll(/workflow runs Node (\d+)/g)].map((match) =>
      Number(match[1]),
    );
    expect(named.length).toBeGreaterThanOrEqual(3);
    expect(new Set(named)).toEqual(new Set([pinned]));
  });

  it('npm test runs on the pinned Node (node_modules/.bin/node comes first on npm scripts’ PATH)', () => {
    expect(major(process.version)).toBe(pinned);
  });
});
