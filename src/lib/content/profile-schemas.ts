/** The frontmatter schemas of author profiles and category landing pages. */
import { z } from 'astro/zod';
import { isAbsoluteWebUrl } from './post-schema.ts';

/**
 * Frontmatter of the two profile collections: authors
 * (src/content/authors/<slug>.md) and category landing pages
 * (src/content/categories/<slug>.md). The body of each file is the bio or
 * the intro. Unknown fields are errors, as in posts, so a misspelled
 * `jobtitle` is reported instead of silently ignored.
 */

const text = (example: string) =>
  z
    .string({
      error: (issue) => (issue.input === undefined ? `is missing; add it, e.g. ${example}` : `must be text in quotes, e.g. ${example}`),
    })
    .trim()
    .min(1, `is empty; write it, e.g. ${example}`);

/** A profile link: a whole https:// address, because it is printed as it is and read by search engines (sameAs). */
const webAddress = (example: string) =>
  z
    .string({ error: `must be a web address in quotes, e.g. ${example}` })
    .trim()
    .refine(isAbsoluteWebUrl, { message: `must be a whole web address starting with https://, e.g. ${example}` })
    .optional();

const imagePath = (field: string) =>
  z
    .string({ error: `must be a path in quotes, e.g. ${field}: "/avatars/name.webp" or "./name.webp"` })
    .trim()
    .min(1, 'is empty; remove it or give the image path')
    .optional();

export const authorProfileSchema = z.strictObject({
  name: text('name: "Jonas Müller"'),
  jobTitle: text('jobTitle: "Staff Engineer"').optional(),
  avatar: imagePath('avatar'),
  website: webAddress('website: "https://jonas.example.com/"'),
  x: webAddress('x: "https://x.com/jonas"'),
  linkedin: webAddress('linkedin: "https://www.linkedin.com/in/jonas/"'),
  github: webAddress('github: "https://github.com/jonas"'),
  mastodon: webAddress('mastodon: "https://mastodon.social/@jonas"'),
});

export const categoryPageSchema = z
  .strictObject({
    title: text('title: "Web Development"'),
    description: text('description: "Guides to building fast, accessible sites."'),
    heroImage: imagePath('heroImage'),
    heroImageAlt: z
      .string({ error: 'must be text in quotes describing the image' })
      .trim()
      .min(1, 'is empty; describe the image for readers who cannot see it')
      .optional(),
  })
  .superRefine((page, ctx) => {
    if (page.heroImage && !page.heroImageAlt)
      ctx.addIssue({
        code: 'custom',
        path: ['heroImageAlt'],
        message: 'is required when heroImage is set; describe the image for readers who cannot see it',
      });
    if (page.heroImageAlt && !page.heroImage)
      ctx.addIssue({
        code: 'custom',
        path: ['heroImageAlt'],
        message: 'is set but heroImage is not; add heroImage or remove heroImageAlt',
      });
  });

export type AuthorProfileData = z.output<typeof authorProfileSchema>;
export type CategoryPageData = z.output<typeof categoryPageSchema>;

/** The profile links, in the order the author page shows them, with their labels. */
export const AUTHOR_LINKS = [
  ['website', 'Website'],
  ['x', 'X'],
  ['linkedin', 'LinkedIn'],
  ['github', 'GitHub'],
  ['mastodon', 'Mastodon'],
] as const satisfies ReadonlyArray<readonly [keyof AuthorProfileData, string]>;

export const AUTHORS_DIR = 'src/content/authors';
export const CATEGORIES_DIR = 'src/content/categories';
