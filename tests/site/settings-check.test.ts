import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProjectCopy, runScriptAsync } from '../helpers/project-copy.ts';

/**
 * A mistake in the settings search engines read (logo, X accounts) stops
 * `npm run check:posts` and `npm run build` with one line on its line of
 * src/site.config.ts, like a post's, before Astro starts; so does a colour of
 * src/styles/theme.css too faint to read, on its line there.
 */
let root = '';
let content = '';
/** Lines of the two broken settings in the copy's src/site.config.ts. */
const at = { logo: 0, twitter: 0, muted: 0 };

beforeAll(async () => {
  content = await mkdtemp(path.join(tmpdir(), 'blog-settings-content-'));
  await mkdir(content, { recursive: true });
  await writeFile(
    path.join(content, 'fine.md'),
    '---\ntitle: "A Fine Post"\ndescription: "Nothing wrong here."\npubDate: "2026-01-05"\ncategory: "Notes"\n---\n\nA body.\n',
  );
  root = await makeProjectCopy({ contentDir: content, name: 'settings' });
  const file = path.join(root, 'src/site.config.ts');
  const text = await readFile(file, 'utf8');
  for (const from of ["logo: 'favicon.svg',", 'twitter: { authors: {} },'])
    if (!text.includes(from)) throw new Error(`${file} has no "${from}"`);
  const broken = text
    .replace("logo: 'favicon.svg',", "logo: 'brand/logo.png',")
    .replace('twitter: { authors: {} },', "twitter: { site: 'signal', authors: {} },");
  await writeFile(file, broken);
  const lines = broken.split('\n');
  at.logo = lines.findIndex((line) => line.includes("logo: 'brand/logo.png'")) + 1;
  at.twitter = lines.findIndex((line) => line.includes("site: 'signal'")) + 1;
  const themeFile = path.join(root, 'src/styles/theme.css');
  const theme = await readFile(themeFile, 'utf8');
  const muted = /--muted: light-dark\(#[0-9a-f]+, /;
  if (!muted.test(theme)) throw new Error(`${themeFile} has no "--muted: light-dark(…)" to make too light`);
  await writeFile(themeFile, theme.replace(muted, '--muted: light-dark(#a09a90, '));
  at.muted = theme.split('\n').findIndex((line) => muted.test(line)) + 1;
});

afterAll(async () => {
  if (!process.env['KEEP_FIXTURES'])
    await Promise.all([root, content].filter(Boolean).map((dir) => rm(dir, { recursive: true, force: true })));
});

const problemLines = (stderr: string) =>
  stderr
    .split('\n')
    .filter((line) => /^ {2}\S+:\d+ {2}/.test(line))
    .map((line) => line.trim());

describe('a mistake in the site settings', () => {
  it.each([
    ['check:posts', 'Fix them and run `npm run check:posts` again.'],
    ['build', 'The site was not built'],
  ])('stops `npm run %s` with a line naming the setting', async (script, consequence) => {
    const result = await runScriptAsync(root, script);
    expect(result.status, result.stderr).toBe(1);
    const problems = problemLines(result.stderr);
    expect(result.stderr).toContain(`✗ ${problems.length} problems in the settings and the theme. ${consequence}`);
    // The too-light --muted also fails on code blocks' marked lines and on callouts: every pair after these.
    expect(problems.slice(4).every((line) => line.startsWith(`src/styles/theme.css:${at.muted}  contrast  --muted (#a09a90) on --`))).toBe(
      true,
    );
    expect(problems.slice(0, 4)).toEqual([
      expect.stringMatching(
        new RegExp(`^src/site\\.config\\.ts:${at.logo} {2}logo {2}"brand/logo\\.png" does not exist in public/; name an image`),
      ),
      expect.stringMatching(
        new RegExp(`^src/site\\.config\\.ts:${at.twitter} {2}twitter\\.site {2}"signal" is not an X handle; write it as "@name"`),
      ),
      `src/styles/theme.css:${at.muted}  contrast  --muted (#a09a90) on --bg (#fcfbf8) in light: contrast 2.69:1, needs 4.5:1 for text (quieter text: dates, descriptions, the footer, placeholders)`,
      `src/styles/theme.css:${at.muted}  contrast  --muted (#a09a90) on --surface (#f2efe8) in light: contrast 2.43:1, needs 4.5:1 for text (quieter text on panels: cards' dates, code blocks' language)`,
    ]);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(path.join(root, 'dist'))).toBe(false);
  });
});
