/**
 * The post checker: every post read the way the build reads it, then what only
 * shows across posts. Each kind of check is its own module in this folder.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pMap from 'p-map';
import { splitFrontmatter } from '#src/lib/content/frontmatter.ts';
import { siteRelativePath } from '#src/lib/urls/site-paths.ts';
import { bodyMistakes, placeholderLines } from './body.ts';
import { diagramProblems } from './diagrams.ts';
import { ReferenceCache } from './reference-cache.ts';
import { duplicateSlugProblems, PostLinks } from './cross-post.ts';
import { fieldValueProblems, readFields, slugOf } from './frontmatter.ts';
import { guestMdxProblem } from './guest-posts.ts';
import { bodyImageProblem, ImageChecks, postImageProblem } from './images.ts';
import { MathChecks } from './math-cache.ts';
import { checkOldUrls, type OldUrlsResult } from './old-urls-check.ts';
import { postSizeProblem, tagCountProblems } from './post-limits.ts';
import { projectFileProblems } from './project-files.ts';
import { seriesProblems } from './series.ts';
import type { CheckedPost, CheckOptions, Problem } from './problems.ts';
import { fieldLine } from './yaml-errors.ts';

export const CONTENT_DIR = 'src/content/blog';

interface FileResult {
  /** Whether the file was read (not refused unread). */
  read: boolean;
  post?: CheckedPost;
  body: string;
  bodyLine: number;
  problems: Problem[];
}

async function checkFile(relative: string, options: CheckOptions, images: ImageChecks, math: MathChecks): Promise<FileResult> {
  const absolute = path.join(options.root, relative);
  // Refused before a byte is read or parsed: MDX from a guest, a file too large.
  const refused =
    guestMdxProblem(relative, options.contentDir ?? CONTENT_DIR, options.site.guests) ??
    postSizeProblem(relative, absolute, options.site.postLimits);
  if (refused) return { read: false, body: '', bodyLine: 1, problems: [refused] };
  // Synchronous: a post is read whole at once, and thousands of small reads
  // through fs.promises' thread pool take three times as long.
  const raw = readFileSync(absolute, 'utf8');
  const problems: Problem[] = [];
  const report = (line: number, field: string, message: string) => problems.push({ file: relative, line, field, message });
  const split = splitFrontmatter(raw);
  if (split === 'unclosed') report(1, 'frontmatter', 'is not closed: add a line "---" after the last field, before the text of the post');
  if (split === 'missing')
    report(1, 'frontmatter', 'is missing: start the file with a line "---", the fields (title, description, …), and another "---"');
  if (typeof split !== 'object') return { read: true, body: raw, bodyLine: 1, problems };

  const { frontmatter, body, bodyLine } = split;
  const fields = readFields(frontmatter, relative);
  for (const problem of fields.problems) report(problem.line, problem.field, problem.message);
  // Unreadable YAML hides the rest; fields the schema refuses still leave a body to check.
  if (!fields.yamlRead) return { read: true, body, bodyLine, problems };
  for (const mistake of await bodyMistakes(body, absolute, options.root, math))
    report(bodyLine + mistake.line - 1, 'body', mistake.message);
  for (const mistake of await diagramProblems(body, options.cacheDir)) report(bodyLine + mistake.line - 1, 'body', mistake.message);
  const post = fields.data;
  if (!post) return { read: true, body, bodyLine, problems };

  for (const problem of fieldValueProblems(post, frontmatter, relative)) report(problem.line, problem.field, problem.message);
  problems.push(...tagCountProblems(post, frontmatter, relative, options.site.postLimits));
  // The hero and the link-preview image are files the build turns into variants: same rules for both.
  for (const field of ['heroImage', 'ogImage'] as const) {
    const reference = post[field];
    if (!reference) continue;
    const problem = await postImageProblem(reference, absolute, options, images);
    if (problem) report(fieldLine(frontmatter, field), field, problem);
  }
  if (!post.draft) {
    for (const line of placeholderLines(body))
      report(bodyLine + line - 1, 'body', 'has a "TODO:" placeholder from `npm run new`; write the post, or keep draft: true');
  }
  const lines = {
    slug: fieldLine(frontmatter, 'slug'),
    redirectFrom: fieldLine(frontmatter, 'redirectFrom'),
    draft: fieldLine(frontmatter, 'draft'),
    pubDate: fieldLine(frontmatter, 'pubDate'),
    series: fieldLine(frontmatter, 'series'),
    seriesOrder: fieldLine(frontmatter, 'seriesOrder'),
  };
  const published = !post.draft && post.pubDate.getTime() <= options.now.getTime();
  return { read: true, post: { file: relative, slug: slugOf(post, relative), lines, data: post, published }, body, bodyLine, problems };
}

/** What a check gives the build: the problems, and when there are none, the redirects and the published-URL record. */
export interface CheckReport extends OldUrlsResult {
  problems: Problem[];
}

/** What one check did (`npm run check:posts -- --stats`): what a warm cache spares is seen here, not in timings. */
export interface CheckStats {
  filesRead: number;
  bodiesParsed: number;
  imagesDecoded: number;
}

/** Finds the post files of the collection, in a stable order. */
export async function findPostFiles(root: string, contentDir = CONTENT_DIR): Promise<string[]> {
  const { glob } = await import('node:fs/promises');
  const files: string[] = [];
  for await (const file of glob('**/*.{md,mdx}', { cwd: path.join(root, contentDir) })) files.push(path.join(contentDir, file));
  return files.sort();
}

/**
 * Checks every post the way the build reads it, plus what the build cannot
 * see one file at a time: duplicate slugs and links between posts. Returns
 * every problem in every file at once.
 */
export async function checkPosts(options: CheckOptions): Promise<CheckReport & { posts: CheckedPost[]; stats: CheckStats }> {
  const files = await findPostFiles(options.root, options.contentDir);
  const images = new ImageChecks(options.cacheDir);
  const references = new ReferenceCache(options.cacheDir);
  const math = new MathChecks(options.cacheDir);
  await Promise.all([images.load(), references.load(), math.load()]);
  const results = await pMap(files, (file) => checkFile(file, options, images, math), { concurrency: 16 });
  const problems = results.flatMap((r) => r.problems);
  problems.push(...projectFileProblems(options)); // links and SVGs in public/ and src/content/, which the build publishes
  const posts = results.flatMap((r) => (r.post ? [r.post] : []));

  const bySlug = Map.groupBy(posts, (post) => post.slug);
  problems.push(...duplicateSlugProblems(bySlug));
  problems.push(...seriesProblems(posts));
  const bodies = new Map(results.flatMap((r) => (r.post ? [[r.post.file, r.body] as const] : [])));
  const links = new PostLinks(bySlug, bodies, options.base);
  for (const result of results) {
    const post = result.post;
    if (!post) continue;
    for (const ref of references.references(result.body)) {
      const line = result.bodyLine + ref.line - 1;
      const report = (message: string | null) => message && problems.push({ file: post.file, line, field: 'body', message });
      if (ref.kind === 'image') {
        if (ref.alt === null)
          report(`image "${ref.target}" has no alt text; describe it for readers who cannot see it: ![what it shows](${ref.target})`);
        report(await bodyImageProblem(ref.target, post.file, options, images));
        continue;
      }
      const local = siteRelativePath(ref.target, options.site.origins ?? options.site.url);
      if (local !== null) report(links.problem(post, ref.target, local));
    }
  }
  // Redirects, and the URLs earlier builds published. A post that could not be read is not taken for a deleted one.
  const unreadable = new Set(files.filter((_, index) => !results[index]!.post));
  const oldUrls = checkOldUrls(posts, options, unreadable);
  problems.push(...oldUrls.problems);
  problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  await Promise.all([images.save(), references.save(), math.save()]);
  const stats = { filesRead: results.filter((r) => r.read).length, bodiesParsed: references.parsed, imagesDecoded: images.decoded };
  return { posts, problems, redirects: oldUrls.redirects, publishedUrls: oldUrls.publishedUrls, stats };
}
