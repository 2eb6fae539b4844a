/** Images a post uses, checked the way the build reads them: they exist, and they decode. */
import { statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { noteDamage, readSealedJson, sealJson } from '#src/lib/build/cache-integrity.ts';
import { writeCacheFile } from '#src/lib/build/publish-file.ts';
import { bodyImageSource, REMOTE_IMAGE_PROBLEM, UNSERVABLE_IMAGE_PROBLEM } from '#src/lib/images/body-image-source.ts';
import { EDITOR_IMAGE, readHeader, sharpReason, tooLarge } from '#src/lib/images/sharp-input.ts';
import { quoted, resolveReadable } from '#src/lib/urls/safe-paths.ts';
import { isFile, type ProjectPaths } from '#src/lib/urls/site-paths.ts';
import type { CheckOptions } from './problems.ts';

const IMAGE_FORMATS = new Set(['jpeg', 'png', 'webp', 'avif', 'gif', 'tiff']);

/**
 * Reads an image the way the build will: its header, then every pixel (at a
 * reduced size, which still reads the whole file), so a truncated download, a
 * garbled export or a picture too large to decode is reported here, naming the
 * post, instead of failing later inside Astro. `photo` limits heroes to the formats made into webp.
 */
async function inspectImage(file: string, photo: boolean): Promise<string | null> {
  let format: string | undefined;
  try {
    const meta = await readHeader(file);
    format = meta.format;
    if (photo && (!format || !IMAGE_FORMATS.has(format)))
      return `is a ${format ?? 'unknown'} file, not a photo format (use webp, jpeg, png or avif)`;
    if (!meta.width || !meta.height) return 'has no pixel size';
    const oversize = tooLarge(meta);
    if (oversize) return oversize;
  } catch (error) {
    const reason = sharpReason(error);
    if (/unsupported image format/i.test(reason)) return 'is not an image; use a webp, jpeg, png or avif file';
    return `is damaged and cannot be read (${reason}); export or download it again`;
  }
  try {
    await sharp(file, EDITOR_IMAGE).resize({ width: 64, height: 64, fit: 'inside', withoutEnlargement: true }).raw().toBuffer();
    return null;
  } catch (error) {
    return `is damaged: its ${format ?? 'image'} data cannot be decoded (${sharpReason(error)}); export or download it again`;
  }
}

const IMAGE_CHECK_CACHE = 'checked-images.json';

/**
 * Image checks for one run, each file decoded at most once. Files that passed
 * are remembered in the cache folder by size and modification time, so the
 * next build decodes only new or changed images.
 */
export class ImageChecks {
  #passed: Record<string, string> = {};
  #running = new Map<string, Promise<string | null>>();
  #changed = false;
  #decoded = 0;
  readonly #cacheFile: string;

  constructor(cacheDir: string) {
    this.#cacheFile = path.join(cacheDir, IMAGE_CHECK_CACHE);
  }

  async load(): Promise<void> {
    // Sealed with a checksum: a damaged record would otherwise pass images nobody decoded.
    const record = await readSealedJson<Record<string, string>>(this.#cacheFile);
    if (record === 'damaged') noteDamage('checked-image record');
    this.#passed = typeof record === 'object' ? record : {};
  }

  /** null when the file is a readable image, else what is wrong with it. */
  check(file: string, photo: boolean): Promise<string | null> {
    const key = `${file}|${photo ? 'photo' : 'any'}`;
    let running = this.#running.get(key);
    if (!running) {
      running = (async () => {
        const { size, mtimeMs } = statSync(file);
        const version = `${size}:${mtimeMs}`;
        if (this.#passed[key] === version) return null;
        this.#decoded += 1;
        const problem = await inspectImage(file, photo);
        if (problem === null) {
          this.#passed[key] = version;
          this.#changed = true;
        }
        return problem;
      })();
      this.#running.set(key, running);
    }
    return running;
  }

  /** How many images this run read (the rest had passed before, unchanged); `npm run check:posts -- --stats` prints it. */
  get decoded(): number {
    return this.#decoded;
  }

  async save(): Promise<void> {
    if (!this.#changed) return;
    await mkdir(path.dirname(this.#cacheFile), { recursive: true });
    await writeCacheFile(this.#cacheFile, sealJson(this.#passed));
  }
}

/** A web address rather than a file: "https://…", "//cdn…", "data:…". */
const WEB_ADDRESS = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/**
 * What is wrong with a frontmatter image (a post's heroImage or ogImage, an author's avatar, a
 * category's heroImage), or null. `owner` names the file it is written in, for the fix.
 */
export async function postImageProblem(
  reference: string,
  postFile: string,
  options: ProjectPaths,
  images: ImageChecks,
  owner = 'the post',
): Promise<string | null> {
  if (WEB_ADDRESS.test(reference)) {
    return `"${reference}" is a web address, but images must be files in the project, so the build can make their variants; download it into public/ and write "/name.webp", or save it next to ${owner} as "./name.webp"`;
  }
  const { file, problem: outside } = resolveReadable(reference, postFile, options);
  if (outside !== undefined) return `"${reference}" ${outside}`;
  if (!(await isFile(file)))
    return `"${reference}" does not exist (looked for ${path.relative(options.root, file)}); check the name, or add the file`;
  const problem = await images.check(file, true);
  return problem && `"${reference}" ${problem}`;
}

/**
 * What is wrong with an image a post's body shows, or null: a path next to the post
 * ("./diagram.webp", "img/chart.png", which the build makes variants of as it does for public/)
 * or a file in public/ ("/img/x.webp", or the site's own address) must exist and decode. An image
 * on another site is refused: the site's CSP would block it (the build refuses it too,
 * rehype-body-images.ts; both read the address with bodyImageSource).
 */
export async function bodyImageProblem(
  target: string,
  postFile: string,
  options: CheckOptions,
  images: ImageChecks,
): Promise<string | null> {
  const source = bodyImageSource(target, options.site.origins ?? options.site.url);
  if (source.kind === 'none') return null;
  if (source.kind === 'remote') return `image ${quoted(target)} ${REMOTE_IMAGE_PROBLEM(source.host)}`;
  if (source.kind === 'other') return `image ${quoted(target)} ${UNSERVABLE_IMAGE_PROBLEM}`;
  const { reference } = source;
  const { file, problem: outside } = resolveReadable(reference, path.join(options.root, postFile), options);
  if (outside !== undefined) return `image "${target}" ${outside}`;
  if (!(await isFile(file))) {
    const where = reference.startsWith('/') ? 'in public/' : `(looked for ${path.relative(options.root, file)})`;
    return `image "${target}" does not exist ${where}; check the path or add the file`;
  }
  const problem = await images.check(file, false);
  return problem && `image "${target}" ${problem}`;
}
