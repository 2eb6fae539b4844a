/**
 * What `npm run init` removes: the unchanged sample files (by the manifest's SHA-256), and what it
 * must not remove without --remove-all: posts and files in src/content/ that are not samples, and
 * samples someone has edited.
 */
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { CONTENT_FOLDERS, filesUnder, type SampleManifest, sha256Of } from './sample-manifest.ts';

export interface RemovalPlan {
  /** Unchanged sample files present: removed. */
  samples: string[];
  /** Files that are not unchanged samples: in src/content/ (someone's posts, profiles, images), and edited samples anywhere. */
  others: string[];
  /** Whether the sample content (posts and profiles) is still there, so the site is still the sample. */
  sampleSite: boolean;
}

export async function planRemoval(root: string, manifest: SampleManifest): Promise<RemovalPlan> {
  const samples: string[] = [];
  const others: string[] = [];
  const content = (await Promise.all(CONTENT_FOLDERS.map((folder) => filesUnder(root, folder)))).flat();
  const publicSamples = Object.keys(manifest.files).filter((file) => file.startsWith('public/'));
  for (const file of new Set([...content, ...publicSamples])) {
    const stat = await lstat(path.join(root, file)).catch(() => null);
    if (!stat) continue;
    const expected = manifest.files[file];
    const same = expected !== undefined && stat.isFile() && (await sha256Of(path.join(root, file))) === expected;
    (same ? samples : others).push(file);
  }
  const sampleSite = samples.some((file) => !file.startsWith('public/'));
  return { samples: samples.sort(), others: others.sort(), sampleSite };
}

/** What the plan removes: the samples, and the rest when told to (--remove-all), or when the sample site is gone already, nothing else. */
export function filesToRemove(plan: RemovalPlan, removeAll: boolean): string[] {
  return removeAll ? [...plan.samples, ...plan.others].sort() : plan.samples;
}

/**
 * Null when init may go on; else the one line that says why not. init clears the sample site to
 * leave one welcome post: while the samples are there, anything else in src/content/ (or a sample
 * someone edited) would be removed with them, so it needs --remove-all. Once the samples are gone
 * (a second run), the owner's posts are left alone and nothing is refused.
 */
export function refusal(plan: RemovalPlan, removeAll: boolean): string | null {
  if (removeAll || !plan.sampleSite || plan.others.length === 0) return null;
  const posts = plan.others.filter((file) => file.startsWith('src/content/blog/') && /\.mdx?$/i.test(file)).length;
  const files = plan.others.length - posts;
  const counted = [
    ...(posts > 0 ? [`${posts} post${posts === 1 ? '' : 's'}`] : []),
    ...(files > 0 ? [`${files} other file${files === 1 ? '' : 's'}`] : []),
  ].join(' and ');
  const named = plan.others.slice(0, 3).join(', ') + (plan.others.length > 3 ? ', …' : '');
  return `Found ${counted} that ${posts + files === 1 ? 'is' : 'are'} not the unchanged samples (${named}); nothing was changed. To remove them with the samples, run npm run init -- --remove-all; to keep them, move them out of the project first.`;
}
