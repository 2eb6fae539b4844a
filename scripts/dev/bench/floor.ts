/**
 * The floor for image work: the same webp variants the build made, made by
 * the plainest sharp script that uses every core (one sharp pipeline per
 * variant, as many in flight as there are cores, the build's encoder
 * settings). Run in its own process by the benchmark:
 *
 *   node scripts/dev/bench/floor.ts jobs.json out-dir
 *
 * where jobs.json is [{ "source": "/abs/file.webp", "width": 800 }, …].
 * Prints {"seconds": …, "variants": …} as JSON.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import pMap from 'p-map';
import sharp from 'sharp';
import { WEBP_OPTIONS } from '#src/lib/images/images.ts';

const [jobsFile, outDir] = process.argv.slice(2);
if (!jobsFile || !outDir) throw new Error('usage: floor.ts jobs.json out-dir');
const jobs = JSON.parse(await readFile(jobsFile, 'utf8')) as Array<{ source: string; width: number }>;
await mkdir(outDir, { recursive: true });

const started = performance.now();
await pMap(
  jobs.entries(),
  ([i, job]) =>
    sharp(job.source)
      .resize({ width: job.width, withoutEnlargement: true })
      .webp(WEBP_OPTIONS)
      .toFile(path.join(outDir, `${i}.webp`)),
  { concurrency: availableParallelism() },
);
console.log(JSON.stringify({ seconds: (performance.now() - started) / 1000, variants: jobs.length }));
