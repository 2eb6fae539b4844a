/** YouTube and Vimeo links and embed codes read into one video reference, and the URLs a facade needs from it. */

export type VideoProvider = 'youtube' | 'vimeo';

export interface VideoRef {
  provider: VideoProvider;
  /** YouTube: 11 characters of [A-Za-z0-9_-]; Vimeo: digits. Validated, so safe in a URL. */
  id: string;
  /** Where to start, in whole seconds, when the link or embed said. */
  start?: number;
  /** An unlisted Vimeo video's privacy hash (`vimeo.com/123/abcdef`, `?h=abcdef`). */
  hash?: string;
  /** A YouTube Short: drawn upright. */
  portrait?: boolean;
}

/** The only hosts a clicked facade loads, and so the CSP's `frame-src` (src/lib/seo/csp.ts). */
export const VIDEO_FRAME_ORIGINS = ['https://www.youtube-nocookie.com', 'https://player.vimeo.com'] as const;

export const PROVIDER_NAMES: Record<VideoProvider, string> = { youtube: 'YouTube', vimeo: 'Vimeo' };

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const VIMEO_ID = /^\d{1,12}$/;
const VIMEO_HASH = /^[0-9a-f]{6,20}$/i;
const YOUTUBE_HOSTS = new Set(['youtube.com', 'www.youtube.com', 'm.youtube.com']);
const NOCOOKIE_HOSTS = new Set(['youtube-nocookie.com', 'www.youtube-nocookie.com']);
const VIMEO_HOSTS = new Set(['vimeo.com', 'www.vimeo.com']);

/** "42", "42s", "1m30s", "1h2m3s" -> seconds; anything else -> undefined. */
export function parseStart(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const match = /^(?:(\d{1,3})h)?(?:(\d{1,4})m)?(?:(\d{1,6})s?)?$/.exec(value.trim());
  if (!match || (!match[1] && !match[2] && !match[3])) return undefined;
  const seconds = Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0);
  return seconds > 0 ? seconds : undefined;
}

/** `https://…`, `http://…` or protocol-relative `//…` (old embed codes) as a URL, or null. */
function parseUrl(text: string): URL | null {
  const trimmed = text.trim();
  if (!/^(?:https?:)?\/\//i.test(trimmed)) return null;
  try {
    return new URL(trimmed, 'https://x.invalid/');
  } catch {
    return null;
  }
}

const hashStart = (url: URL) => parseStart(new URLSearchParams(url.hash.slice(1)).get('t'));

function youtube(id: string | undefined, url: URL, portrait = false): VideoRef | null {
  if (!id || !YOUTUBE_ID.test(id)) return null;
  const start = parseStart(url.searchParams.get('t') ?? url.searchParams.get('start')) ?? hashStart(url);
  return { provider: 'youtube', id, ...(start ? { start } : {}), ...(portrait ? { portrait } : {}) };
}

function vimeo(id: string | undefined, hash: string | null | undefined, url: URL): VideoRef | null {
  if (!id || !VIMEO_ID.test(id)) return null;
  if (hash && !VIMEO_HASH.test(hash)) return null;
  const start = hashStart(url);
  return { provider: 'vimeo', id, ...(hash ? { hash } : {}), ...(start ? { start } : {}) };
}

/**
 * A video page's link as writers paste it: `youtube.com/watch?v=ID`, `youtu.be/ID?t=42`,
 * `youtube.com/shorts/ID`, `youtube.com/live/ID`, `vimeo.com/ID` (`/HASH` for unlisted,
 * `#t=1m2s`), and the embed URLs too. Null for anything else, or a bad id.
 */
export function videoFromLink(text: string): VideoRef | null {
  const url = parseUrl(text);
  if (!url) return null;
  const host = url.hostname.toLowerCase();
  const parts = url.pathname.split('/').filter(Boolean);
  if (YOUTUBE_HOSTS.has(host)) {
    if (parts.length === 1 && parts[0] === 'watch') return youtube(url.searchParams.get('v') ?? undefined, url);
    if (parts.length === 2 && parts[0] === 'shorts') return youtube(parts[1], url, true);
    if (parts.length === 2 && (parts[0] === 'live' || parts[0] === 'embed')) return youtube(parts[1], url);
    return null;
  }
  if (host === 'youtu.be') return parts.length === 1 ? youtube(parts[0], url) : null;
  if (VIMEO_HOSTS.has(host)) {
    if (parts.length === 1) return vimeo(parts[0], null, url);
    if (parts.length === 2 && VIMEO_ID.test(parts[0]!)) return vimeo(parts[0], parts[1], url);
    if (parts.length === 3 && parts[0] === 'channels') return vimeo(parts[2], null, url);
    return null;
  }
  return videoFromEmbedSrc(text);
}

/** What an `<iframe src>` is: a video embed, or the host it would load from (null host: no usable URL). */
export type IframeSource = { video: VideoRef } | { video: null; host: string | null; provider?: VideoProvider };

/**
 * An iframe's `src` as YouTube's and Vimeo's "Share > Embed" codes write it:
 * `https://www.youtube.com/embed/ID?si=…&start=42`, `youtube-nocookie.com/embed/ID`,
 * `https://player.vimeo.com/video/ID?h=HASH`. Anything else names its host.
 */
export function iframeSource(src: string): IframeSource {
  const url = parseUrl(src);
  if (!url) return { video: null, host: null };
  const host = url.hostname.toLowerCase();
  const parts = url.pathname.split('/').filter(Boolean);
  if (YOUTUBE_HOSTS.has(host) || NOCOOKIE_HOSTS.has(host)) {
    const video = parts.length === 2 && parts[0] === 'embed' ? youtube(parts[1], url) : null;
    return video ? { video } : { video: null, host, provider: 'youtube' };
  }
  if (host === 'player.vimeo.com') {
    const video = parts.length === 2 && parts[0] === 'video' ? vimeo(parts[1], url.searchParams.get('h'), url) : null;
    return video ? { video } : { video: null, host, provider: 'vimeo' };
  }
  return { video: null, host };
}

/** The video of an embed URL, or null. */
export function videoFromEmbedSrc(src: string): VideoRef | null {
  return iframeSource(src).video;
}

/** What the facade loads on the click: YouTube's no-cookie player, Vimeo's with Do Not Track. */
export function embedSrc(video: VideoRef): string {
  if (video.provider === 'youtube') {
    return `https://www.youtube-nocookie.com/embed/${video.id}?autoplay=1${video.start ? `&start=${video.start}` : ''}`;
  }
  const hash = video.hash ? `&h=${video.hash}` : '';
  return `https://player.vimeo.com/video/${video.id}?dnt=1&autoplay=1${hash}${video.start ? `#t=${video.start}s` : ''}`;
}

/** The video's own page: what the facade links to, so it works with no JavaScript and in feeds. */
export function watchUrl(video: VideoRef): string {
  if (video.provider === 'youtube') {
    if (video.portrait) return `https://www.youtube.com/shorts/${video.id}`;
    return `https://www.youtube.com/watch?v=${video.id}${video.start ? `&t=${video.start}s` : ''}`;
  }
  return `https://vimeo.com/${video.id}${video.hash ? `/${video.hash}` : ''}${video.start ? `#t=${video.start}s` : ''}`;
}
