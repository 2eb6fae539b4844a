import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPosts, formatProblem } from '../../src/lib/validate.ts';
import { SITE } from '../../src/site.config.ts';
import { writeTestImage } from '../helpers/fixture-site.ts';

const frontmatter = (fields: Record<string, string>) =>
  `---\n${Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('\n')}\n---\n`;

const basePost = {
  title: '"A post"',
  description: '"About something."',
  keywords: '[one,two]',
  pubDate: '"Mar 04 2026"',
  category: '"Testing"',
};

/** A throwaway project with the given posts (file -> text) and a hero in public/. */
async function project(posts: Record<string, string>) {
  const root = await mkdtemp(path.join(tmpdir(), 'blog-check-'));
  await writeTestImage(path.join(root, 'public/hero.webp'), 64, 36, 100);
  await writeFile(path.join(root, 'public/not-an-image.webp'), 'plain text, not an image');
  for (const [file, text] of Object.entries(posts)) {
    await mkdir(path.dirname(path.join(root, 'src/content/blog', file)), { recursive: true });
    await writeFile(path.join(root, 'src/content/blog', file), text);
  }
  const result = await checkPosts({ root, publicDir: path.join(root, 'public'), cacheDir: path.join(root, '.cache'), site: SITE, now: new Date('2026-11-23T00:00:00Z') });
  return { ...result, lines: result.problems.map(formatProblem) };
}

describe('checkPosts', () => {
  it('accepts good posts and gives each its slug', async () => {
    const { posts, problems } = await project({
      'good.md': `${frontmatter({ ...basePost, heroImage: '"/hero.webp"', heroImageAlt: '"A hero"' })}\nBody.`,
      'folder/index.md': `${frontmatter(basePost)}\nBody.`,
    });
    expect(problems).toEqual([]);
    expect(posts.map((p) => p.slug).sort()).toEqual(['folder', 'good']);
  });

  it('reads dates strictly: an unquoted impossible date is reported, not rolled over', async () => {
    const { lines } = await project({ 'a.md': `${frontmatter({ ...basePost, pubDate: '2026-02-30' })}\nBody.` });
    expect(lines).toEqual(['src/content/blog/a.md:5  pubDate  "2026-02-30" is not a real date: Feb 2026 has 28 days']);
  });

  it('names both files when two posts share a slug', async () => {
    const { lines } = await project({
      'one.md': `${frontmatter({ ...basePost, slug: '"same"' })}\nBody.`,
      'two.md': `${frontmatter({ ...basePost, slug: '"same"' })}\nBody.`,
    });
    expect(lines).toEqual([
      'src/content/blog/one.md:1  slug  "same" is also the slug of src/content/blog/two.md; give one of them a different slug',
      'src/content/blog/two.md:1  slug  "same" is also the slug of src/content/blog/one.md; give one of them a different slug',
    ]);
  });

  it('reports a missing hero with the post and the path', async () => {
    const { lines } = await project({ 'a.md': `${frontmatter({ ...basePost, heroImage: '"/missing.webp"', heroImageAlt: '"x"' })}\nBody.` });
    expect(lines).toEqual(['src/content/blog/a.md:7  heroImage  "/missing.webp" does not exist (looked for public/missing.webp); check the name, or add the file']);
  });

  it('reports a hero that is not an image, or outside the project', async () => {
    const { lines } = await project({
      'a.md': `${frontmatter({ ...basePost, heroImage: '"/not-an-image.webp"', heroImageAlt: '"x"' })}\nBody.`,
      'b.md': `${frontmatter({ ...basePost, heroImage: '"../../../etc/passwd"', heroImageAlt: '"x"' })}\nBody.`,
    });
    expect(lines[0]).toMatch(/a\.md:7 {2}heroImage {2}"\/not-an-image\.webp" is not an image/);
    expect(lines[1]).toMatch(/b\.md:7 {2}heroImage {2}"..\/..\/..\/etc\/passwd" points outside the project/);
  });

  it('names both posts when a link points at a post that does not exist or is not published', async () => {
    const { lines } = await project({
      'a.md': `${frontmatter(basePost)}\nIntro.\n\nSee [gone](https://blog.example.com/blog/nope/) and [draft](/blog/b/).\n`,
      'b.md': `${frontmatter({ ...basePost, draft: 'true' })}\nDraft body.`,
    });
    expect(lines).toEqual([
      'src/content/blog/a.md:11  body  links to "https://blog.example.com/blog/nope/", but no post has the slug "nope"; fix the link or remove it',
      'src/content/blog/a.md:11  body  links to "/blog/b/", which is src/content/blog/b.md, a draft or future post; readers would get a broken link',
    ]);
  });

  it('ignores links inside code blocks', async () => {
    const { problems } = await project({ 'a.md': `${frontmatter(basePost)}\n\`\`\`md\n[x](https://blog.example.com/blog/nope/)\n\`\`\`\n` });
    expect(problems).toEqual([]);
  });

  it('suggests the right spelling for a misspelled field and reports every problem at once', async () => {
    const { lines } = await project({ 'a.md': `---\ntitle: "T"\ndescription: "D"\npubdate: "Mar 04 2026"\ncategory: "C"\nheroimage: "/hero.webp"\n---\nBody.` });
    expect(lines).toEqual([
      'src/content/blog/a.md:1  pubDate  is missing; add it as "Mar 04 2026", "2026-03-04" or "2026-03-04T09:30:00+01:00"',
      'src/content/blog/a.md:4  pubdate  is not a known field; did you mean "pubDate"?',
      'src/content/blog/a.md:6  heroimage  is not a known field; did you mean "heroImage"?',
    ]);
  });

  it('explains broken YAML and tab indentation with the line', async () => {
    const { lines } = await project({
      'a.md': `---\ntitle: "Unclosed\ndescription: "D"\n---\nBody.`,
      'b.md': `---\ntitle: "T"\nkeywords:\n\t- one\n---\nBody.`,
    });
    expect(lines[0]).toMatch(/^src\/content\/blog\/a\.md:\d+ {2}frontmatter {2}is not valid YAML/);
    expect(lines[1]).toMatch(/^src\/content\/blog\/b\.md:4 {2}frontmatter {2}is not valid YAML: it is indented with a tab/);
  });

  it('reports an empty body and a missing frontmatter', async () => {
    const { lines } = await project({ 'a.md': `${frontmatter(basePost)}\n   \n`, 'b.md': 'Just text.' });
    expect(lines).toEqual([
      'src/content/blog/a.md:8  body  is empty; write the post below the closing "---"',
      'src/content/blog/b.md:1  frontmatter  is missing: start the file with a line "---", the fields (title, description, …), and another "---"',
    ]);
  });
});
