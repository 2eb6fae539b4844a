/**
 * The logo answer: an image already in public/, or a file elsewhere to copy into public/. Checked
 * as the build's settings check would check it (an image sharp reads, at least 112 px, an SVG
 * that runs nothing), so a wrong logo is refused by init rather than by the next build.
 */
import { copyFile, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { svgFindings } from '#tools/check/svg-safety.ts';
import { LOGO_MIN_SIZE } from '#src/lib/images/site-logo.ts';

const IMAGE = /\.(?:svg|png|jpe?g|webp)$/i;

export interface LogoChoice {
  /** The `logo` setting: the file's path inside public/, "favicon.svg". */
  setting: string;
  /** A file outside public/ to copy to public/<setting>, or null when it is there already. */
  copyFrom: string | null;
}

export type CheckedLogo = { logo: LogoChoice } | { problem: string };

const isFile = (file: string) =>
  stat(file).then(
    (info) => info.isFile(),
    () => false,
  );

/** Where `answer` leads: public/<answer> first, then a path from the current folder. */
export async function checkLogo(answer: string, options: { root: string; cwd: string }): Promise<CheckedLogo> {
  const text = answer.trim();
  const publicDir = path.join(options.root, 'public');
  if (text === '') return { problem: 'is empty; give an image in public/, e.g. favicon.svg, or a path to one to copy in' };
  if (!IMAGE.test(text)) return { problem: 'is not an SVG, PNG, JPEG or WebP file; give the logo as one of those' };
  const inPublic = path.resolve(publicDir, text.replace(/^\/+/, ''));
  let logo: LogoChoice;
  if (inPublic.startsWith(`${publicDir}${path.sep}`) && (await isFile(inPublic))) {
    logo = { setting: path.relative(publicDir, inPublic).split(path.sep).join('/'), copyFrom: null };
  } else {
    const outside = path.resolve(options.cwd, text);
    if (!(await isFile(outside)))
      return {
        problem: 'is neither a file in public/ nor a file to copy in; give an image in public/ (e.g. favicon.svg) or a path to one',
      };
    const target = path.join(publicDir, path.basename(outside));
    if (path.dirname(outside) === path.dirname(target)) logo = { setting: path.basename(outside), copyFrom: null };
    else {
      const there = (await isFile(target)) ? await readFile(target) : null;
      if (there && !there.equals(await readFile(outside)))
        return { problem: `would be copied to public/${path.basename(outside)}, which holds another file; rename one of them` };
      logo = { setting: path.basename(outside), copyFrom: there ? null : outside };
    }
  }
  const file = logo.copyFrom ?? path.join(publicDir, logo.setting);
  if (/\.svg$/i.test(file)) {
    const [finding] = svgFindings(await readFile(file, 'utf8'));
    if (finding) return { problem: `is an SVG the site would refuse (line ${finding.line}: ${finding.message})` };
    return { logo };
  }
  try {
    const info = await sharp(file).metadata();
    const side = Math.min(info.width ?? 0, info.height ?? 0);
    if (side < LOGO_MIN_SIZE)
      return {
        problem: `is ${info.width}x${info.height}; search engines need a logo of at least ${LOGO_MIN_SIZE}x${LOGO_MIN_SIZE} px: give a larger image or an SVG`,
      };
  } catch {
    return { problem: 'is not an image sharp can read; give an SVG, PNG, JPEG or WebP file' };
  }
  return { logo };
}

/** Copies the chosen logo into public/ when it came from elsewhere. */
export async function placeLogo(logo: LogoChoice, root: string): Promise<void> {
  if (logo.copyFrom) await copyFile(logo.copyFrom, path.join(root, 'public', logo.setting));
}
