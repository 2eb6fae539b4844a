/** The record of post URLs the site has published, so none silently disappears. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathKey } from './redirects.ts';

/**
 * The record of post URLs the site has published, so a renamed or deleted
 * post can never drop a URL readers have linked to without anyone noticing.
 *
 * Only a production deploy writes it (BLOG_DEPLOY=production, which the deploy
 * workflow sets: src/lib/urls/deploy-kind.ts): a URL is "published" when a
 * deploy put it on the live site, never because a local, dev or preview build
 * made the page. The deploy writes it in two places: the cache folder (which the
 * deploy workflow keeps between runs, and which local builds read too), and the
 * site itself, as `/published-urls.json`, which the next production build
 * fetches when the cache has lost its copy (scripts/published-record.ts).
 */
export const PUBLISHED_RECORD = 'published-urls.json';

/** Site path (no base path) -> the post file it was published from. */
export type PublishedUrls = Record<string, string>;

/**
 * Version 2 is a record written by a production deploy. Version 1 was written
 * by every successful build, a local `npm run build` of the sample site too, so
 * it says nothing about what readers have seen: it is not trusted (it would stop
 * the first build after a new owner deletes the sample posts), and the next
 * production build replaces it.
 */
export const RECORD_VERSION = 2;

interface RecordFile {
  version: typeof RECORD_VERSION;
  deploy: 'production';
  urls: PublishedUrls;
}

/** What a record's text turned out to be. */
export type RecordReading =
  { state: 'missing' } | { state: 'damaged' } | { state: 'older'; version: unknown } | { state: 'recorded'; urls: PublishedUrls };

/**
 * A record's text, read as strictly as it is written: a URL is a site path
 * ("/blog/x/") and a file a project path; anything else makes it damaged, as
 * a record cut short by a full disk, or a page the live site serves instead.
 */
export function parsePublishedRecord(text: string): RecordReading {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { state: 'damaged' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { state: 'damaged' };
  const record = parsed as Partial<Record<keyof RecordFile, unknown>>;
  if (record.version !== RECORD_VERSION) return 'version' in record ? { state: 'older', version: record.version } : { state: 'damaged' };
  const urls = record.urls;
  if (record.deploy !== 'production' || typeof urls !== 'object' || urls === null || Array.isArray(urls)) return { state: 'damaged' };
  const entries = Object.entries(urls as Record<string, unknown>);
  if (!entries.every(([url, file]) => url.startsWith('/') && typeof file === 'string' && file.length > 0)) return { state: 'damaged' };
  return { state: 'recorded', urls: Object.fromEntries(entries) as PublishedUrls };
}

/** The record in the cache folder, as parsePublishedRecord reads it ("missing" when there is no file). */
export function readPublishedRecord(cacheDir: string): RecordReading {
  let text: string;
  try {
    text = readFileSync(path.join(cacheDir, PUBLISHED_RECORD), 'utf8');
  } catch {
    return { state: 'missing' };
  }
  return parsePublishedRecord(text);
}

/**
 * The URLs the last production deploy published, or null when there is no
 * trusted record: none yet (a first deploy, a fresh cache, only local builds
 * so far), a damaged one, or one from an older version. Every build, local
 * ones too, checks against it when there is one; scripts/build.ts says in the
 * log when a production build has none.
 */
export function readPublishedUrls(cacheDir: string): PublishedUrls | null {
  const reading = readPublishedRecord(cacheDir);
  return reading.state === 'recorded' ? reading.urls : null;
}

/** The record's text, as a production build writes it after the site is in place. */
export function serialisePublishedUrls(urls: PublishedUrls): string {
  const sorted = Object.fromEntries(Object.entries(urls).sort(([a], [b]) => a.localeCompare(b)));
  return `${JSON.stringify({ version: RECORD_VERSION, deploy: 'production', urls: sorted } satisfies RecordFile, null, 2)}\n`;
}

/** A post as this check sees it: where it is now, and whether the build publishes it. */
export interface CurrentPost {
  file: string;
  url: string;
  slug: string;
  published: boolean;
  draft: boolean;
  lines: { slug: number; draft: number; pubDate: number };
}

export interface LostUrl {
  file: string;
  line: number;
  field: string;
  message: string;
}

const keep = (url: string) => `add redirectFrom: ["${url}"]`;
const orRemove = (url: string) => `or, if it is gone on purpose, list "${url}" in removedUrls in src/site.config.ts`;

/**
 * Every URL the last build published that this build would drop: not a post
 * any more, not covered by a redirect, not listed as removed on purpose.
 * `covered` says whether a site path is kept alive by a redirect or the list.
 */
export function lostUrls(previous: PublishedUrls, current: readonly CurrentPost[], covered: (key: string) => boolean): LostUrl[] {
  const live = new Set(current.filter((post) => post.published).map((post) => pathKey(post.url)));
  const byFile = new Map(current.map((post) => [post.file, post]));
  const lost: LostUrl[] = [];
  for (const [url, file] of Object.entries(previous)) {
    const key = pathKey(url);
    if (live.has(key) || covered(key)) continue;
    const now = byFile.get(file);
    if (now && now.published) {
      const old = url.replace(/^\/blog\/|\/$/g, '');
      lost.push({
        file,
        line: now.lines.slug,
        field: 'slug',
        message: `was "${old}" (published at ${url}); ${keep(url)} to this post to keep old links working, ${orRemove(url)}`,
      });
    } else if (now) {
      lost.push({
        file,
        line: now.draft ? now.lines.draft : now.lines.pubDate,
        field: now.draft ? 'draft' : 'pubDate',
        message: `${now.draft ? 'makes the post a draft' : 'dates the post in the future'}, but it was published at ${url}; readers' links to it would break: publish it again, ${orRemove(url)}`,
      });
    } else {
      lost.push({
        file,
        line: 1,
        field: 'file',
        message: `is gone (renamed or deleted), but it was published at ${url}; ${keep(url)} to the post that replaces it, ${orRemove(url)}`,
      });
    }
  }
  return lost;
}

/**
 * What the build records after it succeeds: every URL it published, and every
 * earlier one still kept alive by a redirect (so dropping that redirect later
 * is caught too). URLs removed on purpose leave the record.
 */
export function nextPublishedUrls(
  previous: PublishedUrls | null,
  current: readonly CurrentPost[],
  redirected: (key: string) => boolean,
): PublishedUrls {
  const next: PublishedUrls = {};
  for (const [url, file] of Object.entries(previous ?? {})) if (redirected(pathKey(url))) next[url] = file;
  for (const post of current) if (post.published) next[post.url] = post.file;
  return next;
}
