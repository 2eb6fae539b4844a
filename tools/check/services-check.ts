/** Mistakes in the opt-in services settings, each on its line. */
import { ANALYTICS_PROVIDERS, COMMENT_PROVIDERS, GISCUS_MAPPINGS } from '#src/lib/services/settings.ts';

/** One mistake in `services`: the field's path ("services.analytics.domain"), the line it is on, what is wrong and how to fix it. */
export interface ServiceProblem {
  field: string;
  line: number;
  message: string;
}

type LineOf = (value: string | null, key?: string) => number;
type Entry = Record<string, unknown>;

const isRecord = (value: unknown): value is Entry => typeof value === 'object' && value !== null && !Array.isArray(value);

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOSTNAME = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const GA4_ID = /^G-[A-Z0-9]{4,}$/;
const GITHUB_REPO = /^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/;
const FORM_FIELD = /^[A-Za-z_][\w.[\]-]*$/;

/**
 * Mistakes in the opt-in services of src/site.config.ts, each on its line, so
 * that a build stops before a page carries a tag that cannot work or a CSP
 * host that is not a web address.
 */
export function servicesProblems(services: unknown, lineOf: LineOf): ServiceProblem[] {
  const problems: ServiceProblem[] = [];
  if (services === undefined) return problems;
  if (!isRecord(services)) return [{ field: 'services', line: lineOf(null, 'services'), message: 'must be an object, e.g. services: {}' }];

  /** Checks one field of a service; `section` is the service's key in `services`. */
  const field = (section: string, entry: Entry, key: string, check: Check) => {
    const value = entry[key];
    const path = `services.${section}.${key}`;
    // A missing field is reported on its service's line: the provider's, or the service's key.
    const missingLine = () => (typeof entry['provider'] === 'string' ? lineOf(entry['provider'], 'provider') : lineOf(null, section));
    if (value === undefined) {
      if (check.required) problems.push({ field: path, line: missingLine(), message: `is missing; ${check.hint}` });
      return;
    }
    const wrong = check.test(value);
    if (wrong) problems.push({ field: path, line: typeof value === 'string' ? lineOf(value, key) : lineOf(null, key), message: wrong });
  };

  for (const key of Object.keys(services))
    if (!['analytics', 'comments', 'newsletter'].includes(key))
      problems.push({
        field: `services.${key}`,
        line: lineOf(null, key),
        message: 'is not a known service; use analytics, comments or newsletter',
      });

  const { analytics, comments, newsletter } = services;
  if (analytics !== undefined) {
    if (!isRecord(analytics) || !ANALYTICS_PROVIDERS.includes(analytics['provider'] as never)) {
      const provider = isRecord(analytics) ? String(analytics['provider']) : String(analytics);
      problems.push({
        field: 'services.analytics.provider',
        line: lineOf(provider, 'provider'),
        message: `"${provider}" is not an analytics provider this site has; use one of ${ANALYTICS_PROVIDERS.map((p) => `'${p}'`).join(', ')}`,
      });
    } else {
      const on = (key: string, check: Check) => field('analytics', analytics, key, check);
      on('scriptUrl', url('the script'));
      switch (analytics['provider']) {
        case 'plausible':
          on('domain', {
            required: true,
            hint: 'name the site as registered in Plausible, e.g. domain: "blog.example.com"',
            test: (value) =>
              typeof value === 'string' && HOSTNAME.test(value)
                ? undefined
                : `"${String(value)}" is not a domain; write it as Plausible lists it, without https:// or a path, e.g. "blog.example.com"`,
          });
          break;
        case 'umami':
          on('websiteId', {
            required: true,
            hint: "copy the website id from Umami's tracking code (data-website-id)",
            test: (value) =>
              typeof value === 'string' && UUID.test(value)
                ? undefined
                : `"${String(value)}" is not an Umami website id; copy the UUID of data-website-id from Umami's tracking code`,
          });
          on('hostUrl', url('the Umami server events are sent to'));
          break;
        case 'goatcounter':
          on('endpoint', {
            required: true,
            hint: 'write your count URL, e.g. endpoint: "https://mycode.goatcounter.com/count"',
            test: (value) =>
              typeof value === 'string' && isHttpsUrl(value) && new URL(value).pathname.endsWith('/count')
                ? undefined
                : `"${String(value)}" is not a GoatCounter count URL; write it as "https://<code>.goatcounter.com/count"`,
          });
          break;
        case 'ga4':
          on('measurementId', {
            required: true,
            hint: 'copy the measurement id ("G-…") from the data stream in Google Analytics',
            test: (value) =>
              typeof value === 'string' && GA4_ID.test(value)
                ? undefined
                : `"${String(value)}" is not a GA4 measurement id; copy the "G-…" id of the web data stream`,
          });
          break;
      }
    }
  }

  if (comments !== undefined) {
    if (!isRecord(comments) || !COMMENT_PROVIDERS.includes(comments['provider'] as never)) {
      const provider = isRecord(comments) ? String(comments['provider']) : String(comments);
      problems.push({
        field: 'services.comments.provider',
        line: lineOf(provider, 'provider'),
        message: `"${provider}" is not a comments provider this site has; use 'giscus'`,
      });
    } else {
      const on = (key: string, check: Check) => field('comments', comments, key, check);
      const fromGiscus = (what: string, pattern: RegExp, example: string): Check => ({
        required: true,
        hint: `copy ${what} from the configuration at giscus.app, e.g. "${example}"`,
        test: (value) =>
          typeof value === 'string' && pattern.test(value)
            ? undefined
            : `"${String(value)}" is not ${what}; copy it from the configuration at giscus.app (it looks like "${example}")`,
      });
      on('repo', {
        required: true,
        hint: 'name the public repository whose Discussions hold the comments, e.g. repo: "owner/blog"',
        test: (value) =>
          typeof value === 'string' && GITHUB_REPO.test(value)
            ? undefined
            : `"${String(value)}" is not a GitHub repository; write it as "owner/name"`,
      });
      on('repoId', fromGiscus('a repository id', /^R_\w+$/, 'R_kgDOExample'));
      on('category', fromGiscus('a Discussions category name', /\S/, 'Announcements'));
      on('categoryId', fromGiscus('a category id', /^DIC_\w+$/, 'DIC_kwDOExample'));
      on('mapping', {
        hint: '',
        test: (value) =>
          GISCUS_MAPPINGS.includes(value as never)
            ? undefined
            : `"${String(value)}" is not a giscus mapping; use one of ${GISCUS_MAPPINGS.map((m) => `'${m}'`).join(', ')}`,
      });
      on('reactions', { hint: '', test: (value) => (typeof value === 'boolean' ? undefined : `must be true or false`) });
      on('scriptUrl', url("giscus's client.js"));
    }
  }

  if (newsletter !== undefined) {
    if (!isRecord(newsletter)) {
      problems.push({
        field: 'services.newsletter',
        line: lineOf(null, 'newsletter'),
        message: 'must be an object with the form URL, e.g. { action: "https://…" }',
      });
    } else {
      const on = (key: string, check: Check) => field('newsletter', newsletter, key, check);
      on('action', {
        ...url("the provider's form"),
        required: true,
        hint: 'write the provider\'s form URL, e.g. action: "https://buttondown.com/api/emails/embed-subscribe/NAME"',
      });
      on('emailField', {
        hint: '',
        test: (value) =>
          typeof value === 'string' && FORM_FIELD.test(value)
            ? undefined
            : `"${String(value)}" is not a form field name; use the provider's, e.g. "email", "email_address" or "EMAIL"`,
      });
      const hidden = newsletter['hiddenFields'];
      if (hidden !== undefined && (!isRecord(hidden) || Object.values(hidden).some((value) => typeof value !== 'string')))
        problems.push({
          field: 'services.newsletter.hiddenFields',
          line: lineOf(null, 'hiddenFields'),
          message: 'must map field names to text, e.g. { tag: "blog" }',
        });
      for (const key of ['title', 'text'])
        on(key, { hint: '', test: (value) => (typeof value === 'string' && value.trim() ? undefined : 'must be a sentence of text') });
    }
  }
  return problems;
}

interface Check {
  required?: boolean;
  /** How to fill a missing field. */
  hint: string;
  /** What is wrong with the value, or undefined when it is fine. */
  test: (value: unknown) => string | undefined;
}

/** A whole https:// address: the browser loads it, and the CSP names its host. */
function url(what: string): Check {
  return {
    hint: `write the address of ${what}, starting with https://`,
    test: (value) =>
      typeof value === 'string' && isHttpsUrl(value)
        ? undefined
        : `"${String(value)}" is not an https:// address; write the whole address of ${what}, starting with https://`,
  };
}
