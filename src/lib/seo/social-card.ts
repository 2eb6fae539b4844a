/** The generated 1200x630 link-preview cards, planned by pages and drawn as they are planned (integrations/social-cards.ts). */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import * as opentypeModule from 'opentype.js';
import type { Font, Glyph } from 'opentype.js';
import sharp, { type JpegOptions } from 'sharp';
import { buildRegistry } from '#src/lib/build/registries.ts';
import { BackdropCache, fromBackdrop, heroPipeline } from '#src/lib/seo/card-backdrop.ts';
import { withTrailingSlash } from '#src/lib/urls/site-paths.ts';

/**
 * Social cards: the 1200x630 image a link preview shows (og:image). Drawn at
 * build time with sharp: the hero cropped to fill, darkened towards the
 * bottom, with the site name, the category and the title on top.
 *
 * Text is drawn as SVG paths from the project's own font (Source Serif 4,
 * from @fontsource, SIL Open Font License), laid out here with opentype.js,
 * so a card looks the same on a machine with no system fonts at all.
 */
export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;
/** Folder under the site base where cards are published, and under cacheDir where they are kept. */
export const CARD_ROUTE = '_social';
export const CARD_CACHE_FOLDER = 'social-cards';
/** Bump when the drawing or the encoding changes, so cached cards are redrawn. */
const TEMPLATE_VERSION = 3;

/**
 * mozjpeg without trellis quantisation: the encoder was half of a card's CPU time, and trellis
 * was most of the encoder. At quality 78 without it a card is the size it was at 82 with it,
 * with a higher PSNR (38.6 against 37.2 dB), in 15 ms instead of 38 (BENCHMARKS.md "Social
 * cards"). optimiseScans off: a third less encoding time for 1% larger files.
 */
export const CARD_JPEG = {
  quality: 78,
  progressive: true,
  mozjpeg: true,
  trellisQuantisation: false,
  optimiseScans: false,
} as const satisfies JpegOptions;

export interface CardJob {
  title: string;
  /** A short label above the title (the category). */
  kicker?: string | undefined;
  /** Smaller text under the title (the site card's description). */
  subtitle?: string | undefined;
  /** The hero to draw behind the text. */
  heroFile?: string | undefined;
  siteName: string;
  /**
   * The editor's own preview image (a post's `ogImage`): drawn alone, cropped
   * to 1200x630, with no text over it.
   */
  imageOnly?: boolean | undefined;
}

export interface SocialCard {
  name: string;
  url: string;
  width: number;
  height: number;
}

/** Cards pages planned while rendering, which the build hook draws. */
export const cardRegistry = buildRegistry('social-cards', () => new Map<string, CardJob>());

/** Who hears of each card a page plans: a build's background drawer (integrations/card-drawer.ts); nobody in dev. */
const plannedListener = buildRegistry('social-card-listener', (): { heard: ((name: string) => void) | undefined } => ({
  heard: undefined,
}));

/** Sets (or, with undefined, clears) the one listener told the name of every card a page plans. */
export function onCardPlanned(heard: ((name: string) => void) | undefined): void {
  plannedListener().heard = heard;
}

function cardStem(text: string): string {
  const stem = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  return stem || 'card';
}

/**
 * Names a card after everything drawn on it, so an unchanged card keeps its
 * file name (and its cached image) from build to build. `heroKey` identifies
 * the hero's content (its variant name carries a content hash).
 */
export function planSocialCard(job: CardJob, options: { base: string; heroKey?: string | undefined }): SocialCard {
  const key = createHash('sha1')
    // imageOnly is added only when set, so the names of every other card stay as they were.
    .update(
      JSON.stringify([
        TEMPLATE_VERSION,
        job.title,
        job.kicker,
        job.subtitle,
        job.siteName,
        options.heroKey ?? null,
        ...(job.imageOnly ? ['image-only'] : []),
      ]),
    )
    .digest('hex')
    .slice(0, 12);
  const name = `${cardStem(job.title)}-${key}.jpg`;
  const registry = cardRegistry();
  if (!registry.has(name)) registry.set(name, job);
  plannedListener().heard?.(name);
  const base = withTrailingSlash(options.base);
  return { name, url: `${base}${CARD_ROUTE}/${name}`, width: CARD_WIDTH, height: CARD_HEIGHT };
}

// ---- Text -------------------------------------------------------------------

// opentype.js ships UMD for Node (a default export) and ESM for bundlers (named exports).
const opentype = ((opentypeModule as { default?: typeof opentypeModule }).default ?? opentypeModule) as typeof opentypeModule;

/** Subsets of the font, in the order a character is looked up. */
const SUBSETS = ['latin', 'latin-ext', 'cyrillic', 'cyrillic-ext', 'greek', 'vietnamese'] as const;
const fontCache = new Map<string, Promise<Font[]>>();

function loadFonts(weight: 600 | 700): Promise<Font[]> {
  const key = String(weight);
  let fonts = fontCache.get(key);
  if (!fonts) {
    const require = createRequire(import.meta.url);
    fonts = Promise.all(
      SUBSETS.map(async (subset) => {
        const file = require.resolve(`@fontsource/source-serif-4/files/source-serif-4-${subset}-${weight}-normal.woff`);
        const bytes = await readFile(file);
        return opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
      }),
    );
    fontCache.set(key, fonts);
  }
  return fonts;
}

interface Glyphs {
  fonts: Font[];
  size: number;
}

function fontFor(char: string, fonts: Font[]): Font | undefined {
  return fonts.find((font) => font.charToGlyphIndex(char) > 0);
}

/** True when the font can draw every character of the text. */
function covers(text: string, fonts: Font[]): boolean {
  return [...text].every((char) => /\s/.test(char) || fontFor(char, fonts) !== undefined);
}

/** Draws (or, without `draw`, only measures) a line of text; returns its width. */
function runText(text: string, { fonts, size }: Glyphs, x: number, y: number, draw?: string[]): number {
  let cursor = x;
  let previous: { font: Font; glyph: Glyph } | undefined;
  for (const char of text) {
    const font = fontFor(char, fonts) ?? fonts[0]!;
    const glyph = font.charToGlyph(char);
    const scale = size / font.unitsPerEm;
    if (previous && previous.font === font) cursor += font.getKerningValue(previous.glyph, glyph) * scale;
    if (draw && !/\s/.test(char)) draw.push(glyph.getPath(cursor, y, size).toPathData(1));
    cursor += (glyph.advanceWidth ?? 0) * scale;
    previous = { font, glyph };
  }
  return cursor - x;
}

/** Greedy word wrap; the last line ends in an ellipsis when the text does not fit. */
function wrap(text: string, glyphs: Glyphs, maxWidth: number, maxLines: number): { lines: string[]; fits: boolean } {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (runText(candidate, glyphs, 0, 0) <= maxWidth || !line) line = candidate;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines && lines.every((l) => runText(l, glyphs, 0, 0) <= maxWidth)) return { lines, fits: true };
  const kept = lines.slice(0, maxLines);
  let last = kept.at(-1)!;
  while (last.length > 1 && runText(`${last}…`, glyphs, 0, 0) > maxWidth) last = last.slice(0, -1).trimEnd();
  kept[kept.length - 1] = `${last.replace(/[\s,.;:–—-]+$/, '')}…`;
  return { lines: kept, fits: false };
}

// Characters XML 1.0 refuses are dropped, not escaped (no escape makes them valid): the check
// refuses them in posts, and a card must still not fail the build on one from elsewhere.
const escapeXml = (text: string) =>
  text
    .replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/"/g, '&quot;');

const MARGIN = 72;
const TEXT_WIDTH = CARD_WIDTH - 2 * MARGIN;

/** The SVG drawn over the background: shading and text as paths. */
export async function overlaySvg(job: CardJob, hasHero: boolean): Promise<string> {
  const [bold, semibold] = await Promise.all([loadFonts(700), loadFonts(600)]);
  const paths: string[] = [];
  const small: string[] = [];

  // Site name, top left, under an accent rule.
  runText(job.siteName, { fonts: semibold, size: 34 }, MARGIN, MARGIN + 52, small);

  // Title from the bottom up: the largest size at which it fits in four lines.
  let bottom = CARD_HEIGHT - MARGIN;
  if (job.subtitle && covers(job.subtitle, semibold)) {
    const glyphs = { fonts: semibold, size: 32 };
    const { lines } = wrap(job.subtitle, glyphs, TEXT_WIDTH, 2);
    lines.reverse().forEach((line, i) => runText(line, glyphs, MARGIN, bottom - i * 42, small));
    bottom -= lines.length * 42 + 24;
  }
  if (covers(job.title, bold)) {
    let layout = { lines: [] as string[], size: 72 };
    for (const size of [72, 64, 56, 50]) {
      const result = wrap(job.title, { fonts: bold, size }, TEXT_WIDTH, 4);
      layout = { lines: result.lines, size };
      if (result.fits) break;
    }
    const lineHeight = Math.round(layout.size * 1.14);
    const glyphs = { fonts: bold, size: layout.size };
    [...layout.lines].reverse().forEach((line, i) => runText(line, glyphs, MARGIN, bottom - i * lineHeight, paths));
    bottom -= layout.lines.length * lineHeight + 6;
  }
  if (job.kicker && covers(job.kicker, semibold)) {
    runText(job.kicker.toUpperCase(), { fonts: semibold, size: 28 }, MARGIN, bottom - 8, small);
  }

  const shade = hasHero
    ? `<linearGradient id="shade" x1="0" y1="0" x2="0" y2="1">
        <stop offset="0" stop-color="#0b1220" stop-opacity="0.55"/>
        <stop offset="0.45" stop-color="#0b1220" stop-opacity="0.45"/>
        <stop offset="1" stop-color="#0b1220" stop-opacity="0.92"/>
      </linearGradient>
      <rect width="${CARD_WIDTH}" height="${CARD_HEIGHT}" fill="url(#shade)"/>`
    : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}">
    <title>${escapeXml(job.title)}</title>
    ${shade}
    <rect x="${MARGIN}" y="${MARGIN}" width="64" height="6" fill="#f5b942"/>
    <path d="${paths.join('')}" fill="#ffffff"/>
    <path d="${small.join('')}" fill="#e8edf5"/>
  </svg>`;
}

/** The crops of one batch of cards, at the card's size: pass it to each renderSocialCard of the batch. */
export function cardBackdrops(): BackdropCache {
  return new BackdropCache(CARD_WIDTH, CARD_HEIGHT);
}

/**
 * Draws one card as a JPEG. A batch of cards passes one `backdrops` cache, so posts that share a
 * hero decode and crop it once; alone, the card is one pipeline from the hero file.
 */
export async function renderSocialCard(job: CardJob, backdrops?: BackdropCache): Promise<Buffer> {
  const crop = job.heroFile && backdrops ? await backdrops.get(job.heroFile) : null;
  const background = crop
    ? fromBackdrop(crop)
    : job.heroFile
      ? heroPipeline(job.heroFile, CARD_WIDTH, CARD_HEIGHT)
      : sharp({ create: { width: CARD_WIDTH, height: CARD_HEIGHT, channels: 3, background: '#14233a' } });
  const overlay =
    job.imageOnly && job.heroFile ? [] : [{ input: Buffer.from(await overlaySvg(job, Boolean(job.heroFile))), top: 0, left: 0 }];
  return background.composite(overlay).flatten({ background: '#14233a' }).jpeg(CARD_JPEG).toBuffer();
}
