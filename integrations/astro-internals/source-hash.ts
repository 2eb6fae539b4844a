/**
 * Digests of Astro's functions, so a patch that replaces one can tell the
 * exact code it was written against from a release that changed it.
 */
import { createHash } from 'node:crypto';

/** A short digest of a function's source. */
export function sourceHash(fn: (...args: never[]) => unknown): string {
  return createHash('sha256').update(fn.toString()).digest('hex').slice(0, 16);
}

/** What differs between the recorded and the installed digests of some methods, or null. */
export function changedMethods(owner: string, methods: Record<string, unknown>, expected: Record<string, string>): string | null {
  const changed = Object.keys(expected)
    .map((name) => ({ name, now: typeof methods[name] === 'function' ? sourceHash(methods[name] as () => unknown) : 'missing' }))
    .filter(({ name, now }) => now !== expected[name]);
  if (changed.length === 0) return null;
  const digests = changed.map(({ name, now }) => `${name} ${now}`).join(', ');
  return `${owner}: ${changed.map(({ name }) => name).join(', ')} ${changed.length === 1 ? 'is' : 'are'} not the code the patch was written against (now: ${digests})`;
}
