/** Collections loaded once per build, and once per content store in the dev server. */
import build from 'virtual:blog/build-context';

/**
 * `make()` once: for the whole build, or in the dev server while `token()`
 * gives the same value, that is while Astro serves the same content
 * (src/lib/content/store-token.ts). Reloading on every call instead made the
 * dev server build every post's model once per post for an article's
 * getStaticPaths: minutes for 1,000 posts (BENCHMARKS.md "The dev server").
 */
export function storeCached<T>(make: () => Promise<T>, token: () => Promise<unknown>): () => Promise<T> {
  let cached: Promise<T> | undefined;
  let seen: unknown;
  return async () => {
    // Only the dev server shows unpublished posts, and only it changes content while it runs.
    if (build.includeUnpublished) {
      const now = await token();
      if (now !== seen) cached = undefined;
      seen = now;
    }
    return (cached ??= make());
  };
}
