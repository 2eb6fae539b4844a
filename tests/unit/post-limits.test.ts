import { execFileSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { settingsProblems } from '#tools/check/settings-check.ts';
import { formatProblem } from '#tools/check/problems.ts';
import { SITE, type SiteConfig } from '#src/site.config.ts';
import { checkProject, newProject, writePosts } from '../helpers/check-project.ts';

const roots: string[] = [];
afterAll(() => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

const post = (fields: string, body = 'Body.') =>
  `---\ntitle: "A post"\ndescription: "About something."\n${fields}pubDate: "Mar 04 2026"\ncategory: "Testing"\n---\n\n${body}\n`;

/** The problem lines `npm run check` prints for these posts (file under src/content/blog/ -> text). */
async function check(
  posts: Record<string, string>,
  site: Partial<SiteConfig> = {},
  prepare?: (blog: string) => Promise<void>,
): Promise<string[]> {
  const root = await newProject('limits');
  roots.push(root);
  await writePosts(root, posts);
  await prepare?.(path.join(root, 'src/content/blog'));
  return (await checkProject(root, site)).lines;
}

describe('post size limits', () => {
  it('accepts posts within the default limits (2 MB, 200 tags)', async () => {
    const tags = Array.from({ length: 200 }, (_, i) => `tag ${i}`).join(', ');
    expect(await check({ 'a.md': post(`keywords: [${tags}]\ntags: [${tags}]\n`, 'Words. '.repeat(250_000)) })).toEqual([]);
  });

  it('refuses a post file over the size limit in one line, before reading it', async () => {
    // Past the limit and with its frontmatter unclosed: only the size is reported, so nothing of it was parsed.
    const huge = `---\ntitle: "Unclosed"\n\n${'A pasted log line.\n'.repeat(120_000)}`;
    expect(await check({ 'huge.md': huge })).toEqual([
      'src/content/blog/huge.md:1  file  is 2.2 MB, more than the 2 MB a post may be; move data and images out of the post into files beside it, or raise postLimits.maxPostBytes in src/site.config.ts',
    ]);
  });

  it('refuses a post that is a pipe, which would be read forever', async () => {
    const lines = await check({ 'a.md': post('') }, {}, async (blog) => {
      execFileSync('mkfifo', [path.join(blog, 'endless.md')]);
    });
    expect(lines).toEqual([
      'src/content/blog/endless.md:1  file  is not a file but a device, a pipe or a socket; replace it with the text of the post',
    ]);
  });

  it('takes its size limit from the settings', async () => {
    const lines = await check({ 'a.md': post('', 'Words. '.repeat(20_000)) }, { postLimits: { maxPostBytes: 100_000, maxTags: 200 } });
    expect(lines).toEqual([
      expect.stringMatching(/^src\/content\/blog\/a\.md:1 {2}file {2}is 0\.1 MB, more than the 0\.1 MB a post may be;/),
    ]);
  });

  it('refuses more tags or keywords than the limit, on the line of the list', async () => {
    const list = (count: number) => `[${Array.from({ length: count }, (_, i) => `t${i}`).join(', ')}]`;
    const lines = await check(
      { 'a.md': post(`keywords: ${list(6)}\ntags: ${list(7)}\n`), 'b.md': post(`keywords: ${list(5)}\n`) },
      { postLimits: { maxPostBytes: 2 * 1024 * 1024, maxTags: 5 } },
    );
    expect(lines).toEqual([
      'src/content/blog/a.md:4  keywords  lists 6 entries, more than the 5 a post may have; keep the few a reader would look for, or raise postLimits.maxTags in src/site.config.ts',
      'src/content/blog/a.md:5  tags  lists 7 entries, more than the 5 a post may have; keep the few a reader would look for, or raise postLimits.maxTags in src/site.config.ts',
    ]);
  });

  it('reports a limit that is not a whole number above 0 on its settings line', async () => {
    const root = await newProject('limits-settings');
    roots.push(root);
    await mkdir(path.join(root, 'src'), { recursive: true });
    await mkdir(path.join(root, 'public'));
    await writeFile(path.join(root, 'public/favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"/>');
    await writeFile(
      path.join(root, 'src/site.config.ts'),
      'const defaults = {\n  postLimits: {\n    maxPostBytes: 0,\n    maxTags: 1.5,\n  },\n};\n',
    );
    const problems = await settingsProblems(
      { ...SITE, postLimits: { maxPostBytes: 0, maxTags: 1.5 } },
      { root, publicDir: path.join(root, 'public') },
    );
    expect(problems.map(formatProblem)).toEqual([
      'src/site.config.ts:3  postLimits.maxPostBytes  is 0; it must be a whole number above 0, e.g. 2 * 1024 * 1024',
      'src/site.config.ts:4  postLimits.maxTags  is 1.5; it must be a whole number above 0, e.g. 200',
    ]);
  });
});
