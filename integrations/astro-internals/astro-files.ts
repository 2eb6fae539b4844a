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
  return (await import(/* @vite-ignore */ new URL(file, dist).href)) as T;
}

/**
 * Imports the file with Node's own loader, whatever runs the caller: code in
 * astro.config.ts runs in Vite's module runner, which evaluates Astro's files
 * again as modules of its own, so a class patched there is not the one the
 * Astro CLI uses. The import sits in a string, which Vite does not rewrite.
 */
const nodeImport = new Function('url', 'return import(url)') as (url: string) => Promise<unknown>;

export async function importAstroFileInNode<T>(dist: URL, file: string): Promise<T> {
  return (await nodeImport(new URL(file, dist).href)) as T;
}
