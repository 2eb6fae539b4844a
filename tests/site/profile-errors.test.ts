import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureProjectCopy } from '../helpers/fixture-site.ts';
import { runScriptAsync } from '../helpers/project-copy.ts';

/**
 * Broken author and category files fail `npm run check` (and so the build)
 * with the same `file:line  field  message` lines as posts. The fixture's posts,
 * which are valid, carry the project copy.
 */
let root = '';

beforeAll(async () => {
  root = await fixtureProjectCopy('profiles');
  await mkdir(path.join(root, 'src/content/authors'), { recursive: true });
  await mkdir(path.join(root, 'src/content/categories'), { recursive: true });
  await writeFile(
    path.join(root, 'src/content/authors/jonas-mueller.md'),
    '---\nname: "Jonas Müller"\njobtitle: "Engineer"\navatar: "/avatars/nobody.webp"\nwebsite: "jonas.example.com"\n---\n\nBio.\n',
  );
  await writeFile(path.join(root, 'src/content/authors/jonas.md'), '---\nname: "Jonas Müller"\n---\n');
  await writeFile(path.join(root, 'src/content/categories/finance-and-crypto.md'), '---\ntitle: "Finance & Crypto"\n---\n\nIntro.\n');
  await writeFile(
    path.join(root, 'src/content/categories/web-development.md'),
    '---\ntitle: "Web Development"\ndescription: "Fast sites."\nheroImage: "/web-performance-budget-waterfall.webp"\n---\n\nIntro.\n',
  );
});

afterAll(async () => {
  if (!process.env['KEEP_FIXTURES']) await rm(root, { recursive: true, force: true });
});

describe('npm run check on broken author and category files', () => {
  it('reports each mistake on its line, with the field and what to do', async () => {
    const result = await runScriptAsync(root, 'check:posts');
    expect(result.status, result.stderr).toBe(1);
    const lines = result.stderr
      .split('\n')
      .filter((line) => /^ {2}\S+:\d+ {2}/.test(line))
      .map((line) => line.trim());
    expect(lines).toEqual([
      expect.stringMatching(/^src\/content\/authors\/jonas-mueller\.md:3 {2}jobtitle {2}is not a known field; did you mean "jobTitle"\?$/),
      expect.stringMatching(
        /^src\/content\/authors\/jonas-mueller\.md:5 {2}website {2}must be a whole web address starting with https:\/\//,
      ),
      expect.stringMatching(
        /^src\/content\/authors\/jonas\.md:2 {2}name {2}"Jonas Müller" has the author page \/author\/jonas-mueller\/, but this file is jonas\.md; rename the file to jonas-mueller\.md/,
      ),
      expect.stringMatching(/^src\/content\/categories\/finance-and-crypto\.md:1 {2}description {2}is missing; add it/),
      expect.stringMatching(/^src\/content\/categories\/web-development\.md:4 {2}heroImageAlt {2}is required when heroImage is set/),
    ]);
    expect(result.stderr).toMatch(/^✗ 5 problems in 4 author or category files\./m);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('names a missing avatar once the fields are right', async () => {
    await writeFile(
      path.join(root, 'src/content/authors/jonas-mueller.md'),
      '---\nname: "Jonas Müller"\njobTitle: "Engineer"\navatar: "/avatars/nobody.webp"\n---\n\nBio.\n',
    );
    const result = await runScriptAsync(root, 'check:posts');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /^ {2}src\/content\/authors\/jonas-mueller\.md:4 {2}avatar {2}"\/avatars\/nobody\.webp" does not exist \(looked for public\/avatars\/nobody\.webp\); check the name, or add the file$/m,
    );
  });

  it('decodes avatars as it decodes heroes: a damaged file, an SVG and a web address are each named', async () => {
    // The first half of a real WebP: its header (and pixel size) reads fine, its pixels do not.
    const hero = await readFile(path.join(root, 'public/hero-alpha.webp'));
    await mkdir(path.join(root, 'public/avatars'), { recursive: true });
    await writeFile(path.join(root, 'public/avatars/half.webp'), hero.subarray(0, Math.floor(hero.length / 2)));
    await writeFile(path.join(root, 'public/avatars/logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>');
    const author = (avatar: string) => `---\nname: "Jonas Müller"\njobTitle: "Engineer"\navatar: "${avatar}"\n---\n\nBio.\n`;
    const cases: Array<[string, RegExp]> = [
      ['/avatars/half.webp', /"\/avatars\/half\.webp" is damaged\b.*; export or download it again$/m],
      ['/avatars/logo.svg', /"\/avatars\/logo\.svg" is a svg file, not a photo format \(use webp, jpeg, png or avif\)$/m],
      [
        'https://example.com/me.jpg',
        /"https:\/\/example\.com\/me\.jpg" is a web address, .+ or save it next to the profile as "\.\/name\.webp"$/m,
      ],
    ];
    for (const [avatar, message] of cases) {
      await writeFile(path.join(root, 'src/content/authors/jonas-mueller.md'), author(avatar));
      const result = await runScriptAsync(root, 'check:posts');
      expect(result.status, avatar).toBe(1);
      expect(result.stderr, avatar).toMatch(
        new RegExp(`^ {2}src/content/authors/jonas-mueller\\.md:4 {2}avatar {2}${message.source}`, 'm'),
      );
    }
  });
});
