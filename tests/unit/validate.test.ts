import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { unsealJson } from '#src/lib/build/cache-integrity.ts';
import { checkPosts } from '#tools/check/check-posts.ts';
import { formatProblem } from '#tools/check/problems.ts';
import { renderNewPost } from '#src/lib/content/post-template.ts';
import { SITE } from '#src/site.config.ts';
import { checkProject, writePosts } from '../helpers/check-project.ts';
import { writeTestImage } from '../helpers/fixture-site.ts';

const frontmatter = (fields: Record<string, string>) =>
  `---\n${Object.entries(fields)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n')}\n---\n`;

const basePost = {
  title: '"A post"',
  description: '"About something."',
  keywords: '[one,two]',
  pubDate: '"Mar 04 2026"',
  category: '"Testing"',
};

const roots: string[] = [];
afterAll(() => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

/** A throwaway project with the given posts (file -> text) and a hero in public/. */
async function project(posts: Record<string, string>, prepare?: (root: string) => Promise<void>) {
  const root = await mkdtemp(path.join(tmpdir(), 'blog-check-'));
  roots.push(root);
  await writeTestImage(path.join(root, 'public/hero.webp'), 64, 36, 100);
  await writeFile(path.join(root, 'public/not-an-image.webp'), 'plain text, not an image');
  await writePosts(root, posts);
  await prepare?.(root);
  return checkProject(root);
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
      'src/content/blog/one.md:7  slug  "same" is also the slug of src/content/blog/two.md; give one of them a different slug',
      'src/content/blog/two.md:7  slug  "same" is also the slug of src/content/blog/one.md; give one of them a different slug',
    ]);
  });

  it('reports a missing hero with the post and the path', async () => {
    const { lines } = await project({
      'a.md': `${frontmatter({ ...basePost, heroImage: '"/missing.webp"', heroImageAlt: '"x"' })}\nBody.`,
    });
    expect(lines).toEqual([
      'src/content/blog/a.md:7  heroImage  "/missing.webp" does not exist (looked for public/missing.webp); check the name, or add the file',
    ]);
  });

  it('reports a hero that is not an image, or outside the project', async () => {
    const { lines } = await project({
      'a.md': `${frontmatter({ ...basePost, heroImage: '"/not-an-image.webp"', heroImageAlt: '"x"' })}\nBody.`,
      'b.md': `${frontmatter({ ...basePost, heroImage: '"../../../etc/passwd"', heroImageAlt: '"x"' })}\nBody.`,
    });
    expect(lines[0]).toMatch(/a\.md:7 {2}heroImage {2}"\/not-an-image\.webp" is not an image/);
    expect(lines[1]).toMatch(
      /b\.md:7 {2}heroImage {2}"..\/..\/..\/etc\/passwd" points outside src\/content\/; keep the file next to the post/,
    );
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
    const { problems } = await project({
      'a.md': `${frontmatter(basePost)}\n\`\`\`md\n[x](https://blog.example.com/blog/nope/)\n\`\`\`\n`,
    });
    expect(problems).toEqual([]);
  });

  it('suggests the right spelling for a misspelled field and reports every problem at once', async () => {
    const { lines } = await project({
      'a.md': `---\ntitle: "T"\ndescription: "D"\npubdate: "Mar 04 2026"\ncategory: "C"\nheroimage: "/hero.webp"\n---\nBody.`,
    });
    // One mistake, one line: no extra "pubDate is missing" for the misspelled pubdate.
    expect(lines).toEqual([
      'src/content/blog/a.md:4  pubdate  is not a known field; did you mean "pubDate"?',
      'src/content/blog/a.md:6  heroimage  is not a known field; did you mean "heroImage"?',
    ]);
  });

  it('explains broken YAML and tab indentation with the line', async () => {
    const { lines } = await project({
      'a.md': `---\ntitle: "Unclosed\ndescription: "D"\n---\nBody.`,
      'b.md': `---\ntitle: "T"\nkeywords:\n\t- one\n---\nBody.`,
    });
    expect(lines[0]).toBe('src/content/blog/a.md:2  title  opens a quote (") that is never closed; end the value with " on the same line');
    expect(lines[1]).toMatch(/^src\/content\/blog\/b\.md:4 {2}frontmatter {2}is not valid YAML: it is indented with a tab/);
  });

  it('names the field and the fix for the YAML mistakes editors make most', async () => {
    const { lines } = await project({
      'colon.md': `---\ntitle: Edge AI: What Fits\ndescription: "D"\n---\nBody.`,
      'apostrophe.md': `---\ntitle: 'It's Fine'\ndescription: "D"\n---\nBody.`,
      'twice.md': `---\ntitle: "T"\ndescription: "D"\ntitle: "Again"\n---\nBody.`,
      'unclosed.md': `---\ntitle: "T"\ndescription: "D"\n\nBody without the closing line.`,
    });
    expect(lines).toEqual([
      `src/content/blog/apostrophe.md:2  title  has an apostrophe inside single quotes, which ends the value early; use double quotes around it: title: "It's Fine"`,
      'src/content/blog/colon.md:2  title  has ": " in a value without quotes; put the whole value in double quotes: title: "Edge AI: What Fits"',
      'src/content/blog/twice.md:4  title  is given twice (lines 2 and 4); keep one',
      'src/content/blog/unclosed.md:1  frontmatter  is not closed: add a line "---" after the last field, before the text of the post',
    ]);
  });

  it('decodes heroes and body images, so a damaged file is reported before the build', async () => {
    const { lines } = await project(
      {
        'a.md': `${frontmatter({ ...basePost, heroImage: '"/cut.webp"', heroImageAlt: '"x"' })}\nBody.\n\n![A chart](/garbled.webp)\n`,
      },
      async (root) => {
        const good = await readFile(path.join(root, 'public/hero.webp'));
        await writeFile(path.join(root, 'public/cut.webp'), good.subarray(0, Math.floor(good.length / 2)));
        const garbled = Buffer.from(good);
        for (let i = 64; i < garbled.length; i += 1) garbled[i] = (i * 7) & 0xff;
        await writeFile(path.join(root, 'public/garbled.webp'), garbled);
      },
    );
    expect(lines).toEqual([
      'src/content/blog/a.md:7  heroImage  "/cut.webp" is damaged and cannot be read (Input file has corrupt header: webp: unable to parse image); export or download it again',
      'src/content/blog/a.md:13  body  image "/garbled.webp" is damaged: its webp data cannot be decoded (webp2vips: unable to read pixels); export or download it again',
    ]);
  });

  it('remembers images that passed, and checks a file again when it changes', async () => {
    const post = `${frontmatter({ ...basePost, heroImage: '"/hero.webp"', heroImageAlt: '"x"' })}\nBody.`;
    const first = await project({ 'a.md': post });
    expect(first.problems).toEqual([]);
    const cache = unsealJson(await readFile(path.join(first.root, '.cache/checked-images.json'), 'utf8')) as Record<string, string>;
    expect(Object.keys(cache)).toEqual([`${path.join(first.root, 'public/hero.webp')}|photo`]);
    await writeFile(path.join(first.root, 'public/hero.webp'), 'no longer an image');
    const again = await checkProject(first.root);
    expect(again.lines).toEqual(['src/content/blog/a.md:7  heroImage  "/hero.webp" is not an image; use a webp, jpeg, png or avif file']);
  });

  it('wants alt text on body images, except an explicit alt="" in HTML', async () => {
    const { lines } = await project({
      'a.md': `${frontmatter(basePost)}\n![](/hero.webp)\n\n<img src="/hero.webp">\n\n<img src="/hero.webp" alt="">\n\n![A hero](/hero.webp)\n`,
    });
    expect(lines).toEqual([
      'src/content/blog/a.md:9  body  image "/hero.webp" has no alt text; describe it for readers who cannot see it: ![what it shows](/hero.webp)',
      'src/content/blog/a.md:11  body  image "/hero.webp" has no alt text; describe it for readers who cannot see it: ![what it shows](/hero.webp)',
    ]);
  });

  it('finds body images next to the post', async () => {
    const { lines } = await project(
      { 'folder/index.md': `${frontmatter(basePost)}\n![A diagram](./diagram.webp)\n\n![A hero](./hero.webp)\n` },
      (root) => writeTestImage(path.join(root, 'src/content/blog/folder/hero.webp'), 32, 18, 10),
    );
    expect(lines).toEqual([
      'src/content/blog/folder/index.md:9  body  image "./diagram.webp" does not exist (looked for src/content/blog/folder/diagram.webp); check the path or add the file',
    ]);
  });

  it('checks images beside a folder post in every form writers use, as the build reads them', async () => {
    const { lines } = await project(
      {
        'folder/index.md': `${frontmatter(basePost)}\n${[
          '![With dot](./diagram.webp)',
          '![Without dot](diagram.webp)',
          '![Nested](./img/chart.webp)',
          '![Spaces](<./my diagram.webp>)',
          '![Encoded](./my%20diagram.webp)',
          '![Unicode](./café.webp "A caption")',
          '[![Linked](./diagram.webp)](https://example.com/)',
          '![Ref][d]',
          '<img src="./img/chart.webp" alt="Raw">',
          '![Missing](./img/missing.webp)',
          '![Climbing](../../../secret.webp)',
        ].join('\n\n')}\n\n[d]: ./diagram.webp\n`,
      },
      async (root) => {
        const folder = path.join(root, 'src/content/blog/folder');
        await writeTestImage(path.join(folder, 'diagram.webp'), 32, 18, 10);
        await writeTestImage(path.join(folder, 'img/chart.webp'), 32, 18, 40);
        await writeTestImage(path.join(folder, 'my diagram.webp'), 32, 18, 80);
        await writeTestImage(path.join(folder, 'café.webp'), 32, 18, 120);
      },
    );
    expect(lines).toEqual([
      'src/content/blog/folder/index.md:27  body  image "./img/missing.webp" does not exist (looked for src/content/blog/folder/img/missing.webp); check the path or add the file',
      'src/content/blog/folder/index.md:29  body  image "../../../secret.webp" points outside src/content/; keep the file next to the post, e.g. "./hero.webp", or in public/ as "/hero.webp"',
    ]);
  });

  it('refuses body images on another site, with their line and what to do', async () => {
    const { lines } = await project({
      'a.md': `${frontmatter(basePost)}\n${[
        '![chart](https://images.example.com/c.jpg)',
        '![chart](//cdn.example.net/x.png "A caption")',
        '<img src="https://images.example.com/raw.jpg" alt="raw">',
        '![own site](https://blog.example.com/hero.webp)',
        '![pasted path](C:\\Users\\me\\x.png)',
      ].join('\n\n')}\n`,
    });
    const fix =
      'and the site\'s Content-Security-Policy lets pages show only their own images; download it, save it next to the post and write "./name.webp" (or put it in public/ and write "/name.webp")';
    expect(lines).toEqual([
      `src/content/blog/a.md:9  body  image "https://images.example.com/c.jpg" is on another site (images.example.com), ${fix}`,
      `src/content/blog/a.md:11  body  image "//cdn.example.net/x.png" is on another site (cdn.example.net), ${fix}`,
      `src/content/blog/a.md:13  body  image "https://images.example.com/raw.jpg" is on another site (images.example.com), ${fix}`,
      'src/content/blog/a.md:17  body  image "C:\\\\Users\\\\me\\\\x.png" is not a file the site can serve; save the image next to the post and write "./name.webp" (or put it in public/ and write "/name.webp")',
    ]);
  });

  it('accepts the placeholders of `npm run new` in a draft, and names each one once it is not a draft', async () => {
    const draft = renderNewPost({
      title: 'Fresh',
      slug: 'fresh',
      category: 'Testing',
      author: 'A',
      pubDate: '2026-03-04',
      heroImage: '/fresh.webp',
      heroExists: false,
    });
    expect((await project({ 'fresh.md': draft })).problems).toEqual([]);
    const { lines } = await project({ 'fresh.md': draft.replace('draft: true', 'draft: false') });
    expect(lines).toEqual([
      'src/content/blog/fresh.md:3  description  is still the placeholder from `npm run new`; write it before setting draft: false',
      'src/content/blog/fresh.md:26  body  has a "TODO:" placeholder from `npm run new`; write the post, or keep draft: true',
    ]);
  });

  it('checks links written with the base path the site is hosted under', async () => {
    const root = (
      await project({
        'a.md': `${frontmatter(basePost)}\nSee [b](/sub/blog/b/) and [gone](https://blog.example.com/sub/blog/gone/).\n`,
        'b.md': `${frontmatter(basePost)}\nB.`,
      })
    ).root;
    const { problems } = await checkPosts({
      root,
      publicDir: path.join(root, 'public'),
      cacheDir: path.join(root, '.cache'),
      site: SITE,
      now: new Date('2026-11-23T00:00:00Z'),
      base: '/sub/',
    });
    expect(problems.map(formatProblem)).toEqual([
      'src/content/blog/a.md:9  body  links to "https://blog.example.com/sub/blog/gone/", but no post has the slug "gone"; fix the link or remove it',
    ]);
  });

  it('reports an MDX syntax error on its line, and accepts valid MDX', async () => {
    const { lines } = await project({
      'bad.mdx': `${frontmatter(basePost)}\nIntro.\n\nExpect {about 170 KB.\n`,
      'good.mdx': `${frontmatter(basePost)}\nexport const year = 2026\n\nIn {year}, a < b and {/* a comment */}.\n`,
    });
    expect(lines).toEqual([
      'src/content/blog/bad.mdx:11  body  is not valid MDX: Unexpected end of file in expression, expected a corresponding closing brace for `{`; in MDX, `{` starts an expression and `<` a component: close them, or write \\{ and \\< for the characters',
    ]);
  });

  it("reports a ```mermaid diagram that cannot be drawn on its fence's line in the file, and accepts one that can", async () => {
    const { lines } = await project({
      'bad.md': `${frontmatter(basePost)}\nIntro.\n\n\`\`\`mermaid\npie title Pets\n  "Dogs" : 386\n\`\`\`\n`,
      'good.md': `${frontmatter(basePost)}\n\`\`\`mermaid\ngraph TD\n  A-->B\n\`\`\`\n`,
    });
    expect(lines).toEqual([
      'src/content/blog/bad.md:11  body  has a ```mermaid diagram that cannot be drawn: Invalid mermaid header: "pie title Pets". Expected "graph TD", "flowchart LR", "stateDiagram-v2", etc. (drawn here: flowchart (graph), sequenceDiagram, classDiagram, stateDiagram-v2 and erDiagram). Fix the diagram, or write ```text to show it as code',
    ]);
  });

  it('reports an empty body and a missing frontmatter', async () => {
    const { lines } = await project({ 'a.md': `${frontmatter(basePost)}\n   \n`, 'b.md': 'Just text.' });
    expect(lines).toEqual([
      'src/content/blog/a.md:8  body  is empty; write the post below the closing "---"',
      'src/content/blog/b.md:1  frontmatter  is missing: start the file with a line "---", the fields (title, description, …), and another "---"',
    ]);
  });

  it('checks that a #fragment names a heading of the target post', async () => {
    const { lines } = await project({
      'a.md': `${frontmatter(basePost)}\nSee [setup](https://blog.example.com/blog/b#set-up-the-tools), [q](/blog/b/#what-is-it-1) and [nope](/blog/b/#install).\n`,
      'b.md': `${frontmatter(basePost)}\n## Set up the tools\n\nText.\n\n## What is it?\n\n### What is it?\n\n<h2 id="custom">Raw</h2>\n`,
      'c.md': `${frontmatter(basePost)}\nSee [raw](/blog/b/#custom).\n`,
    });
    expect(lines).toEqual([
      'src/content/blog/a.md:9  body  links to "/blog/b/#install", but src/content/blog/b.md has no heading "#install"; link to one of its headings (#set-up-the-tools, #what-is-it, #what-is-it-1, #custom) or drop the fragment',
    ]);
  });

  it('says that a hero or preview image given as a web address must be a file', async () => {
    const { lines } = await project({
      'a.md': `${frontmatter({ ...basePost, heroImage: '"https://cdn.example.com/hero.jpg"', heroImageAlt: '"x"' })}\nBody.`,
      'b.md': `${frontmatter({ ...basePost, ogImage: '"//cdn.example.com/card.jpg"' })}\nBody.`,
    });
    expect(lines).toEqual([
      'src/content/blog/a.md:7  heroImage  "https://cdn.example.com/hero.jpg" is a web address, but images must be files in the project, so the build can make their variants; download it into public/ and write "/name.webp", or save it next to the post as "./name.webp"',
      'src/content/blog/b.md:7  ogImage  "//cdn.example.com/card.jpg" is a web address, but images must be files in the project, so the build can make their variants; download it into public/ and write "/name.webp", or save it next to the post as "./name.webp"',
    ]);
  });

  it('checks an ogImage like a hero: it must exist and be an image', async () => {
    const { lines } = await project({
      'a.md': `${frontmatter({ ...basePost, ogImage: '"/missing-card.jpg"' })}\nBody.`,
      'b.md': `${frontmatter({ ...basePost, ogImage: '"/not-an-image.webp"' })}\nBody.`,
      'c.md': `${frontmatter({ ...basePost, ogImage: '"/hero.webp"' })}\nBody.`,
    });
    expect(lines).toEqual([
      'src/content/blog/a.md:7  ogImage  "/missing-card.jpg" does not exist (looked for public/missing-card.jpg); check the name, or add the file',
      expect.stringMatching(/^src\/content\/blog\/b\.md:7 {2}ogImage {2}"\/not-an-image\.webp" is not an image/),
    ]);
  });

  it('reports an MDX import that reaches nothing on its line', async () => {
    const { lines } = await project(
      {
        'a.mdx': `${frontmatter(basePost)}\nimport Chart from '../../components/Chart.astro';\nimport Missing from '../../components/Missing.astro';\nimport { thing } from 'no-such-package-xyz';\n\n<Chart />\n`,
      },
      async (root) => {
        await mkdir(path.join(root, 'src/components'), { recursive: true });
        await writeFile(path.join(root, 'src/components/Chart.astro'), '<p>chart</p>\n');
      },
    );
    expect(lines).toEqual([
      'src/content/blog/a.mdx:10  body  imports "../../components/Missing.astro", which does not exist (looked for src/components/Missing.astro); check the path and the capitals in the file name',
      'src/content/blog/a.mdx:11  body  imports "no-such-package-xyz", but the package "no-such-package-xyz" is not installed; add it with npm install no-such-package-xyz, or fix the name',
    ]);
  });

  it("refuses a style attribute in MDX, which the CSP would block, and leaves a Markdown post's to the sanitiser", async () => {
    const { lines } = await project({
      'a.mdx': `${frontmatter(basePost)}\nRed: <span style={{ color: 'red' }}>text</span>.\n\n<div class="note" STYLE="margin: 0">\n\nA note.\n\n</div>\n`,
      // The sanitiser drops a Markdown post's style attributes (README, Raw HTML and MDX): nothing reaches the page.
      'b.md': `${frontmatter(basePost)}\nRed: <span style="color: red">text</span>.\n`,
    });
    expect(lines).toEqual([
      `src/content/blog/a.mdx:9  body  <span> has a style attribute, which the site's Content-Security-Policy blocks (style-src-attr 'none'): browsers would ignore it. Give it a class instead (<span class="…">) and style that class in a component's <style>, or use a component that does`,
      `src/content/blog/a.mdx:11  body  <div> has a style attribute, which the site's Content-Security-Policy blocks (style-src-attr 'none'): browsers would ignore it. Give it a class instead (<div class="…">) and style that class in a component's <style>, or use a component that does`,
    ]);
  });

  it('refuses a redirect from a live post, and a settings redirect to a missing post', async () => {
    const root = (
      await project({
        'a.md': `${frontmatter({ ...basePost, redirectFrom: '["/blog/b/", "/old-a/"]' })}\nA.`,
        'b.md': `${frontmatter(basePost)}\nB.`,
      })
    ).root;
    const { lines, redirects } = await checkProject(root, {
      redirects: { '/old-page/': '/blog/nope/', '/about-old/': 'https://blog.example.com/blog/b' },
    });
    expect(lines).toEqual([
      'src/content/blog/a.md:7  redirectFrom  "/blog/b/" is the address of the post src/content/blog/b.md, a live page, so it cannot also redirect; remove it from the redirects, or move that page',
      'src/site.config.ts:1  redirects  "/old-page/" leads to "/blog/nope/", but no published post has the slug "nope"; fix the target',
    ]);
    expect(redirects.map((r) => [r.from, r.to])).toEqual([
      ['/about-old/', '/blog/b/'],
      ['/old-a/', '/blog/a/'],
    ]);
  });

  it('fails when a published URL disappears, until a redirect or removedUrls covers it', async () => {
    const posts = { 'a.md': `${frontmatter({ ...basePost, slug: '"new-name"' })}\nA.`, 'b.md': `${frontmatter(basePost)}\nB.` };
    const { root } = await project(posts, async (root) => {
      await mkdir(path.join(root, '.cache'), { recursive: true });
      const urls = { '/blog/old-name/': 'src/content/blog/a.md', '/blog/b/': 'src/content/blog/b.md', '/blog/c/': 'src/content/blog/c.md' };
      await writeFile(path.join(root, '.cache/published-urls.json'), JSON.stringify({ version: 2, deploy: 'production', urls }));
    });
    expect((await checkProject(root)).lines).toEqual([
      'src/content/blog/a.md:7  slug  was "old-name" (published at /blog/old-name/); add redirectFrom: ["/blog/old-name/"] to this post to keep old links working, or, if it is gone on purpose, list "/blog/old-name/" in removedUrls in src/site.config.ts',
      'src/content/blog/c.md:1  file  is gone (renamed or deleted), but it was published at /blog/c/; add redirectFrom: ["/blog/old-name/"] to the post that replaces it, or, if it is gone on purpose, list "/blog/c/" in removedUrls in src/site.config.ts'.replace(
        '["/blog/old-name/"]',
        '["/blog/c/"]',
      ),
    ]);
    await writeFile(
      path.join(root, 'src/content/blog/a.md'),
      `${frontmatter({ ...basePost, slug: '"new-name"', redirectFrom: '["/blog/old-name"]' })}\nA.`,
    );
    const fixed = await checkProject(root, { removedUrls: ['/blog/c/'] });
    expect(fixed.lines).toEqual([]);
    expect(fixed.publishedUrls).toEqual({
      '/blog/old-name/': 'src/content/blog/a.md',
      '/blog/new-name/': 'src/content/blog/a.md',
      '/blog/b/': 'src/content/blog/b.md',
    });
  });

  it('checks nothing about earlier URLs when there is no record, or a damaged one', async () => {
    const { root, problems } = await project({ 'a.md': `${frontmatter(basePost)}\nA.` }, async (root) => {
      await mkdir(path.join(root, '.cache'), { recursive: true });
      await writeFile(
        path.join(root, '.cache/published-urls.json'),
        '{"version": 2, "deploy": "production", "urls": {"/blog/x/": "src/con',
      );
    });
    expect(problems).toEqual([]);
    expect((await checkProject(root)).publishedUrls).toEqual({ '/blog/a/': 'src/content/blog/a.md' });
  });

  it('names the year most likely meant for a date typed wrong', async () => {
    const { lines } = await project({
      'a.md': `${frontmatter({ ...basePost, pubDate: '"0225-11-18"' })}\nA.`,
      'b.md': `${frontmatter({ ...basePost, pubDate: '"2062-03-01"' })}\nB.`,
    });
    expect(lines).toEqual([
      'src/content/blog/a.md:5  pubDate  "0225-11-18" is in the year 225, before 1990; did you mean 2025?',
      expect.stringMatching(
        /^src\/content\/blog\/b\.md:5 {2}pubDate {2}"2062-03-01" is more than a year ahead \(2062\); did you mean 2026\?/,
      ),
    ]);
  });
});
