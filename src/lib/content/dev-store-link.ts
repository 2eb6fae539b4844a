/**
 * What the dev server's content store shares with the pages and the posts
 * loader, dev only: the store's contents as a page is to see them, and a call
 * that shows the browser a change the loader has just stored. Filled by
 * integrations/astro-internals/dev-store-memory.ts; empty in builds, and on an
 * Astro whose internals differ, where pages read the store's file and a change
 * shows once Astro has written it (seconds later at 1,000 posts).
 */
import { buildRegistry, registryKey } from '#src/lib/build/registries.ts';

export type Collections = Map<string, Map<string, unknown>>;

export interface DevStoreLink {
  /** A copy of the store's collections, made when Astro's data-layer module is evaluated. */
  snapshot?: () => Collections;
  /** Shows the store as it is now: pages read it again and the browser reloads. */
  showChanges?: () => void;
}

export const devStoreLink = buildRegistry('dev-content-store', (): DevStoreLink => ({}));

/** For the generated data-layer module (integrations/astro-internals/content-store.ts), which reads the registry itself. */
export const DEV_STORE_LINK_KEY = registryKey('dev-content-store');

/** After the posts loader has stored a saved post: the browser shows it without waiting for the store's file. */
export function showStoreChanges(): void {
  devStoreLink().showChanges?.();
}
