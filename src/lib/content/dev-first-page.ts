/**
 * Dev only: the moment the dev server has answered its first page. Work that
 * can wait (warming the Markdown renderer for the first saved post) waits for
 * it, so it does not share the start-up's CPU with that page. Signalled by
 * integrations/dev-start.ts; never in builds, where nothing waits for it.
 */
import { buildRegistry } from '#src/lib/build/registries.ts';

const firstPage = buildRegistry('dev-first-page', () => Promise.withResolvers<void>());

/** Resolves once the dev server has sent its first HTML page. */
export const firstPageServed = (): Promise<void> => firstPage().promise;

/** Called when an HTML response has been sent; only the first call does anything. */
export const markPageServed = (): void => firstPage().resolve();
