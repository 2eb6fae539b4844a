/**
 * The hero behind a social card, cropped to the card's size, as raw pixels.
 *
 * Decoding a 1600 px hero and cropping it with the attention strategy is about half of a card's
 * CPU time (BENCHMARKS.md "Issue 18"). Posts often share a hero (a category's stock picture, a
 * series' banner; the benchmark's shared corpus has 12 for 1,000 posts), and a card's pixels
 * depend on the hero only through this crop, so one batch of cards decodes each hero once.
 * Drawing from the raw crop gives the same JPEG bytes as the single pipeline it replaces
 * (tests/unit/card-backdrop.test.ts, for each form of hero an editor commits).
 */
import sharp, { type Sharp } from 'sharp';
import { EDITOR_IMAGE } from '#src/lib/images/sharp-input.ts';

export interface Backdrop {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

/** The hero turned by its EXIF orientation and cropped to fill width x height: the one rule for a card's background. */
export function heroPipeline(heroFile: string, width: number, height: number): Sharp {
  return sharp(heroFile, EDITOR_IMAGE).autoOrient().resize(width, height, { fit: 'cover', position: 'attention' });
}

/**
 * The crop as 8-bit pixels, or null for a hero with deeper samples (a 16-bit PNG): its crop
 * would come out premultiplied and on another scale, and the card would not be the one its
 * single pipeline draws, so such a hero is drawn that way each time.
 */
export async function cropHero(heroFile: string, width: number, height: number): Promise<Backdrop | null> {
  const pipeline = heroPipeline(heroFile, width, height);
  // metadata() describes the input: the hero's own sample depth.
  const { depth } = await pipeline.metadata();
  if (depth !== 'uchar') return null;
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

/** A sharp pipeline that starts from the backdrop's pixels. */
export function fromBackdrop({ data, width, height, channels }: Backdrop): Sharp {
  return sharp(data, { raw: { width, height, channels } });
}

/**
 * The crops of one batch of cards, the most recently used kept. At most `limit` crops stay in
 * memory (a 1200x630 crop is 2.3 MB, 3 MB with alpha). Meant to live as long as one batch:
 * a hero file edited between batches is read again by the next one.
 */
export class BackdropCache {
  readonly #crops = new Map<string, Promise<Backdrop | null>>();
  readonly width: number;
  readonly height: number;
  readonly limit: number;

  constructor(width: number, height: number, limit = 16) {
    this.width = width;
    this.height = height;
    this.limit = limit;
  }

  /** The hero's crop, or null when it is drawn with its own pipeline each time (see cropHero). */
  get(heroFile: string): Promise<Backdrop | null> {
    let crop = this.#crops.get(heroFile);
    if (crop) this.#crops.delete(heroFile);
    else {
      crop = cropHero(heroFile, this.width, this.height);
      // A failed crop is not kept: the card that asked reports it, and the next one tries again.
      crop.catch(() => {
        if (this.#crops.get(heroFile) === crop) this.#crops.delete(heroFile);
      });
    }
    // Map order is insertion order: re-inserting makes this the most recent, the first the least.
    this.#crops.set(heroFile, crop);
    if (this.#crops.size > this.limit) this.#crops.delete(this.#crops.keys().next().value!);
    return crop;
  }

  get size(): number {
    return this.#crops.size;
  }
}
