/** The hosts each opt-in service adds to the Content-Security-Policy, and nothing else. */
import type { CspAdditions } from '#src/lib/seo/csp.ts';
import { DEFAULT_SCRIPT_URLS, giscusScriptUrl, type Analytics, type Services } from './settings.ts';

const origin = (url: string) => new URL(url).origin;

/**
 * Google's documented policy for Google Analytics 4 (Tag Platform, "Use a Content Security
 * Policy", developers.google.com/tag-platform/security/guides/csp): hits go to the regional
 * google-analytics.com and analytics.google.com collectors (region1., region2., … chosen by
 * Google at run time, so those stay wildcards). For `script-src` that page lists
 * `https://*.googletagmanager.com`, but a gtag.js page loads script from one host only: the one
 * its snippet names, `https://www.googletagmanager.com/gtag/js`, the host the same page gives for
 * Tag Manager's own scripts. Its other subdomains serve nothing gtag.js runs, so allowing them
 * only widens what an injected <script> could load. A path (`/gtag/`) would be narrower still but
 * is not in Google's guidance: gtag.js loads further bundles for linked destinations, at paths
 * Google does not document, so the host is the narrowest source that keeps working. A
 * `scriptUrl` of the owner's (a first-party tag gateway) replaces it with its own origin.
 */
const GA4_SOURCES = {
  'img-src': ['https://*.google-analytics.com', 'https://*.googletagmanager.com'],
  'connect-src': ['https://*.google-analytics.com', 'https://*.analytics.google.com', 'https://*.googletagmanager.com'],
};

function analyticsSources(analytics: Analytics): CspAdditions {
  const script = origin(analytics.scriptUrl ?? DEFAULT_SCRIPT_URLS[analytics.provider]);
  switch (analytics.provider) {
    // Plausible's script sends its events to the host it came from.
    case 'plausible':
      return { 'script-src': [script], 'connect-src': [script] };
    case 'umami':
      return { 'script-src': [script], 'connect-src': [analytics.hostUrl ? origin(analytics.hostUrl) : script] };
    // count.js sends with sendBeacon, or an image where the browser has none.
    case 'goatcounter':
      return { 'script-src': [script], 'connect-src': [origin(analytics.endpoint)], 'img-src': [origin(analytics.endpoint)] };
    case 'ga4': {
      const own = new URL(script).hostname.endsWith('.googletagmanager.com') ? [] : [script];
      return { 'script-src': [script], 'img-src': GA4_SOURCES['img-src'], 'connect-src': [...GA4_SOURCES['connect-src'], ...own] };
    }
  }
}

/** Each turned-on service's hosts, by directive: what it needs and nothing more. */
export function serviceCspSources(services: Services): CspAdditions {
  const parts: CspAdditions[] = [];
  if (services.analytics) parts.push(analyticsSources(services.analytics));
  if (services.comments) {
    // client.js adds giscus's stylesheet and the discussion's frame, both from its own host.
    const giscus = origin(giscusScriptUrl(services.comments));
    parts.push({ 'script-src': [giscus], 'style-src': [giscus], 'frame-src': [giscus] });
  }
  if (services.newsletter) parts.push({ 'form-action': [origin(services.newsletter.action)] });
  const merged: CspAdditions = {};
  for (const part of parts)
    for (const [directive, sources] of Object.entries(part) as Array<[keyof CspAdditions, string[]]>)
      merged[directive] = [...new Set([...(merged[directive] ?? []), ...sources])];
  return merged;
}
