/** What the post checker reports and what it is given: shared by every check in this folder and the commands. */
import type { SiteConfig } from '#src/site.config.ts';
import type { PostFrontmatter } from '#src/lib/content/post-schema.ts';
import type { ProjectPaths } from '#src/lib/urls/site-paths.ts';
import { terminalSafe } from '#src/lib/build/terminal-safe.ts';

/** One thing wrong in one post: where it is and what to do about it. */
export interface Problem {
  file: string;
  line: number;
  field: string;
  message: string;
}

export interface CheckedPost {
  file: string;
  slug: string;
  /** Lines of the fields other checks point at (1 when absent: a slug from the file name, say). */
  lines: { slug: number; redirectFrom: number; draft: number; pubDate: number; series: number; seriesOrder: number };
  data: PostFrontmatter;
  published: boolean;
}

export interface CheckOptions extends ProjectPaths {
  site: SiteConfig;
  /** Posts dated after this are not published yet. */
  now: Date;
  /** Folder of the blog collection, relative to root. */
  contentDir?: string;
  /** Base path the site is hosted under ("/sub/"), so links written with it are checked too. */
  base?: string;
}

/**
 * "src/content/blog/x.md:4  pubDate  \"2026-02-30\" is not a real date": always one line, since
 * messages quote what posts say (terminal-safe.ts).
 */
export function formatProblem(problem: Problem): string {
  return terminalSafe(`${problem.file}:${problem.line}  ${problem.field}  ${problem.message}`);
}
