/**
 * The file `npm run new` writes: every field of a post filled in, with
 * "TODO:" placeholders where only the editor can write the text. The checker
 * accepts placeholders in drafts and refuses them in anything published.
 */

/** Text that marks a placeholder; a published post must not start a field or a body line with it. */
export const PLACEHOLDER = 'TODO:';

export interface NewPost {
  title: string;
  slug: string;
  category: string;
  author: string;
  /** Calendar day in the site time zone, "2026-03-04". */
  pubDate: string;
  description?: string;
  keywords?: string[];
  tags?: string[];
  /** Site-root path of the hero, "/my-post.webp" (a file in public/). */
  heroImage: string;
  /**
   * Whether the hero file exists yet. When it does not, the hero lines are
   * written commented out, so the draft passes `npm run check` and the dev
   * server can show it; the editor removes the "# " once the image is there.
   */
  heroExists: boolean;
}

/** A YAML double-quoted string (JSON's escapes are valid YAML). */
const quoted = (text: string) => JSON.stringify(text);

/** A YAML flow list, each term quoted so commas, colons and "#" stay text. */
const list = (terms: string[]) => `[${terms.map(quoted).join(', ')}]`;

/**
 * The forms a post can hold besides text, one commented line each (README, "Writing a post"): an
 * HTML comment, so neither the page nor the checker reads them until the editor copies one out.
 * No example starts its line with a fence or a marker, so none is read as the real thing.
 */
const WRITERS_FORMS = [
  '<!-- What a post can hold besides text; copy a form out of this comment, then delete the comment:',
  '  A callout: a line "> [!TIP] Measure first" (NOTE, TIP, IMPORTANT, WARNING, CAUTION), then "> " lines;',
  '    or ":::note" (":::caution[Your title]"), the text, and ":::".',
  '  Math: $E = mc^2$ in a sentence, or $$ on the lines before and after a formula. A price ($5 a month) stays text.',
  '  Code: after the opening ``` and the language, title="src/a.ts" names the file, {2-3} marks lines,',
  '    showLineNumbers numbers them; in the code, // [!code ++] or // [!code --] ends an added or removed line.',
  '  A diagram: a ```mermaid block (flowchart, sequenceDiagram, classDiagram, stateDiagram-v2, erDiagram),',
  '    with title="How a request flows" after mermaid for its caption.',
  '  An image beside the post (the post in its own folder, index.md): ![What it shows](./diagram.png "Its caption").',
  '    Images on other sites are refused: save them beside the post.',
  '  A video: a YouTube or Vimeo link alone on its line; it loads only when the reader clicks.',
  '  A heading with its own id: ## Pricing {#pricing}',
  '-->',
];

export function renderNewPost(post: NewPost): string {
  const lines = [
    '---',
    `title: ${quoted(post.title)}`,
    `description: ${quoted(post.description ?? `${PLACEHOLDER} one sentence that tells readers what they get from this post`)}`,
    `slug: ${quoted(post.slug)}`,
    `keywords: ${list(post.keywords ?? [])}`,
    ...(post.tags ? [`tags: ${list(post.tags)}`] : []),
    `pubDate: ${quoted(post.pubDate)}`,
    ...(post.heroExists ? [] : [`# Hero: save the image as public${post.heroImage}, then delete the "# " before the next two lines.`]),
    `${post.heroExists ? '' : '# '}heroImage: ${quoted(post.heroImage)}`,
    `${post.heroExists ? '' : '# '}heroImageAlt: ${quoted(`${PLACEHOLDER} describe the hero image for readers who cannot see it`)}`,
    `category: ${quoted(post.category)}`,
    `author: ${quoted(post.author)}`,
    '# readingTime: "9 min" (leave out: it is computed from the body)',
    '# A part of a series (page /series/<slug>/): delete the "# " before these two; seriesOrder is its place (without it: by date).',
    '# series: "Quantum Basics"',
    '# seriesOrder: 2',
    '# Search and link previews, all optional: delete the "# " before a line to use it.',
    '# seoTitle: "A shorter title for search results, 30 to 60 characters"',
    '# canonicalURL: "https://example.com/where-this-post-first-appeared/"',
    '# noindex: true (keeps the post out of search engines and the sitemap)',
    `# ogImage: "/${post.slug}-preview.jpg" (your own link-preview image instead of the generated card)`,
    '# redirectFrom: ["/old-address/"] (old URLs of this post that must keep working)',
    '# faq: false (no FAQ rich result for this post)',
    'draft: true',
    '---',
    '',
    `${PLACEHOLDER} write the post here. Open with the point in a short paragraph, then use "## " headings for sections.`,
    '',
    ...WRITERS_FORMS,
    '',
  ];
  return lines.join('\n');
}

/** True when a frontmatter value or a line of the body is still a `npm run new` placeholder. */
export function isPlaceholder(text: string): boolean {
  return text.trimStart().startsWith(PLACEHOLDER);
}
