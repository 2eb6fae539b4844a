import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { lineValue } from '#src/lib/urls/safe-paths.ts';

const CSP_LINE = /^(\s+Content-Security-Policy:).*$/m;

/**
 * Writes the site's Content-Security-Policy (src/lib/seo/csp.ts, with the hosts of
 * the services turned on) into dist/_headers, the copy of public/_headers that
 * hosts read, so the header and the pages' <meta> always allow the same hosts.
 * public/_headers keeps the other headers and the default policy.
 */
export function headersFile(options: { csp: string }): AstroIntegration {
  return {
    name: 'headers-file',
    hooks: {
      'astro:build:done': async ({ dir }) => {
        const file = path.join(fileURLToPath(dir), '_headers');
        const text = await readFile(file, 'utf8').catch(() => {
          throw new Error(
            'public/_headers is missing; restore it from git: it carries the security headers of Netlify and Cloudflare Pages',
          );
        });
        if (!CSP_LINE.test(text))
          throw new Error('public/_headers has no "  Content-Security-Policy: …" line under "/*"; restore it from git');
        // A new file renamed over the copy: the copy may be a link to public/_headers, which stays as it is.
        const temporary = `${file}.${process.pid}.tmp`;
        // The policy carries hosts from the settings: one with a line break would add a header of its own.
        const policy = lineValue(options.csp, 'the Content-Security-Policy for dist/_headers');
        await writeFile(temporary, text.replace(CSP_LINE, `$1 ${policy}`));
        await rename(temporary, file);
      },
    },
  };
}
