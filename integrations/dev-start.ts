/** What lets `npm run dev` answer its first page sooner. */
import type { AstroIntegration } from 'astro';
import { markPageServed } from '#src/lib/content/dev-first-page.ts';

/**
 * The pages an editor opens first (README: "open /blog/<slug>/"), whose modules
 * Vite transforms as soon as the server listens. Vite's warm-up takes globs:
 * `[slug]` is tried as a pattern and, matching nothing else, as the folder's name.
 */
export const WARM_PAGES = ['./src/pages/blog/[slug]/index.astro', './src/pages/index.astro'];

/**
 * Vite loads a page's modules for the server one import at a time: each is
 * transformed only when the one importing it runs, so the first request waits
 * on a chain of transforms with the CPU often idle. With `preTransformRequests`
 * (Vite's default for the browser, off for servers) a transformed module's
 * imports are transformed at once, side by side; the warm-up starts that for
 * the pages above before any request, so the first article comes sooner
 * (BENCHMARKS.md, "The dev server's first page"). Only transforms are started
 * early, never a module's code, so nothing runs that a request would not run.
 *
 * And the first HTML response is signalled (src/lib/content/dev-first-page.ts),
 * so work that can wait starts after it.
 */
export function devStart(): AstroIntegration {
  return {
    name: 'dev-start',
    hooks: {
      'astro:config:setup': ({ command, updateConfig }) => {
        if (command !== 'dev') return;
        updateConfig({ vite: { environments: { ssr: { dev: { preTransformRequests: true, warmup: WARM_PAGES } } } } });
      },
      'astro:server:setup': ({ server }) => {
        let served = false;
        server.middlewares.use((_request, response, next) => {
          // Until the first page is out; later requests pass untouched.
          if (!served)
            response.once('finish', () => {
              if (!String(response.getHeader('content-type') ?? '').startsWith('text/html')) return;
              served = true;
              markPageServed();
            });
          next();
        });
      },
    },
  };
}
