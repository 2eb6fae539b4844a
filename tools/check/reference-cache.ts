/**
 * The references of each post body, kept between runs of the checker: parsing every body with
 * markdown-it costs ~1.5 s per 1,000 posts on every build, and a body that did not change has
 * the same references. Keyed by a SHA-256 of the body (not its file's size and time: a guest
 * cannot make another body share a key), sealed with a checksum like the cache's other records
 * (a damaged record is set aside and every body parsed again), and holding only the bodies of
 * the last run, so it does not grow with every edit.
 */
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { noteDamage, readSealedJson, sealJson } from '#src/lib/build/cache-integrity.ts';
import { writeCacheFile } from '#src/lib/build/publish-file.ts';
import { bodyReferences, type BodyReference } from './body-references.ts';

const RECORD = 'body-references.json';
/** Bump when bodyReferences finds other references in the same text. */
const VERSION = 1;

interface Record {
  version: number;
  bodies: { [hash: string]: BodyReference[] };
}

export class ReferenceCache {
  readonly #file: string;
  #previous: Record['bodies'] = {};
  readonly #now: Record['bodies'] = {};
  #parsed = 0;

  constructor(cacheDir: string) {
    this.#file = path.join(cacheDir, RECORD);
  }

  async load(): Promise<void> {
    const record = await readSealedJson<Record>(this.#file);
    if (record === 'damaged') noteDamage('body-reference record');
    this.#previous = typeof record === 'object' && record.version === VERSION ? record.bodies : {};
  }

  /** The body's references, parsed only when this body was not seen by the last run. */
  references(body: string): BodyReference[] {
    const hash = createHash('sha256').update(body).digest('base64url');
    let found = this.#now[hash] ?? this.#previous[hash];
    if (!found) {
      found = bodyReferences(body);
      this.#parsed += 1;
    }
    this.#now[hash] = found;
    return found;
  }

  /** How many bodies this run parsed (the rest came from the record). */
  get parsed(): number {
    return this.#parsed;
  }

  async save(): Promise<void> {
    const kept = Object.keys(this.#now);
    if (this.#parsed === 0 && kept.length === Object.keys(this.#previous).length) return;
    await mkdir(path.dirname(this.#file), { recursive: true });
    await writeCacheFile(this.#file, sealJson({ version: VERSION, bodies: this.#now } satisfies Record));
  }
}
