import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesToRemove, planRemoval, refusal } from '../../scripts/init/plan.ts';
import { currentSamples, readManifest } from '../../scripts/init/sample-manifest.ts';

/**
 * The manifest of the sample files (scripts/init/samples.json) that `npm run init` may remove
 * without asking: it must match the samples in the repository file for file and byte for byte,
 * so editing, adding or removing a sample without recording it fails here. Once init has made
 * the site someone's own the samples are gone, and there is nothing to compare.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const manifest = readManifest();
const samplesHere = Object.keys(manifest.files).some((file) => existsSync(path.join(ROOT, file)));
const REWRITE = 'node scripts/init/sample-manifest.ts --write';

describe('the sample manifest', () => {
  it.skipIf(!samplesHere)('lists every sample file in the repository with its SHA-256, and the sample settings', async () => {
    const now = await currentSamples(ROOT);
    const missing = Object.keys(now.files).filter((file) => !(file in manifest.files));
    const gone = Object.keys(manifest.files).filter((file) => !(file in now.files));
    const edited = Object.keys(now.files).filter((file) => file in manifest.files && manifest.files[file] !== now.files[file]);
    expect({ missing, gone, edited }, `the samples changed without the manifest; if on purpose, run ${REWRITE}`).toEqual({
      missing: [],
      gone: [],
      edited: [],
    });
    expect(manifest.settings, `the sample settings changed; if on purpose, run ${REWRITE}`).toEqual(now.settings);
  });

  it('holds the posts, profiles and the images in public/ they name, and nothing else of public/', () => {
    const files = Object.keys(manifest.files);
    expect(files.filter((file) => file.startsWith('src/content/blog/') && /\.mdx?$/.test(file))).toHaveLength(8);
    expect(files).toContain('src/content/authors/jonas-mueller.md');
    expect(files).toContain('src/content/categories/finance-and-crypto.md');
    expect(files).toContain('public/avatars/hifi-studio-and-mobile.webp');
    expect(files).toContain('public/edge-inference-phone-budget-55120.webp');
    expect(files).toContain('public/images/srcset-breakpoints.webp');
    expect(files).not.toContain('public/favicon.svg');
    expect(files).not.toContain('public/_headers');
    for (const hash of Object.values(manifest.files)) expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe.skipIf(!samplesHere)('what init removes (from a copy of the samples, so not once init has removed them)', () => {
  let root = '';
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'blog-init-plan-'));
    for (const file of Object.keys(manifest.files)) {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await cp(path.join(ROOT, file), path.join(root, file));
    }
    await cp(path.join(ROOT, 'public/favicon.svg'), path.join(root, 'public/favicon.svg'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('removes the unchanged samples, and never the rest of public/', async () => {
    const plan = await planRemoval(root, manifest);
    expect(plan).toEqual({ samples: Object.keys(manifest.files).sort(), others: [], sampleSite: true });
    expect(refusal(plan, false)).toBeNull();
  });

  it('refuses, in one line, while the samples are there beside posts and files that are not samples', async () => {
    await writeFile(path.join(root, 'src/content/blog/my-own-post.md'), '---\ntitle: "Mine"\n---\nText.\n');
    await writeFile(path.join(root, 'src/content/blog/my-photo.webp'), 'not a sample');
    await appendFile(path.join(root, 'src/content/authors/jonas-mueller.md'), '\nAn edit.\n');
    const plan = await planRemoval(root, manifest);
    expect(plan.others).toEqual([
      'src/content/authors/jonas-mueller.md',
      'src/content/blog/my-own-post.md',
      'src/content/blog/my-photo.webp',
    ]);
    expect(plan.samples).not.toContain('src/content/authors/jonas-mueller.md');
    const line = refusal(plan, false);
    expect(line).toBe(
      'Found 1 post and 2 other files that are not the unchanged samples (src/content/authors/jonas-mueller.md, src/content/blog/my-own-post.md, src/content/blog/my-photo.webp); nothing was changed. To remove them with the samples, run npm run init -- --remove-all; to keep them, move them out of the project first.',
    );
    expect(line).not.toContain('\n');
    // Told to, it removes them with the samples.
    expect(refusal(plan, true)).toBeNull();
    expect(filesToRemove(plan, true)).toEqual([...plan.samples, ...plan.others].sort());
    expect(filesToRemove(plan, false)).toEqual(plan.samples);
  });

  it('once the sample posts and profiles are gone, leaves the owner’s files alone and refuses nothing', async () => {
    for (const file of Object.keys(manifest.files).filter((name) => name.startsWith('src/')))
      await rm(path.join(root, file), { force: true });
    const plan = await planRemoval(root, manifest);
    expect(plan.sampleSite).toBe(false);
    expect(refusal(plan, false)).toBeNull();
    // Sample images left behind are still removed; the owner's post and photo are not.
    expect(filesToRemove(plan, false)).toEqual(
      Object.keys(manifest.files)
        .filter((file) => file.startsWith('public/'))
        .sort(),
    );
  });
});

describe.skipIf(!samplesHere)("the tests' settings (while the samples are here)", () => {
  it("are the sample's src/site.config.ts, below its opening comment: a setting changed in one is changed in the other", () => {
    const below = (file: string) => readFileSync(path.join(ROOT, file), 'utf8').replace(/^\/\*\*[\s\S]*?\*\/\n/, '');
    expect(below('tests/fixtures/site/site.config.ts')).toBe(below('src/site.config.ts'));
  });
});
