import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { distFiles } from './crawl.ts';

/** Every file of a built site with a hash of its bytes: two sites are the same when their snapshots are equal. */
export function snapshot(dist: string): Record<string, string> {
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
