/**
 * What the checker found in each post body, kept between its runs: a body that did not change
 * gives the same finding, so only new or edited bodies are parsed again. Keyed by a SHA-256 of the
 * body (not its file's size and time: a guest cannot make another body share a key), sealed with a
 * checksum like the cache's other records (a damaged record is set aside and every body checked
 * again), and holding only the bodies of the last run, so it does not grow with every edit.
 * reference-cache.ts (links and images) and math-cache.ts (TeX) each keep one.
 */
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { noteDamage, readSealedJson, sealJson } from '#src/lib/build/cache-integrity.ts';
import { writeCacheFile } from '#src/lib/build/publish-file.ts';

interface Record<T> {
  version: number | string;
  bodies: { [hash: string]: T };
}

export class BodyRecord<T> {
  readonly #file: string;
  readonly #version: number | string;
  /** What a damaged record is called in the build's log ("body-reference record"). */
  readonly #name: string;
  #previous: Record<T>['bodies'] = {};
  readonly #now: Record<T>['bodies'] = {};
  #computed = 0;

  /** `version`: change it when the same body would give another finding. */
  constructor(cacheDir: string, options: { file: string; version: number | string; name: string }) {
    this.#file = path.join(cacheDir, options.file);
    this.#version = options.version;
    this.#name = options.name;
  }

  async load(): Promise<void> {
    const record = await readSealedJson<Record<T>>(this.#file);
    if (record === 'damaged') noteDamage(this.#name);
    this.#previous = typeof record === 'object' && record.version === this.#version ? record.bodies : {};
  }

  /** The body's key in the record. */
  static key(body: string): string {
    return createHash('sha256').update(body).digest('base64url');
  }

  /** The finding for the body of `key` when this run or the last one made it (kept for the next run), else undefined. */
  known(key: string): T | undefined {
    const found = this.#now[key] ?? this.#previous[key];
    if (found !== undefined) this.#now[key] = found;
    return found;
  }

  /** Keeps a finding this run made, and returns it. */
  add(key: string, found: T): T {
    this.#now[key] = found;
    this.#computed += 1;
    return found;
  }

  /** How many bodies this run checked itself (the rest came from the record). */
  get computed(): number {
    return this.#computed;
  }

  async save(): Promise<void> {
    if (this.#computed === 0 && Object.keys(this.#now).length === Object.keys(this.#previous).length) return;
    await mkdir(path.dirname(this.#file), { recursive: true });
    await writeCacheFile(this.#file, sealJson({ version: this.#version, bodies: this.#now } satisfies Record<T>));
  }
}
