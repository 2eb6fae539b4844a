import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { authorProfileSchema, categoryPageSchema } from './lib/content/profile-schemas.ts';
import { postFrontmatterSchema } from './lib/content/post-schema.ts';
import { postsLoader } from './lib/content/posts-loader.ts';

// Entries are keyed by file path, not slug: Astro would otherwise merge two
// posts with one slug with only a warning. `npm run check` (run by the build)
// reports duplicate slugs naming both files.
// The loader stores posts as glob({ pattern: '**/*.{md,mdx}', generateId: ({ entry }) => entry,
// retainBody: false }) would, rendering Markdown bodies on every core in builds.
// Bodies stay out of the content store, which every build serialises and loads
// whole (40% of it for 2,000-word posts); src/lib/content/posts.ts reads a body
// from its file when a page needs it.
const blog = defineCollection({
  loader: postsLoader({ base: './src/content/blog' }),
  schema: postFrontmatterSchema,
});

/** The file name is the slug: src/content/authors/jonas-mueller.md is /author/jonas-mueller/. */
const bySlug = ({ entry }: { entry: string }) => entry.replace(/\.md$/, '');

const authors = defineCollection({
  loader: glob({ base: './src/content/authors', pattern: '*.md', generateId: bySlug }),
  schema: authorProfileSchema,
});

const categories = defineCollection({
  loader: glob({ base: './src/content/categories', pattern: '*.md', generateId: bySlug }),
  schema: categoryPageSchema,
});

export const collections = { blog, authors, categories };
