/**
 * How an editor's image is opened with sharp, by the post check and by the build alike: one
 * pixel limit, a header read that can name an image too large to decode, and sharp's reason on
 * one line.
 */
import sharp, { type Metadata, type SharpOptions } from 'sharp';

/**
 * The most pixels (width × height) an image may have: sharp's own default `limitInputPixels`
 * (0x3FFF², about 268 megapixels), given to every decode explicitly so the check and the
 * build refuse the same images. A 16,000 px square photo fits; decoding more would take
 * gigabytes of memory for a picture shown at most 1,600 px wide.
 */
export const PIXEL_LIMIT = 0x3fff * 0x3fff;

/** Options for every sharp call that decodes an editor's image. */
export const EDITOR_IMAGE: SharpOptions = { limitInputPixels: PIXEL_LIMIT };

/**
 * An image's header, whatever its pixel size: metadata does not decode the pixels, so the limit
 * is lifted here, and a 40,000 px square comes back with its size instead of sharp's "Input
 * image exceeds pixel limit", for `tooLarge` to name.
 */
export function readHeader(input: string | Buffer): Promise<Metadata> {
  return sharp(input, { limitInputPixels: false }).metadata();
}

/** "is too large (40000×40000 pixels, limit 268 megapixels); resize it …", or null for an image within the limit. */
export function tooLarge({ width, height }: Pick<Metadata, 'width' | 'height'>): string | null {
  if (!width || !height || width * height <= PIXEL_LIMIT) return null;
  return `is too large (${width}×${height} pixels, limit ${Math.floor(PIXEL_LIMIT / 1e6)} megapixels); resize it (pages show at most 1,600 pixels wide) and save it again`;
}

/** sharp's reason for a failure, on one line ("VipsJpeg: premature end of JPEG image"). */
export function sharpReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (
    message
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .at(-1) ?? 'unknown reason'
  );
}
