import { readFileSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { damageFound, damageSummary, sealJson, unsealJson, VerifiedFolder } from '#src/lib/build/cache-integrity.ts';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'blog-integrity-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A folder written by one build and read by the next (a new process: a new instance). */
async function writtenFolder(files: Record<string, string>): Promise<void> {
  const folder = new VerifiedFolder(dir, 'test file');
  await folder.load();
  for (const [name, text] of Object.entries(files)) await folder.write(name, text);
  await folder.save();
}
async function nextBuild(): Promise<VerifiedFolder> {
  const folder = new VerifiedFolder(dir, 'test file');
  await folder.load();
  return folder;
}

describe('a verified cache folder', () => {
  it('reuses a file exactly as written and rejects one cut short, overwritten or never recorded', async () => {
    await writtenFolder({ 'a.txt': 'alpha alpha', 'b.txt': 'bravo bravo', 'c.txt': 'charlie' });
    writeFileSync(path.join(dir, 'b.txt'), 'bravo');
    writeFileSync(path.join(dir, 'c.txt'), 'CHARLIE');
    writeFileSync(path.join(dir, 'stray.txt'), 'no record');
    const before = damageFound()['test file'] ?? 0;
    const folder = await nextBuild();
    expect(['a.txt', 'b.txt', 'c.txt', 'stray.txt', 'missing.txt'].map((name) => folder.isIntact(name))).toEqual([
      true,
      false,
      false,
      false,
      false,
    ]);
    // Only files that were recorded and changed count as damaged.
    expect((damageFound()['test file'] ?? 0) - before).toBe(2);
  });

  it('trusts nothing from a damaged record and counts the record', async () => {
    await writtenFolder({ 'a.txt': 'alpha' });
    const record = path.join(dir, 'integrity.json');
    writeFileSync(record, readFileSync(record, 'utf8').replace('alpha', 'bravo').slice(0, -3));
    const before = damageFound()['test file record'] ?? 0;
    expect((await nextBuild()).isIntact('a.txt')).toBe(false);
    expect((damageFound()['test file record'] ?? 0) - before).toBe(1);
  });

  it('keeps the record of files this build did not use', async () => {
    await writtenFolder({ 'a.txt': 'alpha', 'b.txt': 'bravo' });
    const second = await nextBuild();
    await second.write('c.txt', 'charlie');
    await second.save();
    const third = await nextBuild();
    expect(['a.txt', 'b.txt', 'c.txt'].every((name) => third.isIntact(name))).toBe(true);
  });
});

describe('sealed JSON', () => {
  it('gives back what was sealed and tells damage from a record that was never sealed', () => {
    const sealed = sealJson({ x: [1, 2] });
    expect(unsealJson(sealed)).toEqual({ x: [1, 2] });
    expect(unsealJson(sealed.replace('[1,2]', '[1,3]'))).toBe('damaged');
    expect(unsealJson(sealed.slice(0, 20))).toBe('damaged');
    expect(unsealJson('{"plain":"json"}')).toBeUndefined();
  });
});

describe('the damage line', () => {
  it('counts entries by kind, in a fixed order', () => {
    expect(damageSummary({ page: 1, 'image variant': 1 })).toBe('2 damaged cache entries made again (1 image variant, 1 page)');
    expect(damageSummary({ 'social card': 1 })).toBe('1 damaged cache entry made again (1 social card)');
    expect(damageSummary({})).toBeNull();
  });
});

describe('a record read after this build wrote files', () => {
  it('keeps what this build wrote', async () => {
    await writtenFolder({ 'a.txt': 'alpha' });
    const folder = new VerifiedFolder(dir, 'test file');
    // A page rendered and written before the first cached one was looked up.
    folder.record('b.txt', 'bravo');
    writeFileSync(path.join(dir, 'b.txt'), 'bravo');
    await folder.load();
    await folder.save();
    const next = await nextBuild();
    expect(next.isIntact('a.txt') && next.isIntact('b.txt')).toBe(true);
  });
});

describe('files read intact once are trusted on their stamp (inode, size, mtime)', () => {
  /** Files written a minute ago, read intact by one build: what the build after finds. */
  async function stampedFolder(files: Record<string, string>): Promise<void> {
    await writtenFolder(files);
    const minuteAgo = new Date(Date.now() - 60_000);
    for (const name of Object.keys(files)) utimesSync(path.join(dir, name), minuteAgo, minuteAgo);
    const reader = await nextBuild();
    expect(Object.keys(files).every((name) => reader.isIntact(name))).toBe(true);
    expect(reader.filesRead).toBe(Object.keys(files).length);
    await reader.save();
  }

  it('the next build reads none of them', async () => {
    await stampedFolder({ 'a.txt': 'alpha', 'b.txt': 'bravo' });
    const next = await nextBuild();
    expect(next.isIntact('a.txt') && next.isIntact('b.txt')).toBe(true);
    expect(next.filesRead).toBe(0);
  });

  it('a write into a stamped file (same size, as a deploy step editing dist/ in place) is still caught', async () => {
    await stampedFolder({ 'a.txt': 'alpha', 'b.txt': 'bravo' });
    writeFileSync(path.join(dir, 'b.txt'), 'BRAVO');
    const before = damageFound()['test file'] ?? 0;
    const next = await nextBuild();
    expect([next.isIntact('a.txt'), next.isIntact('b.txt')]).toEqual([true, false]);
    expect((damageFound()['test file'] ?? 0) - before).toBe(1);
  });

  it('a file restored with its old mtime (tar, a CI cache) is a new inode, so it is read again', async () => {
    await stampedFolder({ 'a.txt': 'alpha' });
    const file = path.join(dir, 'a.txt');
    const { mtime } = statSync(file);
    writeFileSync(`${file}.restored`, 'ALPHA');
    renameSync(`${file}.restored`, file);
    utimesSync(file, mtime, mtime);
    const next = await nextBuild();
    expect(next.isIntact('a.txt')).toBe(false);
    expect(next.filesRead).toBe(1);
  });

  it('a file changed in the last two seconds is read again next time (file times tick in steps)', async () => {
    await writtenFolder({ 'a.txt': 'alpha' });
    const reader = await nextBuild();
    expect(reader.isIntact('a.txt')).toBe(true);
    await reader.save();
    const next = await nextBuild();
    expect(next.isIntact('a.txt')).toBe(true);
    expect(next.filesRead).toBe(1);
  });

  it('a file written again by a build loses its stamp', async () => {
    await stampedFolder({ 'a.txt': 'alpha' });
    const writer = await nextBuild();
    await writer.write('a.txt', 'ALPHA');
    await writer.save();
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(path.join(dir, 'a.txt'), minuteAgo, minuteAgo);
    const next = await nextBuild();
    expect(next.isIntact('a.txt')).toBe(true);
    expect(next.filesRead).toBe(1);
  });
});
