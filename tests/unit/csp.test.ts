import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cspHeader, cspMeta } from '#src/lib/seo/csp.ts';
import { VIDEO_FRAME_ORIGINS } from '#src/lib/markdown/video-url.ts';
import { parseCsp } from '../helpers/csp.ts';

const headers = readFileSync(path.resolve(import.meta.dirname, '../../public/_headers'), 'utf8');

describe('public/_headers', () => {
  it('sends the same Content-Security-Policy the pages carry, plus frame-ancestors', () => {
    const line = /^\s+Content-Security-Policy: (.+)$/m.exec(headers)?.[1];
    expect(line).toBe(cspHeader());
    expect(line).toContain("frame-ancestors 'none'");
    expect(line).not.toMatch(/'unsafe-eval'|script-src[^;]*'unsafe-inline'/);
  });

  it("gives pages' <meta> the header's policy, less frame-ancestors, which a <meta> cannot carry", () => {
    expect(cspMeta()).not.toContain('frame-ancestors');
    expect(`${cspMeta()}; frame-ancestors 'none'`).toBe(cspHeader());
    const extra = { 'script-src': ['https://stats.example.com'], 'connect-src': ['https://stats.example.com'] };
    expect(`${cspMeta(extra)}; frame-ancestors 'none'`).toBe(cspHeader(extra));
    expect(cspMeta(extra)).toContain("script-src 'self' 'wasm-unsafe-eval' https://stats.example.com 'sha256-");
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

  it("fetches a post's http:// images and embeds over https rather than in clear or not at all", () => {
    expect(cspHeader().split('; ')).toContain('upgrade-insecure-requests');
    expect(headers).toMatch(/Content-Security-Policy: [^\n]*; upgrade-insecure-requests;/);
  });

  it('turns off the device and payment features with a Permissions-Policy browsers read without warnings', () => {
    const line = /^\s+Permissions-Policy: (.+)$/m.exec(headers)?.[1] ?? '';
    // A structured-field dictionary: "feature=()" members, each feature once.
    const members = line.split(/,\s*/);
    for (const member of members) expect(member).toMatch(/^[a-z][a-z-]*=\(\)$/);
    const features = members.map((member) => member.slice(0, member.indexOf('=')));
    expect(new Set(features).size).toBe(features.length);
    expect(features).toEqual(expect.arrayContaining(['camera', 'microphone', 'geolocation', 'payment', 'usb']));
    // Retired features are a console error on every page in Chromium: FLoC's interest-cohort, the Topics API's browsing-topics.
    expect(features).not.toContain('interest-cohort');
    expect(features).not.toContain('browsing-topics');
  });

  it("forbids style attributes and allows the inline stylesheets, in every browser that knows the directives, services' hosts included", () => {
    const policy = parseCsp(cspHeader());
    expect([...policy.get('style-src-attr')!]).toEqual(["'none'"]);
    expect([...policy.get('style-src-elem')!]).toEqual(["'self'", "'unsafe-inline'"]);
    // Only for browsers that read no CSP Level 3 style directive: they would drop the inline <style> elements otherwise.
    expect([...policy.get('style-src')!]).toEqual(["'self'", "'unsafe-inline'"]);
    // A stylesheet host (giscus's) goes where each kind of browser looks for it, never to style attributes.
    const withHost = parseCsp(cspMeta({ 'style-src': ['https://giscus.app'] }));
    expect(withHost.get('style-src')).toContain('https://giscus.app');
    expect(withHost.get('style-src-elem')).toContain('https://giscus.app');
    expect([...withHost.get('style-src-attr')!]).toEqual(["'none'"]);
  });

  it('lets exactly the players a clicked video facade loads in a frame, no other host', () => {
    expect([...parseCsp(cspHeader()).get('frame-src')!]).toEqual([...VIDEO_FRAME_ORIGINS]);
    expect([...parseCsp(cspMeta()).get('frame-src')!]).toEqual([...VIDEO_FRAME_ORIGINS]);
  });
});
