/** Responsive webp variants: which widths, their names, and encoding them with sharp. */
import { createHash } from 'node:crypto';
import { glob, mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import pMap from 'p-map';
import sharp, { type Metadata, type OutputInfo } from 'sharp';
import { verifiedFolder, type VerifiedFolder } from '#src/lib/build/cache-integrity.ts';
import { envValue } from '#src/lib/build/environment.ts';
import { publishFiles } from '#src/lib/build/publish-file.ts';
import { buildRegistry } from '#src/lib/build/registries.ts';
import { withTrailingSlash } from '#src/lib/urls/site-paths.ts';
import { EDITOR_IMAGE, readHeader, sharpReason, tooLarge } from './sharp-input.ts';

/**
 * Widths made for every hero and body image (never wider than the original).
 * The widest layout slot is 1200 CSS px (the home page's featured post), so
 * 1600 covers it and a 2x phone; 480 and 800 cover phones and cards.
 */
export const IMAGE_WIDTHS = [480, 800, 1200, 1600] as const;
/**
 * Avatars show at 1.75rem in bylines and 7rem on author pages (28 and 112 CSS px): 64 covers a
 * byline at 2x, 128 and 256 the author page at 1x and 2x, 384 at 3x.
 */
export const AVATAR_WIDTHS = [64, 128, 256, 384] as const;
export const WEBP_OPTIONS = { quality: 72, effort: 4 } as const;
/** Folder under the site base where variants are published. */
export const IMAGE_ROUTE = '_img';
/** Folder under Astro's cacheDir where encoded variants are kept between builds. */
export const IMAGE_CACHE_FOLDER = 'blog-images';

/** Part of every variant name, so changing the encoder settings remakes them. */
const SETTINGS_TAG = createHash('sha1')
  .update(JSON.stringify([IMAGE_WIDTHS, WEBP_OPTIONS]))
  .digest('hex')
  .slice(0, 4);

export interface ImageVariant {
  /** File name under `_img/`, e.g. `hero-1a2b3c4d5e-800.webp`. */
  name: string;
  url: string;
  width: number;
  height: number;
}

export interface ResponsiveImage {
  /** A mid-size variant, for browsers that ignore srcset. */
  src: string;
  srcset: string;
  width: number;
  height: number;
  variants: ImageVariant[];
  /** The largest variant, for social cards and feed enclosures. */
  largest: ImageVariant;
}

interface SourceInfo {
  file: string;
  hash: string;
  width: number;
  height: number;
}

interface VariantJob {
  source: string;
  width: number;
  /** Who asked for it, for error messages: "src/content/blog/x.md heroImage". */
  origin: string;
}

/** An image that sharp could not read or convert; the message names the file. */
export class ImageError extends Error {}

/** Variants pages and Markdown plugins asked for, which the build hook encodes. */
export const imageRegistry = buildRegistry('image-registry', () => new Map<string, VariantJob>());

const sourceInfo = new Map<string, Promise<SourceInfo>>();
/** Sources already read in this build, by path: a build does not change its images. */
const sourceByFile = new Map<string, Promise<SourceInfo>>();
// The dev server re-checks a file on every request so edits show up; a build
// asks for the same hero once per card (tens of thousands of times) and
// reads it once.
const IMMUTABLE_SOURCES = envValue('NODE_ENV') === 'production';

async function readSource(file: string, origin: string): Promise<SourceInfo> {
  const known = IMMUTABLE_SOURCES ? sourceByFile.get(file) : undefined;
  if (known) return known;
  const { mtimeMs, size } = await stat(file);
  const key = `${file}|${mtimeMs}|${size}`;
  let info = sourceInfo.get(key);
  if (!info) {
    info = (async () => {
      const bytes = await readFile(file);
      let meta: Metadata;
      try {
        meta = await readHeader(bytes);
      } catch (error) {
        throw new ImageError(`${origin}: "${file}" is not an image sharp can read (${sharpReason(error)})`);
      }
      const width = meta.autoOrient?.width ?? meta.width;
      const height = meta.autoOrient?.height ?? meta.height;
      if (!width || !height) throw new ImageError(`${origin}: "${file}" has no pixel size; is it a raster image?`);
      const oversize = tooLarge(meta);
      if (oversize) throw new ImageError(`${origin}: "${file}" ${oversize}`);
      const hash = createHash('sha1').update(bytes).digest('hex').slice(0, 10);
      return { file, hash, width, height };
    })();
    sourceInfo.set(key, info);
    if (IMMUTABLE_SOURCES) sourceByFile.set(file, info);
    info.catch(() => {
      sourceInfo.delete(key);
      sourceByFile.delete(file);
    });
  }
  return info;
}

/**
 * The content hash the variants of an image are named by, read once per build
 * with the image's header (so a replaced file gets new names everywhere it is used).
 */
export async function imageContentHash(file: string, origin: string): Promise<string> {
  return (await readSource(file, origin)).hash;
}

/** Longer stems are cut (at a hyphen where one is near) to keep file names within every host's limits. */
export const MAX_STEM_LENGTH = 100;

/**
 * The part of a variant's name that comes from its source: the editor's whole
 * file name, which carries their SEO words ("quantum-machine-learning-…-73451"),
 * in URL-safe lowercase. Only a stem over 100 characters is shortened.
 */
export function stemOf(file: string): string {
  const stem = path
    .basename(file, path.extname(file))
    .normalize('NFKD')
    .replace(/\p{Mark}/gu, '') // "café" keeps its word as "cafe"
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (stem.length <= MAX_STEM_LENGTH) return stem || 'image';
  const cut = stem.slice(0, MAX_STEM_LENGTH);
  const hyphen = cut.lastIndexOf('-');
  return (hyphen >= MAX_STEM_LENGTH - 20 ? cut.slice(0, hyphen) : cut).replace(/-+$/, '');
}

/**
 * Plans the responsive webp variants of one image and records them for the
 * build hook, which makes (or reuses) the files. Reads only the header and a
 * content hash here; encoding happens once per build, in parallel.
 */
export async function responsiveImage(
  file: string,
  options: { base: string; origin: string; widths?: readonly number[] },
): Promise<ResponsiveImage> {
  const info = await readSource(file, options.origin);
  const wanted = options.widths ?? IMAGE_WIDTHS;
  const widths: number[] = wanted.filter((w) => w < info.width);
  if (widths.length < wanted.length) widths.push(info.width);
  const registry = imageRegistry();
  const base = withTrailingSlash(options.base);
  const stem = stemOf(file);
  const variants = widths.map((width): ImageVariant => {
    const name = `${stem}-${info.hash}${SETTINGS_TAG}-${width}.webp`;
    if (!registry.has(name)) registry.set(name, { source: file, width, origin: options.origin });
    return { name, url: `${base}${IMAGE_ROUTE}/${name}`, width, height: Math.round((width * info.height) / info.width) };
  });
  const fallback = variants.find((v) => v.width >= 800) ?? variants.at(-1)!;
  const largest = variants.at(-1)!;
  return {
    src: fallback.url,
    srcset: variants.map((v) => `${v.url} ${v.width}w`).join(', '),
    width: largest.width,
    height: largest.height,
    variants,
    largest,
  };
}

const VARIANT_NAME = /^(.+)-([0-9a-f]{14})-(\d+)\.webp$/;
const SOURCE_PATTERN = '**/*.{webp,jpg,jpeg,png,avif,gif,tif,tiff}';

/**
 * Finds the sources of variants the output references but the registry does
 * not know. That happens when Astro reuses cached Markdown HTML (so our
 * plugins do not run) and the manifest of the image cache was lost: the
 * variant's name carries its source's stem and content hash, so the source
 * is found by stem among `searchDirs` and confirmed by hash.
 */
export async function recoverVariantSources(names: Iterable<string>, searchDirs: string[]): Promise<void> {
  const registry = imageRegistry();
  const unknown = [...new Set(names)].filter((name) => !registry.has(name));
  if (unknown.length === 0) return;
  const byStem = new Map<string, string[]>();
  for (const dir of searchDirs) {
    for await (const file of glob(SOURCE_PATTERN, { cwd: dir })) {
      const absolute = path.join(dir, file);
      const list = byStem.get(stemOf(absolute)) ?? [];
      list.push(absolute);
      byStem.set(stemOf(absolute), list);
    }
  }
  for (const name of unknown) {
    const match = VARIANT_NAME.exec(name);
    if (!match) continue;
    const [, stem, tag, width] = match as unknown as [string, string, string, string];
    for (const candidate of byStem.get(stem) ?? []) {
      const info = await readSource(candidate, candidate).catch(() => null);
      if (info && `${info.hash}${SETTINGS_TAG}` === tag) {
        registry.set(name, { source: candidate, width: Number(width), origin: path.basename(candidate) });
        break;
      }
    }
  }
}

export interface ProduceResult {
  made: number;
  reused: number;
}

/** Variants encoded by this process, and the wall time during which any encoding ran. */
export interface ImageStats {
  made: number;
  encodingMs: number;
}

// Variants are made both while rendering (feeds need a hero's file size) and
// in the build hook; both count towards the build's figures.
const stats = buildRegistry('image-stats', (): ImageStats & { active: number; since: number } => ({
  made: 0,
  encodingMs: 0,
  active: 0,
  since: 0,
}));
export function imageStats(): ImageStats {
  const { made, encodingMs, active, since } = stats();
  return { made, encodingMs: encodingMs + (active > 0 ? performance.now() - since : 0) };
}
/** Variants being encoded right now, so two callers never make the same file twice. */
const inflight = buildRegistry('image-inflight', () => new Map<string, Promise<void>>());

/** The image cache, each variant checked against what was written before it is reused (cache-integrity.ts). */
export function variantFolder(cacheDir: string): VerifiedFolder {
  return verifiedFolder(cacheDir, 'image variant');
}

/** Encodes every missing variant of one source from a single decode. */
async function encodeSource(source: string, jobs: Array<[string, VariantJob]>, cacheDir: string): Promise<void> {
  const counters = stats();
  if (counters.active++ === 0) counters.since = performance.now();
  try {
    let decoded: { data: Buffer; info: OutputInfo };
    try {
      decoded = await sharp(source, EDITOR_IMAGE).autoOrient().raw().toBuffer({ resolveWithObject: true });
    } catch (error) {
      throw new ImageError(
        `${jobs[0]![1].origin}: "${source}" could not be decoded (${sharpReason(error)}); is the file a complete image?`,
      );
    }
    const { width, height, channels } = decoded.info;
    await Promise.all(
      jobs.map(async ([name, job]) => {
        const bytes = await sharp(decoded.data, { raw: { width, height, channels } })
          .resize({ width: job.width, withoutEnlargement: true })
          .webp(WEBP_OPTIONS)
          .toBuffer()
          .catch((error: unknown) => {
            throw new ImageError(`${job.origin}: "${source}" could not be made into a ${job.width} px webp (${sharpReason(error)})`);
          });
        await variantFolder(cacheDir).write(name, bytes);
        counters.made += 1;
      }),
    );
  } finally {
    if (--counters.active === 0) counters.encodingMs += performance.now() - counters.since;
  }
}

/**
 * Makes sure each named variant is in `cacheDir` (encoding only the missing
 * ones, sources in parallel across all cores) and, with `outDir`, hard-links them
 * to `outDir/_img/`.
 */
export async function produceVariants(
  names: Iterable<string>,
  options: { cacheDir: string; outDir?: string; concurrency?: number },
): Promise<ProduceResult> {
  const registry = imageRegistry();
  await mkdir(options.cacheDir, { recursive: true });
  const unique = [...new Set(names)];
  const jobs = unique.map((name): [string, VariantJob] => {
    const job = registry.get(name);
    if (!job) throw new ImageError(`No source is known for image variant "${name}"`);
    return [name, job];
  });
  // Thousands of variants on a warm build: one listing of the cache folder, not a stat per file.
  // (Temporary files end in .tmp, never .webp, so only finished variants match.)
  // A variant is reused only when it is byte for byte what was written.
  const folder = variantFolder(options.cacheDir);
  await folder.load();
  const inCache = new Set(await readdir(options.cacheDir));
  const cached = jobs.map(([name]) => inCache.has(name) && folder.isIntact(name));
  // Variants another caller is making right now (feeds and pages ask for the
  // same hero at once) are waited for, not made twice.
  const running = inflight();
  const waits = new Set<Promise<void>>();
  const missing: Array<[string, VariantJob]> = [];
  for (const [i, job] of jobs.entries()) {
    if (cached[i]) continue;
    const pending = running.get(job[0]);
    if (pending) waits.add(pending);
    else missing.push(job);
  }
  const reused = jobs.length - missing.length;
  const work = pMap(
    Map.groupBy(missing, ([, job]) => job.source),
    ([source, sourceJobs]) => encodeSource(source, sourceJobs, options.cacheDir),
    {
      concurrency: options.concurrency ?? availableParallelism(),
    },
  );
  const settled = work.then(
    () => undefined,
    () => undefined,
  );
  for (const [name] of missing) running.set(name, settled);
  void settled.then(() => {
    for (const [name] of missing) if (running.get(name) === settled) running.delete(name);
  });
  await Promise.all([work, ...waits]);
  const made = missing.length;
  if (options.outDir) {
    await publishFiles(options.cacheDir, path.join(options.outDir, IMAGE_ROUTE), unique);
  }
  return { made, reused };
}
