import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { IMAGE_ROUTE } from '#src/lib/images/images.ts';
import { CARD_ROUTE } from '#src/lib/seo/social-card.ts';
import { buildRegistry } from '#src/lib/build/registries.ts';
import { noteDamage, RACY_MS, readSealedJson, stampOf, writeSealedJsonSync } from '#src/lib/build/cache-integrity.ts';

/** What the post-build steps need to know about the written site, from one read of each file. */
export interface OutputScan {
  /** Image variant names referenced anywhere in pages and feeds. */
  variants: Set<string>;
  /** Social card names referenced in pages' <head>. */
  cards: Set<string>;
  /** Pages marked for the search index (`data-pagefind-body`), sorted, with a hash of each. */
  searchPages: Array<{ file: string; sha1: string }>;
}

const VARIANT_MARKER = Buffer.from(`/${IMAGE_ROUTE}/`);
const CARD_PATTERN = new RegExp(`/${CARD_ROUTE}/([A-Za-z0-9._-]+\\.jpg)`, 'g');
const HEAD_END = Buffer.from('</head>');
const SEARCH_MARKER = Buffer.from('data-pagefind-body');
/** [A-Za-z0-9._-] */
const isNameByte = (b: number) => (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b === 46 || b === 95 || b === 45;

/**
 * Variant names in a file, searched as bytes for "/_img/" (no decoding, no
 * regular expression over 100 MB of HTML); a name is the longest run of
 * file-name characters after it that ends in ".webp", as the pattern
 * /_img/([A-Za-z0-9._-]+\.webp) would take.
 */
function addVariants(bytes: Buffer, names: Set<string>): void {
  for (let at = bytes.indexOf(VARIANT_MARKER); at !== -1; at = bytes.indexOf(VARIANT_MARKER, at + VARIANT_MARKER.length)) {
    let end = at + VARIANT_MARKER.length;
    while (end < bytes.length && isNameByte(bytes[end]!)) end += 1;
    const run = bytes.toString('latin1', at + VARIANT_MARKER.length, end);
    const last = run.lastIndexOf('.webp');
    if (last > 0) names.add(run.slice(0, last + 5));
  }
}

/**
 * Pages and feeds under `dir`, relative to `root`. Folders whose names start
 * with a dot are Astro's working files (.prerender/, deleted while we look).
 */
function outputFiles(root: string, dir = root): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && !entry.name.startsWith('.')) files.push(...outputFiles(root, path.join(dir, entry.name)));
    else if (entry.isFile() && /\.(html|xml)$/.test(entry.name)) files.push(path.relative(root, path.join(dir, entry.name)));
  }
  return files;
}

/** Files read between two turns of the event loop, so other build steps are not held up for long. */
const BATCH = 250;

/** What one file gave the scan: names as indices into the record's name list. */
interface FileFacts {
  /** The file's inode, modification time and size when it was read (cache-integrity.ts's stamps, with the size). */
  stamp: string;
  variants: number[];
  cards: number[];
  /** Hash of the bytes of a page marked for the search index. */
  sha1?: string;
}
/** The last build's scan, kept in the cache folder (sealed, like the other records). */
interface ScanRecord {
  names: string[];
  files: Record<string, FileFacts>;
}

/** Reads one file's variants, cards and search hash. */
function readFacts(outDir: string, file: string): { variants: Set<string>; cards: Set<string>; sha1?: string } {
  const bytes = readFileSync(path.join(outDir, file));
  const facts: { variants: Set<string>; cards: Set<string>; sha1?: string } = { variants: new Set(), cards: new Set() };
  addVariants(bytes, facts.variants);
  if (!file.endsWith('.html')) return facts;
  // Cards are named in <head>.
  const headEnd = bytes.indexOf(HEAD_END);
  for (const match of bytes.toString('utf8', 0, headEnd === -1 ? bytes.length : headEnd).matchAll(CARD_PATTERN)) facts.cards.add(match[1]!);
  if (bytes.includes(SEARCH_MARKER)) facts.sha1 = createHash('sha1').update(bytes).digest('hex');
  return facts;
}

async function readRecord(file: string | undefined): Promise<ScanRecord | undefined> {
  if (!file) return undefined;
  // Missing (the first build, a cache without it) or unreadable: every file is read.
  const record = await readSealedJson<ScanRecord>(file).catch(() => undefined);
  if (record === 'damaged') noteDamage('output scan record');
  return typeof record === 'object' ? record : undefined;
}

/**
 * Reads with the synchronous calls: thousands of small files are read three
 * times faster than with fs.promises, whose every open, stat, read and close
 * is a round trip through libuv's thread pool.
 *
 * Most files of a warm build are pages linked from Astro's page cache, the
 * same files the last build scanned: a file whose inode, modification time and
 * size are those recorded when it was read is not read again (the trust rule of
 * src/lib/build/cache-integrity.ts; any write to a file changes its mtime, a
 * page rendered again is a new file). Reading and hashing every page was a
 * visible part of each warm build (BENCHMARKS.md).
 */
async function scan(outDir: string, recordFile: string | undefined): Promise<OutputScan> {
  const result: OutputScan = { variants: new Set(), cards: new Set(), searchPages: [] };
  const previous = await readRecord(recordFile);
  const next: ScanRecord = { names: [], files: {} };
  const ids = new Map<string, number>();
  const id = (name: string) => {
    let n = ids.get(name);
    if (n === undefined) ids.set(name, (n = next.names.push(name) - 1));
    return n;
  };
  const started = Date.now();
  for (const [i, file] of outputFiles(outDir).sort().entries()) {
    if (i > 0 && i % BATCH === 0) await nextTurn();
    const stats = statSync(path.join(outDir, file));
    const stamp = `${stampOf(stats)}:${stats.size}`;
    const known = previous?.files[file];
    const facts =
      known?.stamp === stamp
        ? { variants: known.variants.map((n) => previous!.names[n]!), cards: known.cards.map((n) => previous!.names[n]!), sha1: known.sha1 }
        : readFacts(outDir, file);
    for (const name of facts.variants) result.variants.add(name);
    for (const name of facts.cards) result.cards.add(name);
    if (facts.sha1) result.searchPages.push({ file, sha1: facts.sha1 });
    // A file changed in the last moments could change again within the same mtime tick: read it next time.
    if (started - stats.mtimeMs > RACY_MS)
      next.files[file] = {
        stamp,
        variants: [...facts.variants].map(id),
        cards: [...facts.cards].map(id),
        ...(facts.sha1 && { sha1: facts.sha1 }),
      };
  }
  if (recordFile) writeSealedJsonSync(recordFile, next);
  return result;
}

// One scan per output folder per build, shared by the integrations that need it, and where its record is kept.
const scans = buildRegistry('output-scan', () => ({
  results: new Map<string, Promise<OutputScan>>(),
  recordFile: undefined as string | undefined,
}));

/** In Astro's cacheDir: what the scan of the last site read. */
const SCAN_RECORD = 'output-scan.json';

/** Keeps what the scan read in Astro's `cacheDir`, for the next build (called once, from astro:config:setup). */
export function keepScanRecord(cacheDir: string): void {
  scans().recordFile = path.join(cacheDir, SCAN_RECORD);
}

/**
 * Reads every page and feed in `outDir` once and tells what they reference.
 * Call only after the pages are written (astro:build:done); every caller in
 * the same build gets the same result.
 */
export function scanOutput(outDir: string): Promise<OutputScan> {
  const { results, recordFile } = scans();
  let result = results.get(outDir);
  if (!result) results.set(outDir, (result = scan(outDir, recordFile)));
  return result;
}
