import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cspHeader } from '#src/lib/seo/csp.ts';
import { IFRAME_HOSTS } from '#src/lib/markdown/sanitize-schema.ts';

const headers = readFileSync(path.resolve(import.meta.dirname, '../../public/_headers'), 'utf8');

describe('public/_headers', () => {
  it('sends the same Content-Security-Policy the pages carry, plus frame-ancestors', () => {
    const line = /^\s+Content-Security-Policy: (.+)$/m.exec(headers)?.[1];
    expect(line).toBe(cspHeader());
    expect(line).toContain("frame-ancestors 'none'");
    expect(line).not.toMatch(/'unsafe-eval'|script-src[^;]*'unsafe-inline'/);
  });

  it('sends the usual security headers for every path', () => {
    for (const header of [
      'X-Content-Type-Options: nosniff',
      'Referrer-Policy:',
      'Permissions-Policy:',
      'Strict-Transport-Security:',
      'X-Frame-Options: DENY',
    ])
      expect(headers).toContain(header);
  });

  it('lets every video host the sanitiser keeps load in a frame', () => {
    for (const host of IFRAME_HOSTS) expect(cspHeader()).toContain(new URL(host).origin);
  });
});
