/**
 * The sample site's files, by SHA-256 (samples.json beside this file): what `npm run init` may
 * remove without asking. `node scripts/init/sample-manifest.ts --write` makes the manifest again
 * from the repository after a sample is changed on purpose; tests/unit/init-samples.test.ts fails
 * until it is.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import yaml from 'js-yaml';
import { bodyReferences } from '#tools/check/body-references.ts';
import { splitFrontmatter } from '#src/lib/content/frontmatter.ts';
import { readSettings } from './config-edit.ts';

export const MANIFEST_FILE = path.join(import.meta.dirname, 'samples.json');

/** The folders of the sample content: every file in them is a sample or someone's own. */
export const CONTENT_FOLDERS = ['src/content/blog', 'src/content/authors', 'src/content/categories'] as const;

/** Frontmatter fields of posts and profiles that name an image. */
const IMAGE_FIELDS = ['heroImage', 'ogImage', 'avatar'];

/** The sample's settings an owner must replace (non-interactive runs need a flag for each while it is unchanged). */
export const SAMPLE_SETTINGS = ['title', 'url', 'description', 'defaultAuthor'] as const;

export interface SampleManifest {
  /** The sample's values of SAMPLE_SETTINGS in src/site.config.ts. */
  settings: Partial<Record<string, string>>;
  /** Project-relative path (with /) -> SHA-256 of the file, in hex. */
  files: Record<string, string>;
}

export async function sha256Of(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}

/** Every file under `folder` of `root`, project-relative with /, not following symbolic links (a link is listed as a file). */
export async function filesUnder(root: string, folder: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(path.join(root, folder), { recursive: true, withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries
    .filter((entry) => !entry.isDirectory())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

export function readManifest(file = MANIFEST_FILE): SampleManifest {
  return JSON.parse(readFileSync(file, 'utf8')) as SampleManifest;
}

/**
 * The files of public/ that a post or profile names as a site-root image (its hero, link-preview
 * image, avatar, body images): the samples' own. The rest of public/ (the favicon, _headers, an
 * owner's logo) belongs to the site, never to the samples.
 */
async function publicImagesNamed(root: string, contentFiles: string[]): Promise<string[]> {
  const named = new Set<string>();
  const publicFiles = new Set(await filesUnder(root, 'public'));
  for (const file of contentFiles.filter((name) => /\.mdx?$/.test(name))) {
    const split = splitFrontmatter(await readFile(path.join(root, file), 'utf8'));
    if (typeof split !== 'object') continue;
    const data = (yaml.load(split.frontmatter, { schema: yaml.CORE_SCHEMA }) ?? {}) as Record<string, unknown>;
    const targets = [
      ...IMAGE_FIELDS.map((field) => data[field]).filter((value): value is string => typeof value === 'string'),
      ...bodyReferences(split.body).flatMap((reference) => (reference.kind === 'image' ? [reference.target] : [])),
    ];
    for (const target of targets) {
      const candidate = `public${decodeURIComponent(target.split(/[?#]/)[0]!)}`;
      if (target.startsWith('/') && publicFiles.has(candidate)) named.add(candidate);
    }
  }
  return [...named];
}

/** The manifest of the samples as they are in `root` now: its settings, the content folders and the public/ images they name. */
export async function currentSamples(root: string): Promise<SampleManifest> {
  const config = readSettings(await readFile(path.join(root, 'src/site.config.ts'), 'utf8'));
  const settings = Object.fromEntries(SAMPLE_SETTINGS.map((key) => [key, config[key]]));
  const content = (await Promise.all(CONTENT_FOLDERS.map((folder) => filesUnder(root, folder)))).flat();
  const files = [...content, ...(await publicImagesNamed(root, content))].sort();
  return {
    settings,
    files: Object.fromEntries(await Promise.all(files.map(async (file) => [file, await sha256Of(path.join(root, file))]))),
  };
}

export function serialiseManifest(manifest: SampleManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

if (import.meta.main) {
  if (!process.argv.includes('--write')) {
    console.error(
      'Usage: node scripts/init/sample-manifest.ts --write   (records the sample files as they are now into scripts/init/samples.json)',
    );
    process.exit(1);
  }
  const root = path.resolve(import.meta.dirname, '../..');
  const manifest = await currentSamples(root);
  writeFileSync(MANIFEST_FILE, serialiseManifest(manifest));
  console.log(`✓ ${Object.keys(manifest.files).length} sample files recorded in ${path.relative(root, MANIFEST_FILE)}`);
}
