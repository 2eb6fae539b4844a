/**
 * The sample site as shipped (src/content/, the sample settings). `npm run init` removes the
 * samples when an owner makes the site theirs: the tests that are about the sample site itself
 * (its build at a base path, init removing it, the deploy record of its posts) run only while
 * the samples are here; the rest of the suite uses the fixture site in tests/fixtures/.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { readManifest } from '../../scripts/init/sample-manifest.ts';
import { PROJECT_ROOT } from './project-copy.ts';

export const SAMPLE_POSTS = path.join(PROJECT_ROOT, 'src/content/blog');

/** Whether any sample file is still in the project (the manifest of scripts/init/samples.json names them). */
export const SAMPLES_HERE = Object.keys(readManifest().files).some((file) => existsSync(path.join(PROJECT_ROOT, file)));

/** Added to a describe's name when it is skipped for that reason, so the skip says why. */
export const SAMPLE_SITE_ONLY = '(the sample site; skipped once npm run init has removed it)';
