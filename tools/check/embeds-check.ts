/** Iframes in a post's body: YouTube and Vimeo embeds become click-to-load facades; every other iframe is refused here with its line. */
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { iframeSource, PROVIDER_NAMES } from '#src/lib/markdown/video-url.ts';

const HOW =
  "YouTube and Vimeo links become embeds: put the video's link (https://www.youtube.com/watch?v=…, https://vimeo.com/…) alone on its line";

/** Fenced code and inline code spans blanked out (newlines kept), so an iframe shown as code is not taken for one. */
function withoutCode(body: string): string {
  const blank = (text: string) => text.replace(/[^\n]/g, ' ');
  return body.replace(/^( {0,3})(```|~~~)[^\n]*\n[\s\S]*?^ {0,3}\2[^\n]*$/gm, blank).replace(/(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, blank);
}

/** The `src` of one `<iframe …>` tag as HTML reads it (entities decoded), or null. */
function srcOf(tag: string): string | null {
  const iframe = fromHtml(`${tag}</iframe>`, { fragment: true }).children.find((node): node is Element => node.type === 'element');
  const src = iframe?.properties['src'];
  return typeof src === 'string' && src.trim() !== '' ? src.trim() : null;
}

/** What is wrong with one iframe, or null when it is a YouTube or Vimeo embed the build turns into a facade. */
function iframeProblem(tag: string, mdx: boolean): string | null {
  const src = srcOf(tag);
  const source = src === null ? null : iframeSource(src);
  if (mdx) {
    const from = !source ? 'another site' : source.video ? PROVIDER_NAMES[source.video.provider] : (source.host ?? 'another site');
    return `has an <iframe> from ${from}; in .mdx an iframe is not made click-to-load and would load before the reader asks. ${HOW}`;
  }
  if (source?.video) return null;
  if (!source || source.host === null)
    return `has an <iframe> without an https:// src, which is not published; ${HOW}, or link to the page`;
  if (source.provider) {
    const id = source.provider === 'youtube' ? 'an 11-character video id (letters, digits, "-", "_")' : 'a numeric video id';
    return `has a ${PROVIDER_NAMES[source.provider]} iframe whose src "${src}" has no valid video id (it needs ${id}); copy the embed code again from the video's Share > Embed, or paste the video's link alone on its line`;
  }
  return `has an iframe from ${source.host}: iframes from ${source.host} are not published; ${HOW}. For anything else, link to the page instead`;
}

/** Every iframe the build would not publish, on its line within the body (1-based). Cheap when a body has none. */
export function iframeProblems(body: string, options: { mdx?: boolean } = {}): Array<{ line: number; message: string }> {
  if (!/<iframe\b/i.test(body)) return [];
  const text = withoutCode(body);
  const problems: Array<{ line: number; message: string }> = [];
  for (const match of text.matchAll(/<iframe\b[^>]*>/gi)) {
    const message = iframeProblem(match[0], options.mdx === true);
    if (message) problems.push({ line: text.slice(0, match.index).split('\n').length, message });
  }
  return problems;
}
