import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarDay } from '#src/lib/content/dates.ts';
import { SITE } from '#src/site.config.ts';
import { page } from '../helpers/dist.ts';
import { writeFixtureImages, writeScheduledPost, writeTestImage } from '../helpers/fixture-site.ts';
import { makeProjectCopy, PROJECT_ROOT, runScriptAsync } from '../helpers/project-copy.ts';

/**
 * `npm run new` in a copy of the fixture site, run the way an editor types
 * it. The post it writes passes `npm run check` as a draft, and builds into a
 * page once the editor has written it, added the hero and cleared the draft flag.
 */
let root = '';

/** `npm run new -- …args`, as typed in a terminal. */
const runNew = (...args: string[]) => runScriptAsync(root, 'new', {}, args);

const postFiles = async () =>
  (await readdir(path.join(root, 'src/content/blog'), { recursive: true })).filter((f) => /\.mdx?$/.test(f)).sort();
const frontmatterOf = (text: string) =>
  yaml.load(/^---\n([\s\S]*?)\n---\n/.exec(text)![1]!, { schema: yaml.CORE_SCHEMA }) as Record<string, unknown>;

beforeAll(async () => {
  root = await makeProjectCopy({ contentDir: path.join(PROJECT_ROOT, 'tests/fixtures/site/content/blog'), name: 'new-post' });
  await writeFixtureImages(root);
  await writeScheduledPost(path.join(root, 'src/content/blog'));
});

afterAll(async () => {
  if (!process.env['KEEP_FIXTURES']) await rm(root, { recursive: true, force: true });
});

describe('npm run new', () => {
  const file = 'src/content/blog/edge-ai-what-fits-on-a-phone.md';

  it('writes a draft with every field, dated today in the site time zone, and prints the next steps', async () => {
    const before = calendarDay(new Date(), SITE.timeZone);
    const result = await runNew(
      'Edge AI: What Fits on a Phone?',
      '--category',
      'Artificial Intelligence',
      '--description',
      'Which models run on a phone today, and what they cost.',
      '--keywords',
      'edge ai, phones',
    );
    const after = calendarDay(new Date(), SITE.timeZone);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toBe(''); // a known category: no warning
    expect(result.stdout).toContain(`✓ Created ${file}`);
    expect(result.stdout).toMatch(
      /Next steps:\n {2}1\. .*\n {2}2\. .*public\/edge-ai-what-fits-on-a-phone\.webp.*\n {2}3\. Preview: npm run dev.*\/blog\/edge-ai-what-fits-on-a-phone\/.*\n {2}4\. Check: npm run check.*\n {2}5\. Publish: set draft: false/,
    );

    const text = readFileSync(path.join(root, file), 'utf8');
    const data = frontmatterOf(text);
    expect(data).toEqual({
      title: 'Edge AI: What Fits on a Phone?',
      description: 'Which models run on a phone today, and what they cost.',
      slug: 'edge-ai-what-fits-on-a-phone',
      keywords: ['edge ai', 'phones'],
      pubDate: expect.stringMatching(new RegExp(`^(${before}|${after})$`)),
      category: 'Artificial Intelligence',
      author: SITE.defaultAuthor,
      draft: true,
    });
    // The hero and reading time are there to fill in, commented out until the image exists.
    expect(text).toContain('# heroImage: "/edge-ai-what-fits-on-a-phone.webp"');
    expect(text).toMatch(/^# heroImageAlt: "TODO: /m);
    expect(text).toMatch(/^# readingTime: /m);
    // The SEO controls are there for the editor to switch on, each commented out.
    for (const field of ['seoTitle', 'canonicalURL', 'noindex', 'ogImage', 'redirectFrom', 'faq'])
      expect(text).toMatch(new RegExp(`^# ${field}: `, 'm'));
  });

  it('writes a post that passes npm run check as it is', async () => {
    const result = await runScriptAsync(root, 'check:posts');
    expect(result.status, result.stderr).toBe(0);
  });

  it('is refused by check while it still has placeholders and is not a draft', async () => {
    const text = await readFile(path.join(root, file), 'utf8');
    await writeFile(path.join(root, file), text.replace('draft: true', 'draft: false'));
    const result = await runScriptAsync(root, 'check:posts');
    await writeFile(path.join(root, file), text);
    expect(result.status).toBe(1);
    // The body's placeholder line, wherever the template's frontmatter ends.
    const line = text.split('\n').findIndex((written) => written.startsWith('TODO:')) + 1;
    expect(line).toBeGreaterThan(1);
    expect(result.stderr).toMatch(new RegExp(`^ {2}${file}:${line} {2}body {2}has a "TODO:" placeholder`, 'm'));
  });

  it('builds into a page once it is written, its hero is added and its draft flag is cleared', async () => {
    const text = await readFile(path.join(root, file), 'utf8');
    await writeTestImage(path.join(root, 'public/edge-ai-what-fits-on-a-phone.webp'), 1200, 675, 120);
    const edited = text
      .replace(/^# Hero:.*\n/m, '')
      .replace('# heroImage:', 'heroImage:')
      .replace(/^# heroImageAlt: .*$/m, 'heroImageAlt: "A phone on a desk beside a power meter"')
      .replace('draft: true', 'draft: false')
      .replace(/^TODO: .*$/m, 'Most phones can run a small model.\n\n## What fits\n\nQuantised models under four gigabytes.');
    await writeFile(path.join(root, file), edited);

    const check = await runScriptAsync(root, 'check:posts');
    expect(check.status, check.stderr).toBe(0);
    const build = await runScriptAsync(root, 'build');
    expect(build.status, `${build.stdout}\n${build.stderr}`).toBe(0);

    const doc = page(path.join(root, 'dist'), '/blog/edge-ai-what-fits-on-a-phone/');
    expect(doc.querySelector('h1')!.textContent).toBe('Edge AI: What Fits on a Phone?');
    expect(doc.querySelector('.article__hero img')!.getAttribute('alt')).toBe('A phone on a desk beside a power meter');
    expect(doc.querySelector('.article__hero img')!.getAttribute('srcset')).toMatch(/\.webp 1200w/);
    const category = page(path.join(root, 'dist'), '/category/artificial-intelligence/');
    expect([...category.querySelectorAll('.card__title a')].map((a) => a.getAttribute('href'))).toContain(
      '/blog/edge-ai-what-fits-on-a-phone/',
    );
  });

  it('refuses to overwrite an existing post, or to take a slug another post has', async () => {
    const files = await postFiles();
    const before = readFileSync(path.join(root, file), 'utf8');
    const again = await runNew('Edge AI: What Fits on a Phone?', '--category', 'Artificial Intelligence');
    expect(again.status).toBe(1);
    expect(again.stderr).toContain(`✗ ${file} already exists; nothing was written.`);
    expect(readFileSync(path.join(root, file), 'utf8')).toBe(before);

    // beta-post/index.md has the slug beta-post, from its folder.
    const taken = await runNew('Beta Post', '--category', 'Artificial Intelligence');
    expect(taken.status).toBe(1);
    expect(taken.stderr).toContain('The slug "beta-post" (URL /blog/beta-post/) is already used by src/content/blog/beta-post/index.md');
    expect(await postFiles()).toEqual(files);
    for (const result of [again, taken]) expect(`${result.stdout}${result.stderr}`).not.toMatch(/^\s+at |Error:/m);
  });

  it('allows a new category, with a warning that lists the existing ones', async () => {
    const result = await runNew('Quantum Networking for Beginners', '--category', 'Quantum Computing');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      '⚠ "Quantum Computing" is a new category: no post uses it yet. The existing categories are: "Artificial Intelligence", "C++", "Drafty Category", "Finance & Crypto", "Futuristic Category", "Web Development", "Writing".',
    );
    expect(existsSync(path.join(root, 'src/content/blog/quantum-networking-for-beginners.md'))).toBe(true);
  });

  it('explains a missing title or category, or a bad option, without a stack trace', async () => {
    const cases = [
      [['--category', 'Artificial Intelligence'], '✗ Give the post a title.'],
      [['A Title'], '✗ Give the post a category with --category "Name".'],
      [['A Title', '--category', 'X', '--colour', 'red'], "✗ Unknown option '--colour'."],
      [['A Title', '--category', 'X', '--date', '2026-02-30'], '✗ --date "2026-02-30" is not a real date: Feb 2026 has 28 days'],
      [['!!!', '--category', 'X'], '✗ No URL can be made from the title "!!!"'],
    ] as const;
    const results = await Promise.all(cases.map(([args]) => runNew(...args)));
    cases.forEach(([args, says], i) => {
      const result = results[i]!;
      expect(result.status, args.join(' ')).toBe(1);
      expect(result.stderr).toContain(says);
      expect(`${result.stdout}${result.stderr}`).not.toMatch(/^\s+at /m);
    });
  });
});
