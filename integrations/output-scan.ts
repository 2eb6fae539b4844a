import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { IMAGE_ROUTE } from '#src/lib/images/images.ts';
import { CARD_ROUTE } from '#src/lib/seo/social-card.ts';
import { buildRegistry } from '#src/lib/build/registries.ts';

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

/**
 * Reads with the synchronous calls: thousands of small files are read three
 * times faster than with fs.promises, whose every open, stat, read and close
 * is a round trip through libuv's thread pool.
 */
async function scan(outDir: string): Promise<OutputScan> {
  const result: OutputScan = { variants: new Set(), cards: new Set(), searchPages: [] };
  const files = outputFiles(outDir).sort();
  for (const [i, file] of files.entries()) {
    if (i > 0 && i % BATCH === 0) await nextTurn();
    const bytes = readFileSync(path.join(outDir, file));
    addVariants(bytes, result.variants);
    if (!file.endsWith('.html')) continue;
    // Cards are named in <head>.
    const headEnd = bytes.indexOf(HEAD_END);
    for (const match of bytes.toString('utf8', 0, headEnd === -1 ? bytes.length : headEnd).matchAll(CARD_PATTERN))
      result.cards.add(match[1]!);
    if (bytes.includes(SEARCH_MARKER)) result.searchPages.push({ file, sha1: createHash('sha1').update(bytes).digest('hex') });
  }
  return result;
}

// One scan per output folder per build, shared by the integrations that need it.
const scans = buildRegistry('output-scan', () => new Map<string, Promise<OutputScan>>());

/**
 * Reads every page and feed in `outDir` once and tells what they reference.
 * Call only after the pages are written (astro:build:done); every caller in
 * the same build gets the same result.
 */
export function scanOutput(outDir: string): Promise<OutputScan> {
  let result = scans().get(outDir);
  if (!result) scans().set(outDir, (result = scan(outDir)));
  return result;
}
