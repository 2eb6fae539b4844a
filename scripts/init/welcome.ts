/**
 * What init leaves in place of the samples: one short welcome post that shows the post format
 * (every required field, tags and keywords, the hero fields ready to switch on) and passes the
 * post check, and the default author's profile.
 */
import { slugify } from '#src/lib/content/slug.ts';

export const WELCOME_FILE = 'src/content/blog/welcome.md';
export const WELCOME_CATEGORY = 'General';

/** A YAML double-quoted string (JSON's escapes are valid YAML). */
const quoted = (text: string) => JSON.stringify(text);

/** Text shown as written in Markdown: the punctuation Markdown reads as syntax is escaped. */
const literal = (text: string) => text.replace(/[\\`*_[\]<>#!|~&]/g, '\\$&');

export function authorProfileFile(author: string): string {
  return `src/content/authors/${slugify(author)}.md`;
}

/** The welcome post, dated `day` (the calendar day in the site's time zone, "2026-03-04"). */
export function renderWelcomePost(site: { title: string; defaultAuthor: string }, day: string): string {
  const name = literal(site.title);
  return [
    '---',
    `title: ${quoted(`Welcome to ${site.title}`)}`,
    `description: ${quoted(`The first post on ${site.title}: what the blog is for, and how a post is written.`)}`,
    `pubDate: ${quoted(day)}`,
    `category: ${quoted(WELCOME_CATEGORY)}`,
    `author: ${quoted(site.defaultAuthor)}`,
    'tags: ["welcome"]',
    'keywords: ["welcome", "first post"]',
    '# A hero image: save it in public/, then delete the "# " before the next two lines.',
    '# heroImage: "/welcome.webp"',
    '# heroImageAlt: "What the image shows, for readers who cannot see it"',
    '---',
    '',
    `This is the first post on ${name}. It is one Markdown file, \`${WELCOME_FILE}\`: the lines`,
    'between the two `---` at the top are its frontmatter (title, description, date, category, author,',
    'tags and keywords), and everything below them is the post.',
    '',
    '## Writing the next one',
    '',
    'Start a post with `npm run new -- "Title" --category "Name"`, watch it as you write with',
    '`npm run dev`, and check it with `npm run check`. A post can use:',
    '',
    '- `## ` headings for its sections, `### ` for smaller ones;',
    '- links, lists, tables and code blocks, as in any Markdown;',
    '- images saved in `public/`, written as `![What it shows](/my-image.webp)`.',
    '',
    'Rewrite this post or delete it whenever you like.',
    '',
  ].join('\n');
}

/** The default author's profile: the name, the optional fields ready to fill in, a one-line bio. */
export function renderAuthorProfile(author: string, siteTitle: string): string {
  const slug = slugify(author);
  return [
    '---',
    `name: ${quoted(author)}`,
    '# Optional: delete the "# " before a line to use it.',
    '# jobTitle: "What you do"',
    `# avatar: "/avatars/${slug}.webp"`,
    '# website: "https://example.com/"',
    '# github: "https://github.com/you"',
    '---',
    '',
    `${literal(author)} writes ${literal(siteTitle)}.`,
    '',
  ].join('\n');
}
