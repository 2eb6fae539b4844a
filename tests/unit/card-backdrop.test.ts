import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackdropCache } from '#src/lib/seo/card-backdrop.ts';
import { CARD_HEIGHT, CARD_JPEG, CARD_WIDTH, overlaySvg, renderSocialCard, type CardJob } from '#src/lib/seo/social-card.ts';

let dir = '';

/** A 1600x900 picture with shapes off centre, so the attention crop has something to find. */
async function picture(): Promise<Buffer> {
  const shapes = `<svg width="1600" height="900"><circle cx="420" cy="300" r="240" fill="#f80"/><rect x="950" y="480" width="480" height="320" fill="#0a4"/></svg>`;
  return sharp({ create: { width: 1600, height: 900, channels: 3, background: '#336699' } })
    .composite([{ input: Buffer.from(shapes) }])
    .png()
    .toBuffer();
}

/** The forms of hero editors commit, each written as a file. */
const FORMS: Record<string, (source: Buffer) => Promise<Buffer>> = {
  'webp.webp': (s) => sharp(s).webp().toBuffer(),
  'photo.jpg': (s) => sharp(s).jpeg().toBuffer(),
  'turned by EXIF.jpg': (s) => sharp(s).jpeg().withMetadata({ orientation: 6 }).toBuffer(),
  'Display P3.jpg': (s) => sharp(s).withIccProfile('p3').jpeg().toBuffer(),
  'greyscale.jpg': (s) => sharp(s).greyscale().jpeg().toBuffer(),
  'with alpha.png': (s) => sharp(s).ensureAlpha(0.5).png().toBuffer(),
  '16 bits.png': (s) => sharp(s).toColourspace('rgb16').png().toBuffer(),
  'smaller than the card.png': (s) => sharp(s).resize(400).png().toBuffer(),
  'portrait.webp': (s) => sharp(s).rotate(90).webp().toBuffer(),
  'animated.gif': (s) => sharp(s).gif().toBuffer(),
  'tiff.tiff': (s) => sharp(s).tiff().toBuffer(),
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'card-backdrop-'));
  const source = await picture();
  for (const [name, make] of Object.entries(FORMS)) await writeFile(path.join(dir, name), await make(source));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A card as it was drawn before backdrops: one sharp pipeline from the hero file to the JPEG. */
async function onePipelineCard(job: CardJob): Promise<Buffer> {
  const overlay = job.imageOnly ? [] : [{ input: Buffer.from(await overlaySvg(job, true)), top: 0, left: 0 }];
  return sharp(job.heroFile!)
    .autoOrient()
    .resize(CARD_WIDTH, CARD_HEIGHT, { fit: 'cover', position: 'attention' })
    .composite(overlay)
    .flatten({ background: '#14233a' })
    .jpeg(CARD_JPEG)
    .toBuffer();
}

describe('social cards drawn from a shared backdrop', () => {
  it.each(Object.keys(FORMS))('are byte for byte the cards of one pipeline: %s', async (name) => {
    const backdrops = new BackdropCache(CARD_WIDTH, CARD_HEIGHT);
    const heroFile = path.join(dir, name);
    for (const job of [
      { title: 'How the attention crop picks a part of the hero', kicker: 'Images', heroFile, siteName: 'Site' },
      { title: 'A second post with the same hero and a title that wraps onto more lines', heroFile, siteName: 'Site' },
      { title: 'An editor’s own preview image', heroFile, siteName: 'Site', imageOnly: true },
    ]) {
      const expected = await onePipelineCard(job);
      expect(await renderSocialCard(job, backdrops)).toEqual(expected);
      expect(await renderSocialCard(job)).toEqual(expected);
    }
    expect(backdrops.size).toBe(1);
    // Kept as pixels, except a 16-bit hero, which its own pipeline draws each time (see cropHero).
    expect(await backdrops.get(heroFile)).toSatisfy((crop) => (name === '16 bits.png' ? crop === null : crop !== null));
  });

  it('crop each hero once per batch, however many cards ask at once', async () => {
    const backdrops = new BackdropCache(CARD_WIDTH, CARD_HEIGHT);
    const heroFile = path.join(dir, 'webp.webp');
    const asked = [backdrops.get(heroFile), backdrops.get(heroFile), backdrops.get(heroFile)];
    expect(asked[1]).toBe(asked[0]);
    expect(asked[2]).toBe(asked[0]);
    const crop = await asked[0];
    expect([crop?.width, crop?.height, crop?.channels]).toEqual([CARD_WIDTH, CARD_HEIGHT, 3]);
  });

  it('keep only the most recently used crops', async () => {
    const backdrops = new BackdropCache(CARD_WIDTH, CARD_HEIGHT, 2);
    const [a, b, c] = ['webp.webp', 'photo.jpg', 'tiff.tiff'].map((name) => path.join(dir, name));
    const first = backdrops.get(a!);
    backdrops.get(b!);
    expect(backdrops.get(a!)).toBe(first); // a is now the most recent, b the least
    backdrops.get(c!); // b goes
    expect(backdrops.size).toBe(2);
    expect(backdrops.get(a!)).toBe(first);
    await Promise.all([first, backdrops.get(c!)]);
  });

  it('do not keep a hero that could not be read: the next card reads it again', async () => {
    const backdrops = new BackdropCache(CARD_WIDTH, CARD_HEIGHT);
    const heroFile = path.join(dir, 'written later.png');
    await expect(backdrops.get(heroFile)).rejects.toThrow(/missing|exist/i);
    await writeFile(heroFile, await picture());
    const crop = await backdrops.get(heroFile);
    expect(crop?.width).toBe(CARD_WIDTH);
  });
});
