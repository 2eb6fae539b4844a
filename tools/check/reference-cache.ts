/** The references (links, images) of each post body, kept between runs of the checker (body-record.ts): parsing every body with markdown-it costs ~1.5 s per 1,000 posts on every build. */
import { BodyRecord } from './body-record.ts';
import { bodyReferences, type BodyReference } from './body-references.ts';

/** Bump when bodyReferences finds other references in the same text. */
const VERSION = 1;

export class ReferenceCache {
  readonly #record: BodyRecord<BodyReference[]>;

  constructor(cacheDir: string) {
    this.#record = new BodyRecord(cacheDir, { file: 'body-references.json', version: VERSION, name: 'body-reference record' });
  }

  load(): Promise<void> {
    return this.#record.load();
  }

  /** The body's references, parsed only when this body was not seen by the last run. */
  references(body: string): BodyReference[] {
    const key = BodyRecord.key(body);
    return this.#record.known(key) ?? this.#record.add(key, bodyReferences(body));
  }

  /** How many bodies this run parsed (the rest came from the record). */
  get parsed(): number {
    return this.#record.computed;
  }

  save(): Promise<void> {
    return this.#record.save();
  }
}
