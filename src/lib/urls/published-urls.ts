/** The record of post URLs the site has published, so none silently disappears. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathKey } from './redirects.ts';

/**
 * The record of post URLs the site has published, kept in the cache folder
 * (which the deploy workflow keeps between builds), so a renamed or deleted
 * post can never drop a URL readers have linked to without anyone noticing.
 */
export const PUBLISHED_RECORD = 'published-urls.json';

/** Site path (no base path) -> the post file it was published from. */
export type PublishedUrls = Record<string, string>;

interface RecordFile {
  version: 1;
  urls: PublishedUrls;
}

/**
 * The record of the last successful build, or null when there is none (a
 * first build, a fresh cache) or it cannot be read as one: a damaged record
 * is not trusted, and a build without a record checks nothing.
 */
export function readPublishedUrls(cacheDir: string): PublishedUrls | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path.join(cacheDir, PUBLISHED_RECORD), 'utf8'));
  } catch {
    return null;
  }
  const record = parsed as Partial<RecordFile> | null;
  if (record?.version !== 1 || typeof record.urls !== 'object' || record.urls === null) return null;
  const urls = Object.entries(record.urls).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  return Object.fromEntries(urls);
}

/** The record's text, as the build writes it after the site is in place. */
export function serialisePublishedUrls(urls: PublishedUrls): string {
  const sorted = Object.fromEntries(Object.entries(urls).sort(([a], [b]) => a.localeCompare(b)));
  return `${JSON.stringify({ version: 1, urls: sorted } satisfies RecordFile, null, 2)}\n`;
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
