import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { damageFound } from '#src/lib/build/cache-integrity.ts';
import { bodyReferences } from '#tools/check/body-references.ts';
import { ReferenceCache } from '#tools/check/reference-cache.ts';

let cacheDir = '';
const BODIES = ['![a](/a.webp)', 'Intro.\n\n![b][r]\n\n[r]: /b.webp', '[c](/blog/c/)'];

/** One checker run over the bodies: what it found and how many it parsed. */
async function run(bodies: readonly string[]) {
  const cache = new ReferenceCache(cacheDir);
  await cache.load();
  const found = bodies.map((body) => cache.references(body));
  await cache.save();
  return { found, parsed: cache.parsed };
}

beforeEach(() => (cacheDir = mkdtempSync(path.join(tmpdir(), 'blog-ref-cache-'))));
afterEach(() => rmSync(cacheDir, { recursive: true, force: true }));

describe('the body-reference record', () => {
  it('parses each body once, and the next run only the bodies that changed', async () => {
    expect((await run(BODIES)).parsed).toBe(3);
    const again = await run([...BODIES.slice(0, 2), '[c](/blog/changed/)']);
    expect(again.parsed).toBe(1);
    expect(again.found).toEqual([...BODIES.slice(0, 2), '[c](/blog/changed/)'].map(bodyReferences));
  });

  it('keeps only the bodies of the last run', async () => {
    await run(BODIES);
    await run(BODIES.slice(0, 1));
    expect((await run(BODIES)).parsed).toBe(2);
  });

  it('is not trusted when damaged: the bodies are parsed again and the damage counted', async () => {
    await run(BODIES);
    const file = path.join(cacheDir, 'body-references.json');
    // A reference to a file outside public/ planted in the record must not replace what the body says.
    writeFileSync(file, readFileSync(file, 'utf8').replace('/a.webp', '/../../etc/passwd'));
    const before = damageFound()['body-reference record'] ?? 0;
    const after = await run(BODIES);
    expect(after.parsed).toBe(3);
    expect(after.found[0]![0]!.target).toBe('/a.webp');
    expect(damageFound()['body-reference record']).toBe(before + 1);
  });
});
