import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTestImage } from '../helpers/fixture-site.ts';
import { makeProjectCopy, runScriptAsync } from '../helpers/project-copy.ts';

/**
 * The bad-post suite: each broken post is added to a small, valid project
 * (one good post, a few images), copied on its own, and built with
 * `npm run build` exactly as an editor would. Every build must fail, before
 * Astro starts, with a `file:line  field  message` line that names the post,
 * the field and what is wrong, and with no stack trace.
 *
 * The copies are cheap (code is copied, node_modules is symlinked) and the
 * checker fails before Astro loads, so a case takes well under a second.
 * Set BAD_POSTS_REPORT=<file> to write each case's first message line there.
 */

type Fields = Record<string, string | undefined>;

const BASE: Fields = {
  title: '"A Post With One Mistake"',
  description: '"It is fine apart from the one thing each case breaks."',
  keywords: '[testing, editors]',
  pubDate: '"2026-03-04"',
  category: '"Testing"',
};

/** A post: the base fields with some replaced (undefined removes one), then the body. */
function post(changes: Fields = {}, body = 'A short body with [a link to the good post](/blog/good-post/).\n'): string {
  const fields = Object.entries({ ...BASE, ...changes }).filter(([, value]) => value !== undefined);
  return `---\n${fields.map(([key, value]) => `${key}: ${value}`).join('\n')}\n---\n\n${body}`;
}

const hero = (file: string): Fields => ({ heroImage: `"${file}"`, heroImageAlt: '"A gradient with circles"' });

interface BadPost {
  /** What is wrong, as an editor would say it. */
  name: string;
  /** File under src/content/blog/ (default bad.md). */
  file?: string;
  text: string;
  /** The field the first message names. */
  field: string;
  /** What the first message must say. */
  says: RegExp;
}

const CASES: BadPost[] = [
  { name: 'missing title', text: post({ title: undefined }), field: 'title', says: /^is missing; add it, e\.g\. title: "/ },
  { name: 'empty title', text: post({ title: '""' }), field: 'title', says: /^is empty; write it/ },
  { name: 'title of only spaces', text: post({ title: '"   "' }), field: 'title', says: /^is empty; write it/ },
  { name: 'missing description', text: post({ description: undefined }), field: 'description', says: /^is missing/ },
  {
    name: 'date in no accepted form',
    text: post({ pubDate: '"next Tuesday"' }),
    field: 'pubDate',
    says: /"next Tuesday".*"Mar 04 2026", "2026-03-04"/,
  },
  {
    name: 'impossible date (Feb 30, quoted)',
    text: post({ pubDate: '"2026-02-30"' }),
    field: 'pubDate',
    says: /^"2026-02-30" is not a real date: Feb 2026 has 28 days/,
  },
  {
    name: 'impossible date (month 13, unquoted)',
    text: post({ pubDate: '2026-13-01' }),
    field: 'pubDate',
    says: /^"2026-13-01" has month 13; months go from 1 to 12/,
  },
  { name: 'updatedDate before pubDate', text: post({ updatedDate: '"2026-03-01"' }), field: 'updatedDate', says: /is before pubDate/ },
  { name: 'category is a number', text: post({ category: '42' }), field: 'category', says: /^must be text in quotes, not a number/ },
  { name: 'category is a list', text: post({ category: '[AI, Web]' }), field: 'category', says: /^must be text in quotes, not a list/ },
  {
    name: 'keywords not a list',
    text: post({ keywords: '"edge ai, astro"' }),
    field: 'keywords',
    says: /^must be a list like \[first term, second term\], not a string/,
  },
  { name: 'draft is not true/false', text: post({ draft: '"yes"' }), field: 'draft', says: /^must be true or false/ },
  {
    name: 'heroImage: missing file',
    text: post(hero('/missing.webp')),
    field: 'heroImage',
    says: /^"\/missing\.webp" does not exist \(looked for public\/missing\.webp\)/,
  },
  {
    name: 'heroImage: a text file, not an image',
    text: post(hero('/notes.webp')),
    field: 'heroImage',
    says: /^"\/notes\.webp" is not an image/,
  },
  {
    name: 'heroImage: corrupt image (truncated JPEG)',
    text: post(hero('/truncated.jpg')),
    field: 'heroImage',
    says: /^"\/truncated\.jpg" is damaged/,
  },
  {
    name: 'heroImage: corrupt image (garbled WebP pixels)',
    text: post(hero('/garbled.webp')),
    field: 'heroImage',
    says: /^"\/garbled\.webp" is damaged/,
  },
  {
    name: 'heroImage: outside the project',
    text: post(hero('../../../etc/passwd')),
    field: 'heroImage',
    says: /^"\.\.\/\.\.\/\.\.\/etc\/passwd" points outside src\/content\/; keep the file next to the post/,
  },
  {
    name: 'heroImage without heroImageAlt',
    text: post({ heroImage: '"/hero.webp"' }),
    field: 'heroImageAlt',
    says: /^is required when heroImage is set/,
  },
  {
    name: 'a series with only this post',
    text: post({ series: '"Quantum Basics"' }),
    field: 'series',
    says: /^"Quantum Basics" has only this post; a series needs at least two parts: add series: "Quantum Basics" to another post/,
  },
  { name: 'seriesOrder without series', text: post({ seriesOrder: '2' }), field: 'seriesOrder', says: /^is set but series is not/ },
  {
    name: 'seriesOrder in quotes',
    text: post({ series: '"Quantum Basics"', seriesOrder: '"2"' }),
    field: 'seriesOrder',
    says: /^must be the part number without quotes, e\.g\. seriesOrder: 2/,
  },
  {
    name: 'duplicate slug',
    text: post({ slug: '"good-post"' }),
    field: 'slug',
    says: /^"good-post" is also the slug of src\/content\/blog\/good-post\.md/,
  },
  {
    name: 'slug with spaces',
    text: post({ slug: '"my bad post"' }),
    field: 'slug',
    says: /^must be lowercase words joined by hyphens, with no spaces or slashes/,
  },
  {
    name: 'slug with slashes',
    text: post({ slug: '"2026/bad-post"' }),
    field: 'slug',
    says: /^must be lowercase words joined by hyphens, with no spaces or slashes/,
  },
  {
    name: 'broken YAML: a quote never closed',
    text: post({ title: '"Unclosed quote' }),
    field: 'title',
    says: /^opens a quote \("\) that is never closed; end the value with " on the same line/,
  },
  {
    name: 'broken YAML: a colon in an unquoted value',
    text: post({ title: 'Edge AI: What Fits' }),
    field: 'title',
    says: /^has ": " in a value without quotes; put the whole value in double quotes: title: "Edge AI: What Fits"/,
  },
  {
    name: 'broken YAML: an apostrophe inside single quotes',
    text: post({ title: "'It's Fine'" }),
    field: 'title',
    says: /^has an apostrophe inside single quotes.*title: "It's Fine"/,
  },
  {
    name: 'broken YAML: a field given twice',
    text: post().replace('---\n', '---\ntitle: "Twice"\n'),
    field: 'title',
    says: /^is given twice \(lines 2 and 3\); keep one/,
  },
  {
    name: 'tab-indented YAML block',
    text: post({ keywords: '\n\t- testing\n\t- editors' }),
    field: 'frontmatter',
    says: /^is not valid YAML: it is indented with a tab/,
  },
  {
    name: 'no frontmatter',
    text: 'Just a body, no fields.\n',
    field: 'frontmatter',
    says: /^is missing: start the file with a line "---"/,
  },
  {
    name: 'frontmatter never closed',
    text: post().replace(/\n---\n\n/, '\n\n'),
    field: 'frontmatter',
    says: /^is not closed: add a line "---"/,
  },
  {
    name: 'misspelled field: pubdate',
    text: post({ pubDate: undefined, pubdate: '"2026-03-04"' }),
    field: 'pubdate',
    says: /^is not a known field; did you mean "pubDate"\?/,
  },
  {
    name: 'misspelled field: heroimage',
    text: post({ heroimage: '"/hero.webp"', heroImageAlt: '"A gradient"' }),
    field: 'heroimage',
    says: /^is not a known field; did you mean "heroImage"\?/,
  },
  {
    name: 'link to a post that does not exist',
    text: post({}, 'See [this](https://blog.example.com/blog/no-such-post/).\n'),
    field: 'body',
    says: /^links to "https:\/\/blog\.example\.com\/blog\/no-such-post\/", but no post has the slug "no-such-post"/,
  },
  {
    name: 'body image missing',
    text: post({}, 'Look: ![A chart](/images/missing-chart.webp)\n'),
    field: 'body',
    says: /^image "\/images\/missing-chart\.webp" does not exist/,
  },
  {
    name: 'body image corrupt',
    text: post({}, 'Look: ![A chart](/truncated.jpg)\n'),
    field: 'body',
    says: /^image "\/truncated\.jpg" is damaged/,
  },
  {
    name: 'body image next to the post, corrupt',
    text: post({}, 'Look: ![A diagram](./cut-short.png)\n'),
    field: 'body',
    says: /^image "\.\/cut-short\.png" is damaged/,
  },
  {
    name: 'body image on another site',
    text: post({}, 'Look: ![A chart](https://images.example.com/c.jpg)\n'),
    field: 'body',
    says: /^image "https:\/\/images\.example\.com\/c\.jpg" is on another site \(images\.example\.com\), and the site's Content-Security-Policy/,
  },
  {
    name: 'body image on another site, raw HTML without a scheme',
    text: post({}, 'Look:\n\n<img src="//cdn.example.net/x.png" alt="A chart">\n'),
    field: 'body',
    says: /^image "\/\/cdn\.example\.net\/x\.png" is on another site \(cdn\.example\.net\), and the site's Content-Security-Policy/,
  },
  { name: 'empty body', text: post({}, '\n   \n'), field: 'body', says: /^is empty; write the post below the closing "---"/ },
  {
    name: 'code block whose marked lines are not a list',
    text: post({}, 'Intro.\n\n```ts title="a.ts" {2-x}\nconst a = 1;\nconst b = 2;\n```\n'),
    field: 'body',
    says: /^has a code block whose meta cannot be read: "\{2-x\}" is not a list of lines \("2-x" is not a line or a range\); write lines as \{2-3\} or \{1,4-6\}$/,
  },
  {
    name: 'an iframe from a host that is not YouTube or Vimeo',
    text: post({}, 'A map:\n\n<iframe src="https://www.google.com/maps/embed?pb=1" width="600" height="450"></iframe>\n'),
    field: 'body',
    says: /^has an iframe from www\.google\.com: iframes from www\.google\.com are not published; YouTube and Vimeo links become embeds/,
  },
  {
    name: 'a heading id with a space',
    text: post({}, 'Intro.\n\n## Pricing {#our prices}\n'),
    field: 'body',
    says: /^has a heading id "\{#our prices\}" that has a space; write it as letters, digits/,
  },
  {
    name: 'MDX: a heading id, which MDX reads as an expression',
    file: 'bad.mdx',
    text: post({}, 'Intro.\n\n## Pricing {#pricing}\n'),
    field: 'body',
    says: /^has a heading id "\{#pricing\}", which \.mdx reads as a JavaScript expression .* <h2 id="pricing">Pricing<\/h2>/,
  },
  {
    name: 'MDX: a stray { in the text',
    file: 'bad.mdx',
    text: post({}, 'Budgets are {roughly 170 KB of script.\n'),
    field: 'body',
    says: /^is not valid MDX: Unexpected end of file in expression, expected a corresponding closing brace for `\{`/,
  },
  {
    name: 'MDX: a tag never closed',
    file: 'bad.mdx',
    text: post({}, 'Intro.\n\n<Aside>\n\nA note.\n'),
    field: 'body',
    says: /^is not valid MDX: Expected a closing tag for `<Aside>`/,
  },
  {
    name: 'MDX: an HTML comment',
    file: 'bad.mdx',
    text: post({}, 'Intro.\n\n<!-- TODO: remove -->\n'),
    field: 'body',
    says: /^is not valid MDX: .*to create a comment in MDX, use `\{\/\* text \*\/\}`/,
  },
  {
    name: 'year typed wrong (0225)',
    text: post({ pubDate: '"0225-11-18"' }),
    field: 'pubDate',
    says: /^"0225-11-18" is in the year 225, before 1990; did you mean 2025\?/,
  },
  {
    name: 'year typed wrong (far in the future)',
    text: post({ pubDate: '"2206-03-04"' }),
    field: 'pubDate',
    says: /^"2206-03-04" is more than a year ahead \(2206\); did you mean 20\d\d\?/,
  },
  {
    name: 'heroImage: a web address',
    text: post(hero('https://images.example.com/hero.jpg')),
    field: 'heroImage',
    says: /^"https:\/\/images\.example\.com\/hero\.jpg" is a web address, but images must be files in the project/,
  },
  {
    name: 'canonicalURL: a relative path',
    text: post({ canonicalURL: '"/blog/original/"' }),
    field: 'canonicalURL',
    says: /^must be a whole web address starting with https:\/\//,
  },
  { name: 'seoTitle: empty', text: post({ seoTitle: '""' }), field: 'seoTitle', says: /^is empty; remove it to use the title/ },
  { name: 'noindex is not true/false', text: post({ noindex: '"yes"' }), field: 'noindex', says: /^must be true or false/ },
  {
    name: 'ogImage: missing file',
    text: post({ ogImage: '"/missing-card.jpg"' }),
    field: 'ogImage',
    says: /^"\/missing-card\.jpg" does not exist \(looked for public\/missing-card\.jpg\)/,
  },
  {
    name: 'ogImage: corrupt image',
    text: post({ ogImage: '"/truncated.jpg"' }),
    field: 'ogImage',
    says: /^"\/truncated\.jpg" is damaged/,
  },
  {
    name: 'redirectFrom: a whole web address instead of a path',
    text: post({ redirectFrom: '["https://old.example.com/post/"]' }),
    field: 'redirectFrom',
    says: /^entries must be paths on this site starting with "\/"/,
  },
  {
    name: 'redirectFrom: onto a live post',
    text: post({ redirectFrom: '["/blog/good-post/"]' }),
    field: 'redirectFrom',
    says: /^"\/blog\/good-post\/" is the address of the post src\/content\/blog\/good-post\.md, a live page/,
  },
  {
    name: 'redirectFrom: onto a category page',
    text: post({ redirectFrom: '["/category/testing"]' }),
    field: 'redirectFrom',
    says: /^"\/category\/testing" is the address of the category page of "Testing", a live page/,
  },
  {
    name: 'faq is not true/false',
    text: post({ faq: 'no' }),
    field: 'faq',
    says: /^must be true or false/,
  },
  {
    name: 'link to a heading the other post does not have',
    text: post({}, 'See [the setup](https://blog.example.com/blog/good-post#setup).\n'),
    field: 'body',
    says: /^links to "https:\/\/blog\.example\.com\/blog\/good-post#setup", but src\/content\/blog\/good-post\.md has no heading "#setup"/,
  },
  {
    name: 'MDX: importing a component that does not exist',
    file: 'bad.mdx',
    text: post({}, "import Chart from '../../components/Chart.astro';\n\nIntro.\n\n<Chart />\n"),
    field: 'body',
    says: /^imports "\.\.\/\.\.\/components\/Chart\.astro", which does not exist \(looked for src\/components\/Chart\.astro\)/,
  },
  {
    name: 'a GitHub alert of a kind the site does not draw',
    text: post({}, 'Intro.\n\n> [!NOTTE]\n> Read this first.\n'),
    field: 'body',
    says: /^callout kind "NOTTE" is not one the site draws \(did you mean > \[!NOTE\]\?\); write one of note, tip, important, warning, caution/,
  },
  {
    name: 'MDX: a directive of a kind the site does not draw',
    file: 'bad.mdx',
    text: post({}, ':::warnin[Careful]\nBack up first.\n:::\n'),
    field: 'body',
    says: /^callout kind "warnin" is not one the site draws \(did you mean :::warning\?\)/,
  },
  {
    name: 'post file over the size limit (a pasted log)',
    text: post({}, 'A pasted log line, one of thousands.\n'.repeat(60_000)),
    field: 'file',
    says: /^is 2\.1 MB, more than the 2 MB a post may be; move data and images out of the post/,
  },
  {
    name: 'more keywords than the limit',
    text: post({ keywords: `[${Array.from({ length: 201 }, (_, i) => `keyword ${i}`).join(', ')}]` }),
    field: 'keywords',
    says: /^lists 201 entries, more than the 200 a post may have/,
  },
  {
    name: 'MDX in the guest posts folder',
    file: 'guests/bad.mdx',
    text: post({}, 'export const home = process.env.HOME\n\nIntro {home}.\n'),
    field: 'file',
    says: /^is MDX, which runs code on the build machine, and src\/content\/blog\/guests\/ holds guest posts .*, which must be \.md/,
  },
];

/** The small valid project every case starts from. */
let template = '';
let templatePublic = '';
const roots: string[] = [];
const firstLines = new Map<string, string>();

beforeAll(async () => {
  template = await mkdtemp(path.join(tmpdir(), 'blog-bad-template-'));
  templatePublic = path.join(template, 'public');
  await mkdir(path.join(template, 'blog'));
  await writeFile(
    path.join(template, 'blog/good-post.md'),
    post({ title: '"The Good Post"', ...hero('/hero.webp') }, 'A valid post that the bad ones sit beside.\n'),
  );
  await writeTestImage(path.join(templatePublic, 'hero.webp'), 320, 180, 200);
  await writeFile(path.join(templatePublic, 'notes.webp'), 'Meeting notes, saved with the wrong name.\n');
  // Corrupt in the two ways downloads and exports go wrong: cut short, and garbled.
  const jpeg = await sharp(path.join(templatePublic, 'hero.webp')).jpeg().toBuffer();
  await writeFile(path.join(templatePublic, 'truncated.jpg'), jpeg.subarray(0, Math.floor(jpeg.length / 2)));
  const garbled = readFileSync(path.join(templatePublic, 'hero.webp'));
  for (let i = 64; i < garbled.length; i += 1) garbled[i] = (i * 7) & 0xff;
  await writeFile(path.join(templatePublic, 'garbled.webp'), garbled);
  const png = await sharp(path.join(templatePublic, 'hero.webp')).png().toBuffer();
  await writeFile(path.join(template, 'blog/cut-short.png'), png.subarray(0, Math.floor(png.length / 2)));
});

afterAll(async () => {
  if (process.env['BAD_POSTS_REPORT']) {
    const lines = CASES.map((c) => `- ${c.name}: \`${firstLines.get(c.name) ?? '(no message)'}\``);
    await writeFile(process.env['BAD_POSTS_REPORT'], `${lines.join('\n')}\n`);
  }
  if (process.env['KEEP_FIXTURES']) return;
  await Promise.all([template, ...roots].filter(Boolean).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function projectWith(files: Record<string, string>): Promise<string> {
  const root = await makeProjectCopy({ contentDir: path.join(template, 'blog'), publicDir: templatePublic, name: 'bad' });
  roots.push(root);
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, 'src/content/blog', file)), { recursive: true });
    await writeFile(path.join(root, 'src/content/blog', file), text);
  }
  return root;
}

/** `  src/content/blog/x.md:4  field  message` lines of the checker's report. */
const problemLines = (stderr: string) =>
  stderr
    .split('\n')
    .filter((line) => /^ {2}\S+:\d+ {2}/.test(line))
    .map((line) => line.trim());

describe('the template the bad posts are added to', () => {
  it('passes the checker, so each failure below comes from its bad post', async () => {
    const root = await projectWith({});
    const result = await runScriptAsync(root, 'check:posts');
    expect(result.status, result.stderr).toBe(0);
  });
});

describe('npm run build with one bad post', () => {
  it('has a table of at least 20 distinct broken posts', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(20);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  it.concurrent.each(CASES)('$name', async (bad) => {
    const file = `src/content/blog/${bad.file ?? 'bad.md'}`;
    const root = await projectWith({ [bad.file ?? 'bad.md']: bad.text });
    const result = await runScriptAsync(root, 'build');
    const output = `${result.stdout}${result.stderr}`;
    const lines = problemLines(result.stderr);
    firstLines.set(bad.name, lines[0] ?? '');

    expect(result.status, output).toBe(1);
    expect(result.stderr).toMatch(/^✗ \d+ problems? in \d+ posts?\. The site was not built; nothing was written\./m);
    // The first line names the bad post, its line, the field and what is wrong.
    const first = /^(\S+):(\d+) {2}(\S+) {2}(.+)$/.exec(lines[0] ?? '');
    expect(first, output).not.toBeNull();
    const [, where, , field, message] = first!;
    expect(where).toBe(file);
    expect(field).toBe(bad.field);
    expect(message).toMatch(bad.says);
    // Only the bad post is blamed (a duplicate slug also names the post it clashes with).
    for (const line of lines) expect(line.startsWith(`${file}:`) || line.includes(file), line).toBe(true);
    // It failed in the checker, before Astro started, and printed no stack trace.
    expect(output).not.toMatch(/\[build\]|\[content\]|generating static routes/);
    expect(output).not.toMatch(/^\s+at /m);
    expect(output).not.toMatch(/\b\w*(Error|Exception)\b:/);
  });
});
