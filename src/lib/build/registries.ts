/**
 * State one build shares between copies of a module. Astro bundles pages,
 * Markdown plugins and its patched page cache separately from astro.config
 * and the integrations, so one module can be loaded twice in one process and
 * state kept in module scope would be two states. Every such registry lives on
 * globalThis under a `Symbol.for` key made here; this list is all of them.
 */
type RegistryName =
  /** Image variants pages asked for, which the build hook encodes (images/images.ts). */
  | 'image-registry'
  /** Variants made so far and the encoding time, for the build's figures (images/images.ts). */
  | 'image-stats'
  /** Variants being encoded right now, so no file is made twice at once (images/images.ts). */
  | 'image-inflight'
  /** Social cards pages planned, which the build hook draws (seo/social-card.ts). */
  | 'social-cards'
  /** Told of each card a page plans, so a build can draw it while other pages render (seo/social-card.ts). */
  | 'social-card-listener'
  /** Pages kept out of the sitemap, and when posts last changed (seo/sitemap-registry.ts). */
  | 'sitemap-registry'
  /** Damaged cache entries found and made again, for the build's log (build/cache-integrity.ts). */
  | 'cache-damage'
  /** One checked cache folder per folder (build/cache-integrity.ts). */
  | 'verified-folders'
  /** Saves that must run before Astro records copyable pages (build/cache-integrity.ts). */
  | 'page-cache-dependents'
  /** One scan of the written site per output folder (integrations/output-scan.ts). */
  | 'output-scan'
  /** Resolves when the dev server has answered its first page (content/dev-first-page.ts). */
  | 'dev-first-page';

/** The globalThis key of the registry `name`, for code that cannot import this module (a generated module). */
export const registryKey = (name: RegistryName): string => `astro-blog.${name}`;

/** The registry `name`, made by `create` on first use and shared by every module copy after. */
export function buildRegistry<T>(name: RegistryName, create: () => T): () => T {
  const key = Symbol.for(registryKey(name));
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  return () => (store[key] ??= create());
}
