/** Mermaid source to SVG markup with beautiful-mermaid, kept on disk by a hash of what made it, so a warm build draws nothing. */
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RenderOptions } from 'beautiful-mermaid';
import { noteDamage, readSealedJson, sealJson } from '#src/lib/build/cache-integrity.ts';
import { writeCacheFile } from '#src/lib/build/publish-file.ts';

/** Folder under the build's cacheDir where drawn diagrams are kept between builds. */
export const DIAGRAM_CACHE_FOLDER = 'blog-diagrams';
/** Raise when what is drawn or kept changes (options, the record's shape): every cached drawing is then redrawn. */
const DRAW_VERSION = 1;

/**
 * Colours are the names of the site's theme variables, so the drawing takes them from
 * the page (style.ts maps the library's roles onto them); `transparent`: the page's
 * background shows through. Spacing is the library's, a little tighter to suit a
 * 46rem column.
 */
const OPTIONS: RenderOptions = { bg: 'var(--bg)', fg: 'var(--text)', transparent: true, padding: 16 };

/** What the library says of a source it cannot draw. */
export class DiagramError extends Error {}

/** Chart types beautiful-mermaid draws with classes of its own stylesheet, which the page does not have (svg-clean.ts). */
const UNSUPPORTED = /^\s*(?:%%[^\n]*\n\s*)*xychart/;
export const SUPPORTED = 'flowchart (graph), sequenceDiagram, classDiagram, stateDiagram-v2 and erDiagram';

/**
 * The library, loaded on the first drawing: with elkjs (its layout engine, 7.7 MB) it takes
 * 1-2 s to import on a busy machine, which a build whose diagrams are all cached, or that has
 * none, never pays, in any render worker or in the checker.
 */
let library: Promise<typeof import('beautiful-mermaid')> | undefined;

/** The library's SVG markup for `source`, or a DiagramError with its message. Slow-ish: call `drawCached`. */
export async function draw(source: string): Promise<string> {
  if (UNSUPPORTED.test(source)) throw new DiagramError(`xychart is not drawn here; the kinds drawn are ${SUPPORTED}`);
  const { renderMermaidSVG } = await (library ??= import('beautiful-mermaid'));
  try {
    return renderMermaidSVG(source, OPTIONS);
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
    throw new DiagramError(message.includes('header') ? `${message} (drawn here: ${SUPPORTED})` : message);
  }
}

let libraryVersion: string | undefined;

/** The installed beautiful-mermaid's version (its package.json is not among its exports). */
async function version(): Promise<string> {
  if (libraryVersion) return libraryVersion;
  for (
    let dir = path.dirname(fileURLToPath(import.meta.resolve('beautiful-mermaid')));
    dir !== path.dirname(dir);
    dir = path.dirname(dir)
  ) {
    const manifest = await readFile(path.join(dir, 'package.json'), 'utf8').catch(() => null);
    if (manifest) return (libraryVersion = (JSON.parse(manifest) as { version: string }).version);
  }
  return (libraryVersion = 'unknown');
}

/** The SHA-256 a drawing is kept under: the source, the library's version and this code's. */
export async function diagramKey(source: string): Promise<string> {
  return createHash('sha256')
    .update(JSON.stringify([source, await version(), DRAW_VERSION, OPTIONS]))
    .digest('hex');
}

/** A kept drawing: the key is stored too, so a file copied under another name is not taken for its drawing. */
interface Kept {
  key: string;
  svg?: string;
  error?: string;
}

/** Counts for tests and the benchmark: how many drawings this process drew and how many it found kept. */
export const drawCounts = { drawn: 0, kept: 0 };

/**
 * The drawing of `source`: from `<cacheDir>/blog-diagrams/<sha256>.json` when an intact
 * entry is there, else drawn and kept. An entry is sealed (cache-integrity.ts): a damaged
 * one is counted and drawn again, never trusted. A source the library refuses is kept
 * with its message too, so the checker and the build do not try it twice.
 * Each entry is its own file, written whole under a temporary name, so the render workers
 * share the folder without a common record.
 */
export async function drawCached(source: string, cacheDir: string | undefined): Promise<string> {
  if (!cacheDir) return await draw(source);
  const key = await diagramKey(source);
  const file = path.join(cacheDir, DIAGRAM_CACHE_FOLDER, `${key}.json`);
  const kept = await readSealedJson<Kept>(file).catch(() => 'damaged' as const);
  if (kept === 'damaged' || (kept !== undefined && (kept.key !== key || (kept.svg === undefined && kept.error === undefined)))) {
    noteDamage('diagram');
  } else if (kept !== undefined) {
    drawCounts.kept += 1;
    if (kept.error !== undefined) throw new DiagramError(kept.error);
    return kept.svg!;
  }
  drawCounts.drawn += 1;
  let record: Kept;
  try {
    record = { key, svg: await draw(source) };
  } catch (error) {
    if (!(error instanceof DiagramError)) throw error;
    record = { key, error: error.message };
  }
  // A cache that cannot be written costs the next build a drawing, not this one its page.
  await mkdir(path.dirname(file), { recursive: true })
    .then(() => writeCacheFile(file, sealJson(record)))
    .catch(() => undefined);
  if (record.error !== undefined) throw new DiagramError(record.error);
  return record.svg!;
}
