/** Cached files checked before they are reused: a size and CRC-32 recorded when each was made. */
import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { withPath, writeCacheFile } from './publish-file.ts';
import { buildRegistry } from './registries.ts';

/**
 * What a cached file looked like when it was made: its size and CRC-32.
 * The size catches every truncation; CRC-32 catches every change of up to 32
 * consecutive bits and misses random junk once in four billion, which is as
 * sure as a cryptographic hash against damage (this guards against dying
 * runners and deploy steps, not attackers) at four times its speed: a warm
 * 1,000-post build reads about 5,000 cached files (BENCHMARKS.md).
 */
export type Fingerprint = `${number}:${number}`;

export function fingerprint(bytes: Uint8Array | string): Fingerprint {
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
  return `${buffer.byteLength}:${crc32(buffer)}`;
}

/** One buffer for every file checked: a warm build reads 220 MB of cached files, and a buffer each cost more than the checksums. */
let scratch = Buffer.alloc(1 << 20);

/**
 * The fingerprint of a file, or undefined when there is none. Its size is
 * looked up first: a file of another size than `expectedSize` is not read.
 */
export function fingerprintOfFile(file: string, expectedSize: number): Fingerprint | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const { size } = fstatSync(fd);
    if (size !== expectedSize) return `${size}:-1`;
    if (scratch.length < size) scratch = Buffer.alloc(size);
    let read = 0;
    while (read < size) {
      const got = readSync(fd, scratch, read, size - read, read);
      if (got === 0) break;
      read += got;
    }
    return `${read}:${crc32(scratch.subarray(0, read))}`;
  } finally {
    closeSync(fd);
  }
}

/** JSON with its own fingerprint, so a record that was cut short or overwritten is known as damaged rather than trusted. */
export function sealJson(value: unknown): string {
  const body = JSON.stringify(value);
  return JSON.stringify({ fingerprint: fingerprint(body), body });
}

/**
 * The value `sealJson` sealed; 'damaged' when the text is not what it wrote;
 * undefined for JSON that was never sealed (a record from before records were
 * sealed), which is not trusted either but is no sign of damage.
 */
export function unsealJson<T>(text: string): T | undefined | 'damaged' {
  let sealed: unknown;
  try {
    sealed = JSON.parse(text);
  } catch {
    return 'damaged';
  }
  if (typeof sealed !== 'object' || sealed === null || !('fingerprint' in sealed) || !('body' in sealed)) return undefined;
  const { fingerprint: expected, body } = sealed as { fingerprint: unknown; body: unknown };
  if (typeof body !== 'string' || expected !== fingerprint(body)) return 'damaged';
  return JSON.parse(body) as T;
}

/** Reads a sealed JSON file: undefined when there is none, 'damaged' when it is not intact. */
export async function readSealedJson<T>(file: string): Promise<T | undefined | 'damaged'> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  return text === undefined ? undefined : unsealJson<T>(text);
}

// ---- Damage found in this build ---------------------------------------------

const damage = buildRegistry('cache-damage', () => new Map<string, number>());

/** Counts one damaged cache entry of a kind ("image variant", "page", …) that is being made again. */
export function noteDamage(kind: string, count = 1): void {
  damage().set(kind, (damage().get(kind) ?? 0) + count);
}

/** Damaged entries found so far in this process, by kind. */
export function damageFound(): Record<string, number> {
  return Object.fromEntries(damage());
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** The build log's line, e.g. "2 damaged cache entries made again (1 image variant, 1 page)", or null when there were none. */
export function damageSummary(found: Record<string, number> = damageFound()): string | null {
  const kinds = Object.entries(found)
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const total = kinds.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) return null;
  const entries = total === 1 ? '1 damaged cache entry' : `${total} damaged cache entries`;
  return `${entries} made again (${kinds.map(([kind, count]) => plural(count, kind)).join(', ')})`;
}

// ---- A folder of cached files -----------------------------------------------

const RECORD = 'integrity.json';

/**
 * Where a file was, and when it last changed, when its contents were read and
 * found as written: its inode and modification time. Every way a cached file
 * gets damaged changes one of them: writing into it (a deploy step editing
 * `dist/`, junk from a dying runner) changes the mtime; restoring or copying
 * a cache (tar, actions/cache, cp) makes new inodes. So a file with the same
 * size and stamp as when it was read is the file that was read, and the next
 * build trusts it for one stat instead of reading it. Hard links and the
 * background delete of the previous site change the ctime, so it is not used.
 */
export type Stamp = `${number}:${number}`;
export const stampOf = (stats: Stats): Stamp => `${stats.ino}:${stats.mtimeMs}`;
/**
 * A file modified this recently is read again next time rather than stamped:
 * file times tick in steps (a few ms on Linux, up to 2 s on some file
 * systems), so a write in the same step as the check would keep the stamp
 * (git's "racy" index entries, handled the same way).
 */
export const RACY_MS = 2_000;

/** The sealed record: fingerprints of the files, and the stamps of those read intact. */
interface IntegrityRecord {
  files: Record<string, Fingerprint>;
  stamps: Record<string, Stamp>;
}

/**
 * A cache folder whose files are each checked against the fingerprint
 * recorded when they were written, before a build reuses them. Published
 * files are hard links into the cache (publish-file.ts), so a file edited in
 * `dist/` after a build fails the same check on the next one.
 *
 * A file without a record (written by a build that was killed before it
 * saved the record) is not trusted either: it is made again, silently.
 */
export class VerifiedFolder {
  readonly dir: string;
  readonly #kind: string;
  readonly #recordFile: string;
  #entries: Record<string, Fingerprint> = {};
  #stamps: Record<string, Stamp> = {};
  /** Files whose contents this process read to check them (the others were trusted on their stamp). */
  filesRead = 0;
  /** Names checked or written by this process, so each file is read at most once. */
  #intact = new Set<string>();
  /** Names this process wrote: a stamp in the record read later is of their old contents. */
  #written: Record<string, true> = {};
  #loaded: Promise<void> | undefined;
  #changed = false;
  /** Saves run one after another: two at once would share a temporary file name. */
  #saving: Promise<void> = Promise.resolve();

  constructor(dir: string, kind: string, recordFile = path.join(dir, RECORD)) {
    this.dir = dir;
    this.#kind = kind;
    this.#recordFile = recordFile;
  }

  /** Reads the record once per process; a damaged record counts as one damaged entry and trusts nothing. */
  load(): Promise<void> {
    return (this.#loaded ??= readSealedJson<IntegrityRecord>(this.#recordFile).then((record) => {
      if (record === 'damaged') {
        noteDamage(`${this.#kind} record`);
        this.#changed = true;
      }
      // A record from before stamps were kept is its fingerprints alone: nothing is trusted unread.
      const read: IntegrityRecord =
        typeof record !== 'object'
          ? { files: {}, stamps: {} }
          : 'files' in record && 'stamps' in record
            ? record
            : { files: record as unknown as Record<string, Fingerprint>, stamps: {} };
      // Files this process wrote before the record was read keep their new fingerprints.
      this.#entries = { ...read.files, ...this.#entries };
      for (const [name, stamp] of Object.entries(read.stamps)) if (!(name in this.#written)) this.#stamps[name] = stamp;
    }));
  }

  /**
   * Call after `load()`. True when `name` (at `file`, by default `dir/name`) is
   * in the folder exactly as written; a damaged file is counted.
   */
  isIntact(name: string, file = path.join(this.dir, name)): boolean {
    if (this.#intact.has(name)) return true;
    const expected = this.#entries[name];
    if (!expected) return false;
    const size = Number(expected.slice(0, expected.indexOf(':')));
    const stats = statSync(file, { throwIfNoEntry: false });
    if (!stats) return false;
    if (stats.size === size && this.#stamps[name] === stampOf(stats)) {
      this.#intact.add(name);
      return true;
    }
    const actual = stats.size === size ? fingerprintOfFile(file, size) : undefined;
    this.filesRead += 1;
    if (actual === expected) {
      this.#intact.add(name);
      const stamp = Date.now() - stats.mtimeMs > RACY_MS ? stampOf(stats) : undefined;
      if (stamp !== this.#stamps[name]) {
        if (stamp) this.#stamps[name] = stamp;
        else delete this.#stamps[name];
        this.#changed = true;
      }
      return true;
    }
    if (actual === undefined && stats.size === size) return false; // gone between the stat and the read
    noteDamage(this.#kind);
    delete this.#entries[name];
    delete this.#stamps[name];
    this.#changed = true;
    return false;
  }

  /**
   * Call after `load()`. Records `name` from its bytes on disk unless it is the file
   * checked or recorded earlier (same size and stamp): for files another program
   * (Astro's page cache) has written since.
   */
  recordIfRewritten(name: string): void {
    const file = path.join(this.dir, name);
    const stats = statSync(file, { throwIfNoEntry: false });
    if (!stats) return;
    const expected = this.#entries[name];
    if (expected && Number(expected.slice(0, expected.indexOf(':'))) === stats.size && this.#stamps[name] === stampOf(stats)) return;
    this.record(name, readFileSync(file));
  }

  /** Call after `load()`. The names the record holds. */
  recordedNames(): string[] {
    return Object.keys(this.#entries);
  }

  /** Writes a file into the folder (under a temporary name, then renamed) and records it. */
  async write(name: string, bytes: Uint8Array | string): Promise<void> {
    const file = path.join(this.dir, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeCacheFile(file, bytes);
    this.record(name, bytes);
  }

  /** Records a file this process wrote by other means, from the bytes it wrote. */
  record(name: string, bytes: Uint8Array | string): void {
    this.#entries[name] = fingerprint(bytes);
    // New contents: the next build reads them once before it trusts their stamp.
    delete this.#stamps[name];
    this.#written[name] = true;
    this.#intact.add(name);
    this.#changed = true;
  }

  #sorted(): IntegrityRecord {
    const sorted = <T>(entries: Record<string, T>) => Object.fromEntries(Object.entries(entries).sort(([a], [b]) => (a < b ? -1 : 1)));
    return { files: sorted(this.#entries), stamps: sorted(this.#stamps) };
  }

  /** Saves the record when this process wrote or found damaged entries. Entries not used in this build keep theirs. */
  save(): Promise<void> {
    const next = this.#saving.then(async () => {
      if (!this.#changed) return;
      this.#changed = false;
      await mkdir(path.dirname(this.#recordFile), { recursive: true });
      await writeCacheFile(this.#recordFile, sealJson(this.#sorted()));
    });
    this.#saving = next.catch(() => undefined);
    return next;
  }

  /** `save` for a caller that cannot wait (Astro's synchronous writeManifest). */
  saveSync(): void {
    if (!this.#changed) return;
    writeSealedJsonSync(this.#recordFile, this.#sorted());
    this.#changed = false;
  }
}

const verifiedFolders = buildRegistry('verified-folders', () => new Map<string, VerifiedFolder>());

/** The process's `VerifiedFolder` for `dir`, made on first use. */
export function verifiedFolder(dir: string, kind: string, recordFile?: string): VerifiedFolder {
  const folders = verifiedFolders();
  let folder = folders.get(dir);
  if (!folder) folders.set(dir, (folder = new VerifiedFolder(dir, kind, recordFile)));
  return folder;
}

/** `sealJson` written synchronously under a temporary name, then renamed. */
export function writeSealedJsonSync(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(partial, sealJson(value));
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw withPath(error, file);
  }
}
