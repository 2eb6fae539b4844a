/** The dev server's own routes for files made on demand (image variants, social cards), and how they fail. */
import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import type { AstroIntegrationLogger } from 'astro';
import type { ViteDevServer } from 'vite';
import { findSystemFault, systemFaultLine } from '#src/lib/build/system-errors.ts';
import { terminalSafe } from '#src/lib/build/terminal-safe.ts';

/**
 * How the dev server's own routes (image variants, social cards) end when the
 * machine fails them: the same one line `npm run build` prints (a full disk,
 * no permission, …), in the terminal and as the response, instead of Vite's
 * stack trace. Other errors go on to Vite's error page (`next`).
 */
export function devFailure(options: {
  root: string;
  url: string;
  logger: AstroIntegrationLogger;
  res: ServerResponse;
  next: (error: unknown) => void;
}) {
  return (error: unknown): void => {
    const fault = findSystemFault(error);
    if (!fault) return options.next(error);
    const line = systemFaultLine({
      failed: `The dev server could not make ${options.url}`,
      fault,
      root: options.root,
      consequence: 'Your posts are unchanged',
      again: 'reload the page',
    });
    // The path in it may be a post's file name.
    options.logger.error(`✗ ${terminalSafe(line)}`);
    options.res.statusCode = 500;
    options.res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    options.res.end(`${line}\n`);
  };
}

/**
 * Serves `/<route>/<name>` from `cacheDir` once `make(name)` has made it, for
 * names the pages registered (`known`); any other path goes on to Vite.
 */
export function serveMadeOnDemand(
  server: ViteDevServer,
  options: {
    route: string;
    cacheDir: string;
    root: string;
    logger: AstroIntegrationLogger;
    contentType: string;
    known: (name: string) => boolean;
    make: (name: string) => Promise<unknown>;
  },
): void {
  server.middlewares.use(`/${options.route}/`, (req, res, next) => {
    const name = decodeURIComponent((req.url ?? '').split('?')[0]!.replace(/^\//, ''));
    if (!options.known(name)) return next();
    options.make(name).then(
      () => {
        res.setHeader('Content-Type', options.contentType);
        createReadStream(path.join(options.cacheDir, name)).pipe(res);
      },
      devFailure({ root: options.root, url: `/${options.route}/${name}`, logger: options.logger, res, next }),
    );
  });
}
