/**
 * Reaching Astro's own files: none of the classes and constants the
 * workarounds rely on is among Astro's exports, so each is read or imported by
 * its path under `astro/dist/`. Every check takes that folder as an argument,
 * so a test can point it at an edited copy.
 */
import { readFileSync } from 'node:fs';

/** The installed Astro's `dist/` folder. */
export const ASTRO_DIST = new URL('dist/', import.meta.resolve('astro/package.json'));

export function readAstroFile(dist: URL, file: string): string {
  return readFileSync(new URL(file, dist), 'utf8');
}

export async function importAstroFile<T>(dist: URL, file: string): Promise<T> {
  return (await import(new URL(file, dist).href)) as T;
}
