import type { ServerResponse } from 'node:http';
import type { AstroIntegrationLogger } from 'astro';
import { findSystemFault, systemFaultLine } from '#src/lib/build/system-errors.ts';

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
    options.logger.error(`✗ ${line}`);
    options.res.statusCode = 500;
    options.res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    options.res.end(`${line}\n`);
  };
}
