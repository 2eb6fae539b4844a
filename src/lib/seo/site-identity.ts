/** The site as JSON-LD names it: publisher, Organization, WebSite. */
import { SITE } from '#src/site.config.ts';
import { siteLogoImage } from '#src/lib/images/site-logo.ts';
import type { SiteIdentity } from './structured-data.ts';
import { urls } from '#src/lib/urls/urls.ts';

/** The site as JSON-LD names it (publisher, Organization, WebSite), with absolute URLs on `site`. */
export function siteIdentity(site: URL | undefined): SiteIdentity & { description: string; language: string } {
  const logo = siteLogoImage();
  return {
    name: SITE.title,
    url: new URL(urls.home(), site).href,
    logo: { url: new URL(logo.url, site).href, width: logo.width, height: logo.height },
    description: SITE.description,
    language: SITE.language,
  };
}
