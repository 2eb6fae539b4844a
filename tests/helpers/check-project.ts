/** Throwaway projects for unit tests of the post check: posts written under src/content/blog/, checked as `npm run check` would. */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkPosts } from '#tools/check/check-posts.ts';
import { formatProblem } from '#tools/check/problems.ts';
import { SITE, type SiteConfig } from '#src/site.config.ts';

/** A new empty project folder; the caller removes it. */
export const newProject = (name: string) => mkdtemp(path.join(tmpdir(), `blog-${name}-`));

/** Writes posts (path under src/content/blog/ -> text), making their folders. */
export async function writePosts(root: string, posts: Record<string, string>): Promise<void> {
  for (const [file, text] of Object.entries(posts)) {
    await mkdir(path.dirname(path.join(root, 'src/content/blog', file)), { recursive: true });
    await writeFile(path.join(root, 'src/content/blog', file), text);
  }
}

/** The check of a project with the sample site's settings (changed by `site`), on a fixed day; `lines` as printed. */
export async function checkProject(root: string, site: Partial<SiteConfig> = {}) {
  const result = await checkPosts({
    root,
    publicDir: path.join(root, 'public'),
    cacheDir: path.join(root, '.cache'),
    site: { ...SITE, ...site },
    now: new Date('2026-11-23T00:00:00Z'),
  });
  return { ...result, root, lines: result.problems.map(formatProblem) };
}
