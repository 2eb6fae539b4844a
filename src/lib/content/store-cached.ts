/** Collections loaded once per build, and once per content change in the dev server. */
import { statSync } from 'node:fs';

declare const __BLOG_BUILD__: { devStore?: string };

/** The dev store file's identity: Astro rewrites it (a new file, renamed over the old) after every saved edit. */
function storeVersion(file: string): string {
  try {
    const stat = statSync(file);
    return `${stat.ino}:${stat.mtimeMs}:${stat.size}`;
  } catch {
    return 'none';
  }
}

/**
 * `make()` once: for the whole build, or in the dev server until its content
 * store changes. Reloading on every call instead made the dev server build
 * every post's model once per post for an article's getStaticPaths, minutes
 * for 1,000 posts (BENCHMARKS.md "The dev server").
 */
export function storeCached<T>(make: () => Promise<T>): () => Promise<T> {
  let cached: Promise<T> | undefined;
  let version = '';
  return () => {
    const file = __BLOG_BUILD__.devStore;
    if (file !== undefined) {
      const now = storeVersion(file);
      if (now !== version) cached = undefined;
      version = now;
    }
    return (cached ??= make());
  };
}
