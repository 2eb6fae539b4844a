/**
 * `npm run init`'s flags and the checks of each answer (site name, URL, description, language,
 * time zone, author): pure functions, so the same rules serve flags, the prompts and the tests.
 */
import { parseArgs } from 'node:util';
import { closest } from 'fastest-levenshtein';
import { slugify } from '#src/lib/content/slug.ts';
import { ogLocale } from '#src/lib/seo/social-meta.ts';

/** The settings `npm run init` asks for, by their key in src/site.config.ts. */
export interface SiteAnswers {
  title: string;
  url: string;
  description: string;
  language: string;
  timeZone: string;
  defaultAuthor: string;
  logo: string;
}

export type AnswerKey = keyof SiteAnswers;

/** Each answer's flag, its question and an example, in the order they are asked. */
export const QUESTIONS: ReadonlyArray<{ key: AnswerKey; flag: string; question: string; example: string }> = [
  { key: 'title', flag: 'name', question: "The site's name", example: 'My Field Notes' },
  { key: 'url', flag: 'url', question: 'Its address (the origin it is served from)', example: 'https://notes.example.org' },
  { key: 'description', flag: 'description', question: 'One sentence about it', example: 'Notes on what I build and read.' },
  { key: 'language', flag: 'language', question: 'Its language (BCP 47 tag)', example: 'en-GB' },
  { key: 'timeZone', flag: 'time-zone', question: 'Its time zone (IANA name)', example: 'Europe/London' },
  { key: 'defaultAuthor', flag: 'author', question: 'The default author', example: 'Ana Lima' },
  { key: 'logo', flag: 'logo', question: 'The logo (a file in public/, or a path to copy in)', example: 'favicon.svg' },
];

/** A checked value, or what is wrong with it and what to give instead (the caller names the flag). */
export type Checked = { value: string } | { problem: string };

export const USAGE = `Usage: npm run init -- [options]

Asks for each value not given as a flag (in a terminal), then makes the site yours: writes the
settings into src/site.config.ts, removes the sample posts, profiles and images, clears the caches,
and writes a welcome post.

Options:
  --name "My Blog"               the site's name (its <title>, feeds, JSON-LD)
  --url https://blog.example.com the address the site is served from (no path: use BASE_PATH for a sub-folder)
  --description "One sentence"   shown in search results and feeds
  --language en-GB               a BCP 47 language tag
  --time-zone Europe/London      the IANA time zone post dates are read and shown in
  --author "Ana Lima"            the default author of posts
  --logo logo.png                an image in public/, or a path to one to copy into public/
  --yes                          do not ask: take the flags, keep current settings for the rest
  --remove-all                   also remove posts and files in src/content/ that are not the unchanged samples`;

export interface InitFlags {
  answers: Partial<SiteAnswers>;
  yes: boolean;
  removeAll: boolean;
  help: boolean;
}

/** Reads the command line; an unknown flag or a missing value throws with one line saying which. */
export function parseInitArgs(argv: string[]): InitFlags {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      ...Object.fromEntries(QUESTIONS.map(({ flag }) => [flag, { type: 'string' as const }])),
      yes: { type: 'boolean', short: 'y' },
      'remove-all': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (positionals.length > 0)
    throw new Error(`"${positionals[0]}" is not an option; give every value with its flag, e.g. --name "${positionals.join(' ')}"`);
  const answers: Partial<SiteAnswers> = {};
  for (const { key, flag } of QUESTIONS) {
    const value: unknown = (values as Record<string, unknown>)[flag];
    if (typeof value === 'string') answers[key] = value;
  }
  return { answers, yes: values.yes === true, removeAll: values['remove-all'] === true, help: values.help === true };
}

/** Line breaks, control characters and lone surrogates: nothing a one-line setting may hold. */
const UNPRINTABLE = /[\p{Cc}\p{Cs}\u2028\u2029]/u;

function checkText(raw: string, what: string, example: string): Checked {
  const value = raw.trim();
  if (value === '') return { problem: `is empty; give ${what}, e.g. "${example}"` };
  if (UNPRINTABLE.test(value)) return { problem: `holds a line break or a control character; give ${what} on one line, e.g. "${example}"` };
  return { value };
}

/** The site's address: an http(s) origin; a trailing slash is dropped, a path is refused (that is BASE_PATH's job). */
export function checkUrl(raw: string): Checked {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    const guess = /^[\w.-]+\.[a-z]{2,}(?::\d+)?\/?$/i.test(text) ? `https://${text.replace(/\/$/, '')}` : 'https://blog.example.com';
    return { problem: `is not a whole web address; give it with https://, e.g. ${guess}` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { problem: `is a ${url.protocol} address; give the https:// address the site is served from, e.g. https://blog.example.com` };
  if (url.hostname === '') return { problem: 'has no host name; give it like https://blog.example.com' };
  const origin = `${url.protocol}//${url.host}`;
  if (url.username || url.password) return { problem: `holds a user name or password; give the public address alone, e.g. ${origin}` };
  if (url.search || url.hash) return { problem: `has a query or a fragment; give the origin alone, e.g. ${origin}` };
  if (url.pathname !== '/')
    return {
      problem: `has a path (${url.pathname}); give the origin alone, ${origin}, and build with BASE_PATH=${url.pathname.replace(/\/?$/, '/')} to serve the site from that folder`,
    };
  return { value: origin };
}

/** A BCP 47 tag Intl knows, in its canonical case, that gives an og:locale (a language with a territory). */
export function checkLanguage(raw: string): Checked {
  const text = raw.trim();
  const example = 'en, en-GB or pt-BR';
  let tag: string;
  try {
    [tag = ''] = Intl.getCanonicalLocales(text);
  } catch {
    const hint = /^[a-z]{2,3}_[a-z]{2}$/i.test(text) ? `${text.replace('_', '-')}` : example;
    return { problem: `is not a BCP 47 language tag; write it like ${hint}` };
  }
  if (tag === '' || Intl.DateTimeFormat.supportedLocalesOf(tag).length === 0 || new Intl.Locale(tag).language === 'und')
    return { problem: `is not a language this machine knows; write a BCP 47 tag, e.g. ${example}` };
  if (ogLocale(tag) === null)
    return { problem: 'gives no country for og:locale; add a two-letter country code, e.g. es-MX rather than es-419' };
  return { value: tag };
}

const zones = Intl.supportedValuesOf('timeZone');
const zonesByLowerCase = new Map(zones.map((zone) => [zone.toLowerCase(), zone]));

/** The zone Intl takes `name` for, or null when it is none. */
function resolvedZone(name: string): string | null {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/**
 * An IANA time zone, as the IANA database spells it. Intl lists ICU's names, some of them the
 * old ones (Asia/Calcutta for Asia/Kolkata), so a name Intl takes is kept as written, with its
 * case put right; abbreviations (EST, CET) and offsets (+02:00) are refused: they ignore
 * daylight saving time, and EST is Panama's zone to Intl.
 */
export function checkTimeZone(raw: string): Checked {
  const text = raw.trim();
  if (/^(?:etc\/)?utc$/i.test(text)) return { value: 'UTC' };
  if (/^[A-Za-z][\w+-]*(?:\/[\w+-]+)+$/.test(text)) {
    const resolved = resolvedZone(text);
    if (resolved !== null) {
      const listed = zonesByLowerCase.get(text.toLowerCase());
      if (listed) return { value: listed };
      if (/^[A-Z]/.test(text) && text.split('/').every((part) => /^[A-Z0-9+-]/.test(part))) return { value: text };
      // Typed in the wrong case: each word capitalised, as IANA names are, if that is the same zone.
      const capitalised = text
        .toLowerCase()
        .replace(/(^|[/_-])([a-z])/g, (_, before: string, letter: string) => before + letter.toUpperCase());
      return { value: resolvedZone(capitalised) === resolved ? capitalised : resolved };
    }
  }
  const nearest = text.includes('/') ? closest(text, zones) : null;
  return {
    problem: nearest
      ? `is not an IANA time zone; did you mean ${nearest}?`
      : 'is not an IANA time zone; write the place, e.g. America/New_York, Europe/Berlin or UTC (not an abbreviation or an offset)',
  };
}

/** The answers that are plain text, by key. */
export function checkAnswer(key: Exclude<AnswerKey, 'logo'>, raw: string): Checked {
  switch (key) {
    case 'url':
      return checkUrl(raw);
    case 'language':
      return checkLanguage(raw);
    case 'timeZone':
      return checkTimeZone(raw);
    case 'title':
      return checkText(raw, "the site's name", 'My Field Notes');
    case 'description':
      return checkText(raw, 'one sentence about the site', 'Notes on what I build and read.');
    case 'defaultAuthor': {
      const checked = checkText(raw, "the author's name", 'Ana Lima');
      if ('value' in checked && slugify(checked.value) === '')
        return { problem: 'has no letters or digits, so it gives no author page; write a name, e.g. "Ana Lima"' };
      return checked;
    }
  }
}

/** `--url "x" is not …`: one line naming the flag and the value given. */
export function flagProblem(key: AnswerKey, raw: string, problem: string): string {
  const flag = QUESTIONS.find((question) => question.key === key)!.flag;
  return `--${flag} ${JSON.stringify(raw)} ${problem}`;
}
