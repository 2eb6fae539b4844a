/**
 * The math check's verdict on each Markdown body, kept between runs of the checker: rendering
 * every formula again costs about a millisecond a formula on every build (BENCHMARKS.md, "Math"),
 * and a body that did not change has the same verdict. Keyed by a SHA-256 of the body, recorded
 * only for bodies that have math, with Temml's version in the record (another parser may read the
 * same TeX otherwise), sealed like the cache's other records and holding only the last run's bodies.
 */
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { noteDamage, readSealedJson, sealJson } from '#src/lib/build/cache-integrity.ts';
import { writeCacheFile } from '#src/lib/build/publish-file.ts';
import { markdownMathProblems, mayHaveMath, type MathProblem } from './math-check.ts';

const RECORD = 'checked-math.json';
/** Bump the first number when the math check reports other problems for the same body. Temml's version from its package file: the parser itself loads only for a body with math. */
const VERSION = `1/temml-${(createRequire(import.meta.url)('temml/package.json') as { version: string }).version}`;

interface Record {
  version: string;
  bodies: { [hash: string]: MathProblem[] };
}

export class MathChecks {
  readonly #file: string;
  #previous: Record['bodies'] = {};
  readonly #now: Record['bodies'] = {};
  #checked = 0;

  constructor(cacheDir: string) {
    this.#file = path.join(cacheDir, RECORD);
  }

  async load(): Promise<void> {
    const record = await readSealedJson<Record>(this.#file);
    if (record === 'damaged') noteDamage('math check record');
    this.#previous = typeof record === 'object' && record.version === VERSION ? record.bodies : {};
  }

  /** The math problems of a Markdown body, checked only when the last run did not see this body. */
  async problems(body: string): Promise<MathProblem[]> {
    if (!mayHaveMath(body)) return [];
    const hash = createHash('sha256').update(body).digest('base64url');
    let found = this.#now[hash] ?? this.#previous[hash];
    if (!found) {
      found = await markdownMathProblems(body);
      this.#checked += 1;
    }
    this.#now[hash] = found;
    return found;
  }

  /** How many bodies this run checked (the rest came from the record). */
  get checked(): number {
    return this.#checked;
  }

  async save(): Promise<void> {
    if (this.#checked === 0 && Object.keys(this.#now).length === Object.keys(this.#previous).length) return;
    await mkdir(path.dirname(this.#file), { recursive: true });
    await writeCacheFile(this.#file, sealJson({ version: VERSION, bodies: this.#now } satisfies Record));
  }
}
