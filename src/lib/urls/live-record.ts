/**
 * How the record of published URLs travels from one production deploy to the
 * next: in the cache folder, and on the live site itself.
 *
 * The cache alone is not enough: GitHub evicts a cache not used for a week (a
 * blog whose hourly runs stopped, a repository over its 10 GB) and saves none
 * when the key is unchanged, and a fresh clone or another host starts with
 * none. A lost record used to switch the guard off without a word. A record
 * committed to the repository would survive, but only with a commit from CI on
 * every deploy (a token that can push, next to a build that runs posts' MDX),
 * racing the editors' own pushes. So each production deploy also publishes the
 * record as `<site>/published-urls.json`, and the next production build fetches
 * it (with a timeout) and checks against every URL either copy holds: the live
 * one is what readers can reach, the cache's may be newer than a CDN's copy.
 * Nothing is ever fetched by a local or preview build, and BLOG_LIVE_RECORD=off
 * (or another address: a test's loopback server) says where, or not at all.
 * When neither copy is there, the build log says that this deploy checks
 * nothing.
 */
import { parsePublishedRecord, PUBLISHED_RECORD, readPublishedRecord, type PublishedUrls, type RecordReading } from './published-urls.ts';

export const LIVE_RECORD_ENV = 'BLOG_LIVE_RECORD';

/** A BLOG_LIVE_RECORD that is neither "off" nor a web address: its message is the whole report. */
export class LiveRecordSettingError extends Error {}

/**
 * Where the live site's copy of the record is: `<site url><base path>published-urls.json`,
 * or the address BLOG_LIVE_RECORD names, or null when BLOG_LIVE_RECORD=off.
 */
export function liveRecordAddress(env: NodeJS.ProcessEnv, siteUrl: string, base = '/'): URL | null {
  const raw = env[LIVE_RECORD_ENV]?.trim();
  if (raw?.toLowerCase() === 'off') return null;
  if (raw) {
    let url: URL | null = null;
    try {
      url = new URL(raw);
    } catch {
      // said below
    }
    if (url && (url.protocol === 'https:' || url.protocol === 'http:')) return url;
    throw new LiveRecordSettingError(
      `${LIVE_RECORD_ENV} is ${JSON.stringify(raw)}; set it to the web address of the live site's ${PUBLISHED_RECORD}, or to off, or leave it unset (${PUBLISHED_RECORD} under the site's address)`,
    );
  }
  return new URL(`${base.replace(/^\/?/, '/').replace(/\/?$/, '/')}${PUBLISHED_RECORD}`, siteUrl);
}

/** What the live site gave: a record, none at all (a first deploy), or nothing that could be read, and why. */
export type LiveReading = { state: 'recorded'; urls: PublishedUrls } | { state: 'absent' | 'unreachable' | 'damaged'; why: string };

/** The part of `fetch` this needs, so a test can answer without a network. */
export type Fetcher = (
  url: string,
  init: { signal: AbortSignal; cache: 'no-store'; headers: Record<string, string> },
) => Promise<{
  status: number;
  ok: boolean;
  text(): Promise<string>;
}>;

/** A record larger than this is not a record (about 200,000 posts' URLs). */
const MAX_RECORD_BYTES = 32 * 1024 * 1024;

/** Fetches the live site's record; never throws (a failure is a reading that says why). */
export async function fetchLiveRecord(address: URL, fetcher: Fetcher = fetch, timeoutMs = 15_000): Promise<LiveReading> {
  // A query of its own gets past a CDN's copy of an earlier deploy's record (GitHub Pages keeps one for 10 minutes).
  const url = new URL(address);
  url.searchParams.set('build', String(Date.now()));
  let text: string;
  try {
    const response = await fetcher(url.href, {
      signal: AbortSignal.timeout(timeoutMs),
      cache: 'no-store',
      headers: { accept: 'application/json' },
    });
    if (response.status === 404 || response.status === 410)
      return { state: 'absent', why: `${address.href} answers ${response.status}: no deploy has published one there yet` };
    if (!response.ok) return { state: 'unreachable', why: `${address.href} answered HTTP ${response.status}` };
    text = await response.text();
  } catch (error) {
    const reason = error as Error & { cause?: { code?: string; message?: string } };
    const why =
      reason.name === 'TimeoutError' || reason.name === 'AbortError'
        ? `no answer within ${timeoutMs / 1000} s`
        : (reason.cause?.code ?? reason.cause?.message ?? reason.message);
    return { state: 'unreachable', why: `${address.href} could not be fetched (${why})` };
  }
  if (text.length > MAX_RECORD_BYTES) return { state: 'damaged', why: `${address.href} is larger than any record (${text.length} bytes)` };
  const reading = parsePublishedRecord(text);
  if (reading.state === 'recorded') return reading;
  if (reading.state === 'older')
    return { state: 'absent', why: `${address.href} was published by an older version, which recorded local builds too` };
  return { state: 'damaged', why: `${address.href} is not a record of published URLs` };
}

const cacheWhy: Record<Exclude<RecordReading['state'], 'recorded'>, string> = {
  missing: 'the cache has none (a first deploy, or a cache the host evicted)',
  damaged: "the cache's copy is damaged",
  older: "the cache's copy was written by an older version, which recorded local builds too, so it is not trusted",
};

export interface DeployRecord {
  /** Every URL either copy holds (the cache's file wins for a URL both hold), or null when neither had one. */
  urls: PublishedUrls | null;
  /** What the build log says (one line each); nothing when both copies were read. */
  notes: string[];
}

/**
 * The record a production build checks against: the cache's and the live
 * site's copies together. The notes say which copy was missing and why; when
 * both were, that this deploy checks no renamed or deleted post.
 */
export async function deployRecord(cacheDir: string, address: URL | null, fetcher?: Fetcher): Promise<DeployRecord> {
  const cached = readPublishedRecord(cacheDir);
  const live: LiveReading = address
    ? await fetchLiveRecord(address, fetcher)
    : { state: 'absent', why: `${LIVE_RECORD_ENV}=off: the live site's copy was not fetched` };
  const notes: string[] = [];
  const cachedUrls = cached.state === 'recorded' ? cached.urls : null;
  const cacheProblem = cached.state === 'recorded' ? null : cacheWhy[cached.state];
  const liveUrls = live.state === 'recorded' ? live.urls : null;
  const liveProblem = live.state === 'recorded' ? null : live;
  if (!cachedUrls && liveProblem) {
    notes.push(
      `No record of the URLs the site has published: ${cacheProblem}, and ${liveProblem.why}. This deploy checks no renamed or deleted post; it records what it publishes for the next one.`,
    );
    return { urls: null, notes };
  }
  if (cacheProblem) notes.push(`The record of published URLs is the live site's (${cacheProblem}).`);
  else if (liveProblem && liveProblem.state !== 'absent')
    notes.push(`The record of published URLs is the cache's alone: ${liveProblem.why}.`);
  return { urls: { ...liveUrls, ...cachedUrls }, notes };
}
