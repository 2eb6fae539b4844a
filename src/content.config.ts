import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { postFrontmatterSchema } from './lib/post-schema.ts';

// Entries are keyed by file path, not slug: Astro would otherwise merge two
// posts with one slug with only a warning. `npm run check` (run by the build)
// reports duplicate slugs naming both files.
const blog = defineCollection({
  loader: glob({ base: './src/content/blog', pattern: '**/*.{md,mdx}', generateId: ({ entry }) => entry }),
  schema: postFrontmatterSchema,
});

export const collections = { blog };
