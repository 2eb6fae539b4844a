import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keepUnchangedFiles } from '../../src/lib/build/keep-unchanged.ts';

/** A published site, a fresh build of it and Astro's page cache, in one temporary folder. */
function folders() {
  const root = mkdtempSync(path.join(tmpdir(), 'keep-unchanged-'));
  const [published, fresh, cache] = ['dist', 'staging', 'cache'].map((name) => path.join(root, name));
  for (const dir of [published!, fresh!, cache!]) mkdirSync(dir);
  const write = (dir: string, name: string, text: string, seconds?: number) => {
    writeFileSync(path.join(dir, name), text);
    if (seconds !== undefined) utimesSync(path.join(dir, name), seconds, seconds);
  };
  return { root, published: published!, fresh: fresh!, cache: cache!, write };
}

const made: string[] = [];
afterEach(() => {
  for (const root of made.splice(0)) rmSync(root, { recursive: true, force: true });
});

const stamp = (file: string) => {
  const { ino, mtimeMs } = statSync(file);
  return { ino, mtimeMs };
};

describe('files a build writes again', () => {
  it('keeps a file written again with the same bytes as the published one: its inode and time', () => {
    const { root, published, fresh, write } = folders();
    made.push(root);
    write(published, 'index.html', '<p>home</p>', 1_700_000_000);
    write(fresh, 'index.html', '<p>home</p>');
    const before = stamp(path.join(published, 'index.html'));
    expect(keepUnchangedFiles(fresh, published)).toBe(1);
    expect(stamp(path.join(fresh, 'index.html'))).toEqual(before);
  });

  it('publishes a changed file as written', () => {
    const { root, published, fresh, write } = folders();
    made.push(root);
    write(published, 'index.html', '<p>old</p>', 1_700_000_000);
    write(fresh, 'index.html', '<p>new</p>');
    expect(keepUnchangedFiles(fresh, published)).toBe(0);
    expect(stat(fresh, 'index.html').mtimeMs).not.toBe(1_700_000_000_000);
  });

  it.each([
    ['the same millisecond', 1_700_000_000.123, 1_700_000_000.123],
    // Astro sets a copied page's time from a Date: the same millisecond, a float's hair apart.
    ['a fraction of a millisecond apart', 1_700_000_000.1234567, 1_700_000_000.123],
  ])('leaves alone, unread, a page copied from the page cache with the published time (%s)', (_case, published_s, fresh_s) => {
    const { root, published, fresh, write } = folders();
    made.push(root);
    write(published, 'page.html', 'same size', published_s);
    // Different bytes of the same size prove the file was not read: it is published as the build wrote it.
    write(fresh, 'page.html', 'SAME SIZE', fresh_s);
    const own = stamp(path.join(fresh, 'page.html'));
    expect(keepUnchangedFiles(fresh, published)).toBe(1);
    expect(stamp(path.join(fresh, 'page.html'))).toEqual(own);
  });

  it("gives a kept page's cache copy the published time, so the next build's copy of it is left alone", () => {
    const { root, published, fresh, cache, write } = folders();
    made.push(root);
    write(published, 'page.html', '<p>page</p>', 1_700_000_000);
    write(fresh, 'page.html', '<p>page</p>', 1_800_000_000);
    write(cache, 'page.html', '<p>page</p>', 1_800_000_000);
    write(cache, 'other.html', '<p>another size</p>', 1_800_000_000);
    write(published, 'other.html', '<p>x</p>', 1_700_000_000);
    write(fresh, 'other.html', '<p>x</p>', 1_800_000_000);
    keepUnchangedFiles(fresh, published, { copiesIn: cache });
    expect(stat(cache, 'page.html').mtimeMs).toBe(1_700_000_000_000);
    // A cache copy of another size is not the page that was kept: untouched.
    expect(stat(cache, 'other.html').mtimeMs).toBe(1_800_000_000_000);
  });
});

function stat(dir: string, name: string) {
  return statSync(path.join(dir, name));
}
