import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';

/** Reads a built page by its URL path ("/blog/x/" -> dist/blog/x/index.html) as a DOM. */
export function page(dist: string, urlPath: string): Document {
  const file = path.join(dist, decodeURIComponent(urlPath), urlPath.endsWith('/') ? 'index.html' : '');
  return parseHTML(readFileSync(file, 'utf8')).document;
}

export function distHas(dist: string, urlPath: string): boolean {
  const clean = decodeURIComponent(urlPath.split(/[?#]/)[0]!);
  return existsSync(path.join(dist, clean, clean.endsWith('/') ? 'index.html' : ''));
}
