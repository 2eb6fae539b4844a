/**
 * The math check's verdict on each Markdown body, kept between runs of the checker (body-record.ts):
 * rendering every formula again costs about a millisecond a formula on every build (BENCHMARKS.md,
 * "Math"). Recorded only for bodies that have math, with Temml's version in the record (another
 * parser may read the same TeX otherwise).
 */
import { createRequire } from 'node:module';
import { BodyRecord } from './body-record.ts';
import { markdownMathProblems, mayHaveMath, type MathProblem } from './math-check.ts';

/** Bump the first number when the math check reports other problems for the same body. Temml's version from its package file: the parser itself loads only for a body with math. */
const VERSION = `1/temml-${(createRequire(import.meta.url)('temml/package.json') as { version: string }).version}`;

export class MathChecks {
  readonly #record: BodyRecord<MathProblem[]>;

  constructor(cacheDir: string) {
    this.#record = new BodyRecord(cacheDir, { file: 'checked-math.json', version: VERSION, name: 'math check record' });
  }

  load(): Promise<void> {
    return this.#record.load();
  }

  /** The math problems of a Markdown body, checked only when the last run did not see this body. */
  async problems(body: string): Promise<MathProblem[]> {
    if (!mayHaveMath(body)) return [];
    const key = BodyRecord.key(body);
    return this.#record.known(key) ?? this.#record.add(key, await markdownMathProblems(body));
  }

  /** How many bodies this run checked (the rest came from the record). */
  get checked(): number {
    return this.#record.computed;
  }

  save(): Promise<void> {
    return this.#record.save();
  }
}
