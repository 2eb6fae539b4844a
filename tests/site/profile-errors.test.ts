import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProjectCopy, PROJECT_ROOT, runScriptAsync } from '../helpers/project-copy.ts';

/**
 * Broken author and category files fail `npm run check` (and so the build)
 * with the same `file:line  field  message` lines as posts. The sample posts,
 * which are valid, carry the project copy.
 */
let root = '';

beforeAll(async () => {
  root = await makeProjectCopy({
    contentDir: path.join(PROJECT_ROOT, 'src/content/blog'),
    publicDir: path.join(PROJECT_ROOT, 'public'),
    name: 'profiles',
  });
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
});
