/**
 * `npm run new -- "Post title" --category "Artificial Intelligence"`: writes
 * src/content/blog/<slug>.md with every field filled in, as a draft dated
 * today (in the site time zone), and prints what to do next.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import yaml from 'js-yaml';
import { calendarDay, parsePostDate } from '#src/lib/content/dates.ts';
import { splitFrontmatter } from '#src/lib/content/frontmatter.ts';
import { renderNewPost } from '#src/lib/content/post-template.ts';
import { basePathFromEnv, isFile } from '#src/lib/urls/site-paths.ts';
import { EDITOR_SLUG, slugFromFile, slugify } from '#src/lib/content/slug.ts';
import { CONTENT_DIR, findPostFiles } from '#tools/check/check-posts.ts';
import { SITE } from '#src/site.config.ts';
import { fail, warn } from './cli-output.ts';
import { projectOptions } from './project.ts';

const USAGE = `Usage: npm run new -- "Post title" --category "Category name" [options]

Options:
  --category "Name"        the post's category (required)
  --description "Text"     one sentence shown under the title and on cards
  --keywords "a, b, c"     keywords (they are the post's tags unless --tags is given)
  --tags "a, b"            tags, when they should differ from the keywords
  --author "Name"          default: ${SITE.defaultAuthor}
  --slug my-post           the URL /blog/my-post/ (default: made from the title)
  --date 2026-03-04        publication date (default: today in ${SITE.timeZone})`;

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      category: { type: 'string' },
      description: { type: 'string' },
      keywords: { type: 'string' },
      tags: { type: 'string' },
      author: { type: 'string' },
      slug: { type: 'string' },
      date: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (error) {
  fail((error as Error).message.replace(/\. To specify a positional argument.*$/s, '.'), USAGE);
}
const { values, positionals } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const title = positionals.join(' ').trim();
if (!title) fail('Give the post a title.', USAGE);
const category = values.category?.trim();
if (!category)
  fail(
    'Give the post a category with --category "Name".',
    `${USAGE}\n\n(With npm, put -- before the options: npm run new -- "Title" --category "Name")`,
  );

const { root } = projectOptions();
const terms = (text: string | undefined) =>
  text
    ?.split(',')
    .map((term) => term.trim())
    .filter(Boolean);
const description = values.description?.trim() || undefined;
const author = values.author?.trim() || SITE.defaultAuthor;

const slug = values.slug?.trim() ?? slugify(title);
if (!slug)
  fail(`No URL can be made from the title "${title}": it has no letters or digits.`, 'Give one with --slug words-joined-by-hyphens');
if (!EDITOR_SLUG.test(slug)) fail(`--slug "${slug}" must be lowercase words joined by hyphens, e.g. --slug my-first-post`);
if (/^\d+$/.test(slug))
  fail(
    `The slug "${slug}" is only digits, which clashes with the archive pages (/blog/2/).`,
    'Give one with a word in it: --slug my-post-2026',
  );

let pubDate = calendarDay(new Date(), SITE.timeZone);
if (values.date) {
  try {
    parsePostDate(values.date, SITE.timeZone);
  } catch (error) {
    fail(`--date ${(error as Error).message}`);
  }
  pubDate = values.date.trim();
}

/** Slug and category of every existing post, read leniently: a broken post must not stop a new one. */
async function existingPosts(): Promise<Array<{ file: string; slug: string; category: string | null }>> {
  const files = await findPostFiles(root);
  return Promise.all(
    files.map(async (file) => {
      let data: Record<string, unknown> = {};
      try {
        const text = await readFile(path.join(root, file), 'utf8');
        const split = splitFrontmatter(text);
        const frontmatter = typeof split === 'object' ? split.frontmatter : '';
        const loaded = yaml.load(frontmatter, { schema: yaml.CORE_SCHEMA });
        if (loaded && typeof loaded === 'object') data = loaded as Record<string, unknown>;
      } catch {
        // unreadable frontmatter: `npm run check` reports it
      }
      const ownSlug = typeof data['slug'] === 'string' ? data['slug'].trim() : slugFromFile(file);
      return { file, slug: ownSlug, category: typeof data['category'] === 'string' ? data['category'].trim() : null };
    }),
  );
}

const posts = await existingPosts();
const file = path.join(CONTENT_DIR, `${slug}.md`);
if (await isFile(path.join(root, file))) {
  fail(`${file} already exists; nothing was written.`, 'Open it to go on writing, or choose another title or --slug for a new post.');
}
const taken = posts.find((post) => post.slug === slug);
if (taken)
  fail(
    `The slug "${slug}" (URL /blog/${slug}/) is already used by ${taken.file}; nothing was written.`,
    'Choose another title, or give a different one with --slug.',
  );

const counts = new Map<string, number>();
for (const post of posts) if (post.category) counts.set(post.category, (counts.get(post.category) ?? 0) + 1);
const known = [...counts.keys()].sort((a, b) => a.localeCompare(b));
if (known.length > 0 && !counts.has(category)) {
  const sameSlug = known.filter((name) => slugify(name) === slugify(category));
  if (sameSlug.length > 0) {
    warn(
      `The category "${category}" is written "${sameSlug.join('", "')}" in other posts; they share one page, named by the most used spelling. Use that spelling to keep them alike.`,
    );
  } else {
    warn(
      `"${category}" is a new category: no post uses it yet. The existing categories are: ${known.map((name) => `"${name}"`).join(', ')}. If you meant one of them, change "category:" in the file.`,
    );
  }
}

const heroImage = `/${slug}.webp`;
const heroFile = path.join('public', `${slug}.webp`);
const heroExists = await isFile(path.join(root, heroFile));
const keywords = terms(values.keywords);
const tags = terms(values.tags);
const text = renderNewPost({
  title,
  slug,
  category,
  author,
  pubDate,
  heroImage,
  heroExists,
  ...(description && { description }),
  ...(keywords && { keywords }),
  ...(tags && { tags }),
});
try {
  await writeFile(path.join(root, file), text, { flag: 'wx' });
} catch (error) {
  fail(`Could not write ${file}: ${(error as Error).message}`);
}

const base = basePathFromEnv();
const steps = [
  `Write the post in ${file}${description ? '' : ', and its description'}: replace every "TODO:".`,
  heroExists
    ? `The hero is ${heroFile} (it is already there): describe it in heroImageAlt.`
    : `Save the hero image as ${heroFile}, then delete the "# " before heroImage and heroImageAlt and describe the image. (No hero? Delete those lines.)`,
  `Preview: npm run dev, then open http://localhost:4321${base}blog/${encodeURIComponent(slug)}/ (the dev server shows drafts).`,
  'Check: npm run check (lists anything still missing, with file and line).',
  'Publish: set draft: false, commit and push to main; the site deploys itself.',
];
console.log(`✓ Created ${file} (a draft dated ${pubDate}).\n\nNext steps:\n${steps.map((step, i) => `  ${i + 1}. ${step}`).join('\n')}`);
