/**
 * Synthetic photographs for the benchmark: smooth colour fields, multi-scale
 * texture (fractal value noise), film grain, a hard horizon and a few
 * translucent shapes with sharp edges. Encoders see what they see in real
 * photos (gradients, edges, fine detail), so encode times and file sizes
 * behave like a blog's heroes, not like flat test cards. Deterministic per seed.
 */
import sharp from 'sharp';

/** A seeded source of floats in [0, 1). */
export type Rng = () => number;

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1); the sample images use it too. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random grid of gw x gh cells, upscaled smoothly to w x h (one or three channels). */
async function field(rng: Rng, gw: number, gh: number, w: number, h: number, channels: 1 | 3): Promise<Buffer> {
  const grid = Buffer.alloc(gw * gh * channels);
  for (let i = 0; i < grid.length; i += 1) grid[i] = Math.floor(rng() * 256);
  let image = sharp(grid, { raw: { width: gw, height: gh, channels } }).resize(w, h, { kernel: 'cubic', fit: 'fill' });
  // libvips turns a one-band image into sRGB on output; keep one band.
  if (channels === 1) image = image.extractChannel(0);
  return image.raw().toBuffer();
}

/** Writes a w x h photo-like webp (quality 85) to `file`. */
export async function writePhoto(file: string, seed: number, w = 1600, h = 900): Promise<void> {
  const rng = mulberry32(seed * 7919 + 17);
  const [color, coarse, medium, fine] = await Promise.all([
    field(rng, 4, 3, w, h, 3),
    field(rng, 16, 9, w, h, 1),
    field(rng, 64, 36, w, h, 1),
    field(rng, 320, 180, w, h, 1),
  ]);
  const horizon = h * (0.35 + rng() * 0.35);
  const tilt = (rng() - 0.5) * 0.3;
  const pixels = Buffer.alloc(w * h * 3);
  let state = Math.imul(seed, 2654435761) >>> 0 || 1;
  for (let y = 0, p = 0; y < h; y += 1) {
    for (let x = 0; x < w; x += 1, p += 1) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      const grain = ((state >>> 0) / 4294967296 - 0.5) * 18;
      const light = (0.45 * coarse[p]! + 0.35 * medium[p]! + 0.2 * fine[p]!) / 200;
      const shade = y > horizon + tilt * (x - w / 2) ? 0.6 : 1;
      for (let c = 0; c < 3; c += 1) {
        const v = (color[p * 3 + c]! * 0.6 + 60) * light * shade + grain;
        pixels[p * 3 + c] = v < 0 ? 0 : v > 255 ? 255 : v;
      }
    }
  }
  const shapes = Array.from({ length: 6 }, () => {
    const cx = Math.round(rng() * w);
    const cy = Math.round(rng() * h);
    const size = Math.round(40 + rng() * 220);
    const hue = Math.floor(rng() * 360);
    const alpha = (0.25 + rng() * 0.5).toFixed(2);
    return rng() < 0.5
      ? `<circle cx="${cx}" cy="${cy}" r="${size}" fill="hsla(${hue},60%,55%,${alpha})"/>`
      : `<rect x="${cx}" y="${cy}" width="${Math.round(size * 1.6)}" height="${size}" transform="rotate(${Math.floor(rng() * 40 - 20)} ${cx} ${cy})" fill="hsla(${hue},50%,45%,${alpha})"/>`;
  }).join('');
  const overlay = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">${shapes}</svg>`);
  await sharp(pixels, { raw: { width: w, height: h, channels: 3 } })
    .composite([{ input: overlay, blend: 'soft-light' }])
    .webp({ quality: 85, effort: 1 })
    .toFile(file);
}
