import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

type Packages = Record<string, { optionalDependencies?: Record<string, string> }>;

/** Whether `name` is locked where Node would find it from the package at `where`: beside it, or in a node_modules above. */
function locked(packages: Packages, where: string, name: string): boolean {
  for (let folder = where; ;) {
    if (packages[`${folder ? `${folder}/` : ''}node_modules/${name}`]) return true;
    const cut = folder.lastIndexOf('node_modules/');
    if (cut < 0) return false;
    folder = folder.slice(0, cut).replace(/\/$/, '');
  }
}

describe('package-lock.json', () => {
  // npm ci refuses a lock file that lacks another platform's optional package
  // (npm 11 leaves them out of a lock file it writes on some paths); a plain
  // `npm install` puts them back.
  it("lists every platform's optional packages, so npm ci works on any machine", () => {
    const { packages } = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Packages };
    const missing = Object.entries(packages).flatMap(([where, entry]) =>
      Object.keys(entry.optionalDependencies ?? {})
        .filter((name) => !locked(packages, where, name))
        .map((name) => `${where || 'the project'} → ${name}`),
    );
    expect(missing).toEqual([]);
  });
});
