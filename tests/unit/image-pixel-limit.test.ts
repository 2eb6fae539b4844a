import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImageChecks } from '#tools/check/images.ts';
import { ImageError, responsiveImage } from '#src/lib/images/images.ts';
import { PIXEL_LIMIT } from '#src/lib/images/sharp-input.ts';
import { pngClaiming } from '../helpers/png-header.ts';

let dir = '';
const file = (name: string) => path.join(dir, name);
const TOO_LARGE = /is too large \(40000×40000 pixels, limit 268 megapixels\); resize it/;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pixel-limit-'));
  await writeFile(file('big.png'), pngClaiming(40_000, 40_000));
  await writeFile(file('at-limit.png'), pngClaiming(0x3fff, 0x3fff));
  await writeFile(file('past-limit.png'), pngClaiming(0x3fff + 1, 0x3fff));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the pixel limit', () => {
  it("is sharp's own default, so what sharp refuses is what the check calls too large", async () => {
    expect(PIXEL_LIMIT).toBe(0x3fff * 0x3fff);
    await expect(sharp(file('at-limit.png')).metadata()).resolves.toMatchObject({ width: 0x3fff });
    await expect(sharp(file('past-limit.png')).metadata()).rejects.toThrow(/exceeds pixel limit/);
  });
});

describe('an image with more pixels than the limit', () => {
  it('is "too large", with its size, in the post check (not "damaged")', async () => {
    const checks = new ImageChecks(path.join(dir, 'cache'));
    for (const photo of [true, false]) {
      const problem = await checks.check(file('big.png'), photo);
      expect(problem).toMatch(new RegExp(`^${TOO_LARGE.source}`));
      expect(problem).not.toMatch(/damaged/);
    }
    expect(await checks.check(file('past-limit.png'), true)).toMatch(/^is too large \(16384×16383 pixels/);
  });

  it('is "too large", naming the post and the image, on one line in the build', async () => {
    const origin = 'src/content/blog/x.md body image "/big.png"';
    const error = await responsiveImage(file('big.png'), { base: '/', origin }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ImageError);
    const message = (error as Error).message;
    expect(message.startsWith(`${origin}: `)).toBe(true);
    expect(message).toMatch(TOO_LARGE);
    expect(message).not.toContain('\n');
  });
});
