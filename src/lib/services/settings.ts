/**
 * The opt-in third-party services of `services` in src/site.config.ts. All are
 * off by default; each one turned on adds exactly its hosts to the CSP
 * (csp-sources.ts). Checked by tools/check/services-check.ts.
 */
export type Analytics =
  /** Plausible: `domain` as registered there; `scriptUrl` for a self-hosted or proxied script. */
  | { provider: 'plausible'; domain: string; scriptUrl?: string }
  /** Umami: the website id (a UUID); `hostUrl` when events go elsewhere than the script's host. */
  | { provider: 'umami'; websiteId: string; scriptUrl?: string; hostUrl?: string }
  /** GoatCounter: `endpoint` is your count URL, "https://CODE.goatcounter.com/count". */
  | { provider: 'goatcounter'; endpoint: string; scriptUrl?: string }
  /** Google Analytics 4: the measurement id, "G-…"; `scriptUrl` for a first-party (server-side) tag. */
  | { provider: 'ga4'; measurementId: string; scriptUrl?: string };

/** giscus (GitHub Discussions); the four ids come from https://giscus.app's configuration form. */
export interface GiscusComments {
  provider: 'giscus';
  /** "owner/name" of a public repository with Discussions and the giscus app. */
  repo: string;
  repoId: string;
  category: string;
  categoryId: string;
  /** How a page finds its discussion. Default: 'pathname'. */
  mapping?: 'pathname' | 'url' | 'title' | 'og:title';
  /** Reactions on the post. Default: true. */
  reactions?: boolean;
  /** A self-hosted giscus's client.js. */
  scriptUrl?: string;
}

/** A sign-up form posting to the provider (Buttondown, Kit, Mailchimp or any form endpoint). */
export interface Newsletter {
  /** The provider's form URL, e.g. "https://buttondown.com/api/emails/embed-subscribe/NAME". */
  action: string;
  /** The name the provider expects for the address. Default: 'email' (Kit: 'email_address', Mailchimp: 'EMAIL'). */
  emailField?: string;
  /** Fields the provider's form carries as hidden inputs (a list id, a tag). */
  hiddenFields?: Record<string, string>;
  /** The form's heading. Default: 'Get new posts by email'. */
  title?: string;
  /** One sentence under the heading. */
  text?: string;
}

export interface Services {
  analytics?: Analytics;
  comments?: GiscusComments;
  newsletter?: Newsletter;
}

export const ANALYTICS_PROVIDERS = ['plausible', 'umami', 'goatcounter', 'ga4'] as const;
export const COMMENT_PROVIDERS = ['giscus'] as const;
export const GISCUS_MAPPINGS = ['pathname', 'url', 'title', 'og:title'] as const;

/** Where each service's script comes from unless `scriptUrl` says otherwise. */
export const DEFAULT_SCRIPT_URLS = {
  plausible: 'https://plausible.io/js/script.js',
  umami: 'https://cloud.umami.is/script.js',
  goatcounter: 'https://gc.zgo.at/count.js',
  ga4: 'https://www.googletagmanager.com/gtag/js',
  giscus: 'https://giscus.app/client.js',
} as const;

export function analyticsScriptUrl(analytics: Analytics): string {
  const url = analytics.scriptUrl ?? DEFAULT_SCRIPT_URLS[analytics.provider];
  return analytics.provider === 'ga4' ? `${url}?id=${encodeURIComponent(analytics.measurementId)}` : url;
}

export const giscusScriptUrl = (comments: GiscusComments) => comments.scriptUrl ?? DEFAULT_SCRIPT_URLS.giscus;
