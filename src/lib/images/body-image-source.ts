/** What a post body's image address names: a file the build makes variants of, an image on another site, or neither. */
import { siteRelativePath } from '#src/lib/urls/site-paths.ts';

/**
 * - `file`: a file in the project, as resolveReadable() takes it: "/x.webp" (public/, also written
 *   as the site's own address) or anything else relative to the post ("./x.png", "img/x.png").
 * - `remote`: an image on another host ("https://cdn…/x.jpg", "//cdn…/x.jpg"), which the site's CSP
 *   (`img-src 'self' data:`) would block.
 * - `other`: a scheme that names no file the site can serve ("C:\…", "file:…", "ftp:…").
 * - `none`: nothing to check or rewrite (empty, a data: URL, a bare "#fragment").
 *
 * The checker (tools/check/images.ts) and the build (rehype-body-images.ts) both ask here, so an
 * address one of them passes is never refused by the other.
 */
export type BodyImageSource = { kind: 'file'; reference: string } | { kind: 'remote'; host: string } | { kind: 'other' } | { kind: 'none' };

/** A scheme such as "https:", "data:" or "c:" (a Windows drive letter reads as one). */
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

export function bodyImageSource(src: string, siteUrl: string | readonly string[]): BodyImageSource {
  const address = src.trim();
  if (address === '' || address.startsWith('#') || address.startsWith('?')) return { kind: 'none' };
  if (address.startsWith('/') && !address.startsWith('//')) return { kind: 'file', reference: address };
  // The site's own address ("https://blog.example.com/images/x.webp") is a file in public/.
  const local = siteRelativePath(address, siteUrl);
  if (local !== null) return { kind: 'file', reference: local };
  if (address.startsWith('//')) return { kind: 'remote', host: hostOf(`https:${address}`) };
  const scheme = SCHEME.exec(address)?.[1]?.toLowerCase();
  if (scheme === undefined) return { kind: 'file', reference: address };
  if (scheme === 'data') return { kind: 'none' };
  if (scheme === 'http' || scheme === 'https') return { kind: 'remote', host: hostOf(address) };
  return { kind: 'other' };
}

function hostOf(address: string): string {
  try {
    return new URL(address).host;
  } catch {
    return address;
  }
}

/** The check's and the build's sentence for an image on another site, after the quoted address. */
export const REMOTE_IMAGE_PROBLEM = (host: string) =>
  `is on another site (${host}), and the site's Content-Security-Policy lets pages show only their own images; download it, save it next to the post and write "./name.webp" (or put it in public/ and write "/name.webp")`;

/** The check's and the build's sentence for an address with a scheme that names no file, after the quoted address. */
export const UNSERVABLE_IMAGE_PROBLEM =
  'is not a file the site can serve; save the image next to the post and write "./name.webp" (or put it in public/ and write "/name.webp")';
