/**
 * How large one post may be (src/site.config.ts `postLimits`): a mistaken paste or a guest's
 * post must not make the build parse megabytes of Markdown or write thousands of tag pages.
 */
import { statSync } from 'node:fs';
import { SETTINGS_FILE } from '#src/lib/urls/site-paths.ts';
import type { SiteConfig } from '#src/site.config.ts';
import { fieldLine } from './yaml-errors.ts';
import type { Problem } from './problems.ts';

type PostLimits = SiteConfig['postLimits'];

const megabytes = (bytes: number) => `${Number((bytes / 1024 / 1024).toFixed(1))} MB`;

/**
 * A post file over the size limit, found with one stat before the file is read: the check
 * then reads and parses nothing of it. A post that is no regular file (a link to /dev/zero, a
 * pipe) has no size to trust and would be read forever, so it is refused the same way.
 */
export function postSizeProblem(file: string, absolute: string, limits: PostLimits): Problem | null {
  const stats = statSync(absolute);
  const problem = (message: string): Problem => ({ file, line: 1, field: 'file', message });
  if (!stats.isFile()) return problem('is not a file but a device, a pipe or a socket; replace it with the text of the post');
  if (stats.size <= limits.maxPostBytes) return null;
  return problem(
    `is ${megabytes(stats.size)}, more than the ${megabytes(limits.maxPostBytes)} a post may be; move data and images out of the post into files beside it, or raise postLimits.maxPostBytes in ${SETTINGS_FILE}`,
  );
}

/** `tags` or `keywords` lists longer than the limit: each would be a tag page. */
export function tagCountProblems(
  post: { tags?: readonly string[] | undefined; keywords?: readonly string[] | undefined },
  frontmatter: string,
  file: string,
  limits: PostLimits,
): Problem[] {
  const problems: Problem[] = [];
  for (const field of ['tags', 'keywords'] as const) {
    const count = post[field]?.length ?? 0;
    if (count > limits.maxTags)
      problems.push({
        file,
        line: fieldLine(frontmatter, field),
        field,
        message: `lists ${count} entries, more than the ${limits.maxTags} a post may have; keep the few a reader would look for, or raise postLimits.maxTags in ${SETTINGS_FILE}`,
      });
  }
  return problems;
}

/** Limits that are not positive whole numbers, each on its settings line. */
export function postLimitsProblems(limits: PostLimits, lineOf: (value: string | null, key?: string) => number): Problem[] {
  return (['maxPostBytes', 'maxTags'] as const).flatMap((key) =>
    Number.isSafeInteger(limits[key]) && limits[key] > 0
      ? []
      : [
          {
            file: SETTINGS_FILE,
            line: lineOf(null, key),
            field: `postLimits.${key}`,
            message: `is ${JSON.stringify(limits[key])}; it must be a whole number above 0, e.g. ${key === 'maxTags' ? '200' : '2 * 1024 * 1024'}`,
          },
        ],
  );
}
