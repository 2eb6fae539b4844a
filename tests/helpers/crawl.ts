import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Every file under dist/, as paths relative to it. */
export function distFiles(dist: string): string[] {
  return readdirSync(dist, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dist, path.join(entry.parentPath, entry.name)));
}

/** URL path of each built HTML page ("blog/x/index.html" -> "/blog/x/"). */
export function htmlPages(dist: string): string[] {
  return distFiles(dist)
    .filter((file) => file.endsWith('.html'))
    .map((file) => `/${file.split(path.sep).join('/')}`.replace(/index\.html$/, ''));
}

/** Text of every text file in dist/ (HTML, XML, JSON, CSS, JS, txt). */
export function distText(dist: string): Array<{ file: string; text: string }> {
  return distFiles(dist)
    .filter((file) => /\.(html|xml|json|css|js|txt)$/.test(file))
    .map((file) => ({ file, text: readFileSync(path.join(dist, file), 'utf8') }));
}

/** Every file under dist/ with a hash of its bytes, to show a failed build changed nothing. */
export function distSnapshot(dist: string): Record<string, string> {
  return Object.fromEntries(
    distFiles(dist)
      .sort()
      .map((file) => [
        file,
        createHash('sha1')
          .update(readFileSync(path.join(dist, file)))
          .digest('hex'),
      ]),
  );
}
