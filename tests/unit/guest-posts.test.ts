import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { settingsProblems } from '#tools/check/settings-check.ts';
import { formatProblem } from '#tools/check/problems.ts';
import { SITE, type SiteConfig } from '#src/site.config.ts';
import { checkProject, newProject, writePosts } from '../helpers/check-project.ts';

const roots: string[] = [];
afterAll(() => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

const post = (body: string) =>
  `---\ntitle: "A post"\ndescription: "About something."\npubDate: "Mar 04 2026"\ncategory: "Testing"\n---\n\n${body}\n`;
/** An MDX post whose expression would run on the build machine if the build compiled it. */
const MDX = post('export const home = process.env.HOME\n\nRuns {home.length} characters of code.');

async function check(posts: Record<string, string>, site: Partial<SiteConfig> = {}): Promise<string[]> {
  const root = await newProject('guests');
  roots.push(root);
  await writePosts(root, posts);
  return (await checkProject(root, site)).lines;
}

/** The line for `file` under src/content/blog/, in the guest folder `folder` (a path from the project root). */
const refusal = (file: string, folder: string) =>
  `src/content/blog/${file}:1  file  is MDX, which runs code on the build machine, and ${folder}/ holds guest posts (guests.folders in src/site.config.ts), which must be .md; rename it to ${path.basename(file, '.mdx')}.md and write its components as Markdown`;

describe('guest posts', () => {
  it('refuses MDX in src/content/blog/guests/ by default, at any depth, and accepts Markdown there', async () => {
    const lines = await check({ 'guests/a.mdx': MDX, 'guests/2026/b/index.mdx': MDX, 'guests/c.md': post('Plain Markdown.') });
    expect(lines).toEqual([
      refusal('guests/2026/b/index.mdx', 'src/content/blog/guests'),
      refusal('guests/a.mdx', 'src/content/blog/guests'),
    ]);
  });

  it('accepts MDX from trusted editors outside the guest folders, and from a folder only named alike', async () => {
    expect(await check({ 'trusted.mdx': MDX, 'guests-archive/x.mdx': MDX })).toEqual([]);
  });

  it('takes the guest folders from the settings', async () => {
    const lines = await check(
      { 'contrib/a.mdx': MDX, 'guests/b.mdx': MDX, 'people/outside/c.mdx': MDX },
      { guests: { folders: ['contrib', 'people/outside/'] } },
    );
    expect(lines).toEqual([
      refusal('contrib/a.mdx', 'src/content/blog/contrib'),
      refusal('people/outside/c.mdx', 'src/content/blog/people/outside'),
    ]);
  });

  it('refuses MDX in every post when the guest folder is the blog folder itself', async () => {
    expect(await check({ 'a.mdx': MDX, 'b/c.mdx': MDX, 'd.md': post('Plain.') }, { guests: { folders: ['.'] } })).toEqual([
      refusal('a.mdx', 'src/content/blog'),
      refusal('b/c.mdx', 'src/content/blog'),
    ]);
  });

  it('reports a guest folder that is not inside the blog folder on its settings line', async () => {
    const root = await newProject('guests-settings');
    roots.push(root);
    await mkdir(path.join(root, 'public'), { recursive: true });
    await mkdir(path.join(root, 'src'));
    await writeFile(path.join(root, 'public/favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"/>');
    const folders = ['../guests', '/srv/guests', 'guests/../../src', ''];
    await writeFile(
      path.join(root, 'src/site.config.ts'),
      `const defaults = {\n  guests: {\n    folders: [\n${folders.map((f) => `      ${JSON.stringify(f)},`).join('\n')}\n    ],\n  },\n};\n`,
    );
    const problems = await settingsProblems({ ...SITE, guests: { folders } }, { root, publicDir: path.join(root, 'public') });
    expect(problems.map(formatProblem)).toEqual(
      folders.map(
        (folder, index) =>
          `src/site.config.ts:${index + 4}  guests.folders  ${JSON.stringify(folder)} is not a folder inside src/content/blog/; write its path from there, with "/" and no "..", e.g. "guests" or "guests/2026"`,
      ),
    );
  });
});
