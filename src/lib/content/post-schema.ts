/** The frontmatter schema (zod): every field a post may have and what it must be. */
import { z } from 'astro/zod';
import { SITE } from '#src/site.config.ts';
import { ACCEPTED_DATE_FORMS, implausibleDateProblem, parsePostDate } from './dates.ts';
import { parseReadingTime } from './reading-time.ts';
import { EDITOR_SLUG, slugify } from './slug.ts';

/** "https://example.com/x/": an http(s) address with a host, not a path on this site. */
export function isAbsoluteWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.host !== '';
  } catch {
    return false;
  }
}

function describe(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  return `a ${typeof value}`;
}

/**
 * A control character in a post's text (ESC, NUL, a C1 code; tabs and line breaks are layout):
 * it shows as nothing on a page, is refused by XML (the social card's SVG, feeds), and in a
 * terminal can clear the screen or forge a CI annotation. Named by its code point, so the
 * message itself carries none.
 */
export function controlCharacterProblem(value: string): string | null {
  const found = /(?![\t\n\r])[\p{Cc}\ufffe\uffff]/u.exec(value);
  if (!found) return null;
  const code = `U+${found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return `holds an invisible control character (${code}); delete it (it often comes with text pasted from a terminal or a PDF)`;
}

const withoutControls = (value: string, ctx: z.RefinementCtx) => {
  const problem = controlCharacterProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
};

/** Required, non-empty text. Numbers and lists are mistakes worth naming. */
const text = (example: string) =>
  z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? `is missing; add it, e.g. ${example}`
          : `must be text in quotes, not ${describe(issue.input)}; e.g. ${example}`,
    })
    .trim()
    .min(1, `is empty; write it, e.g. ${example}`)
    .superRefine(withoutControls);

const termList = (field: string) =>
  z
    .array(
      z
        .union([z.string(), z.number()])
        .transform((term) => String(term).trim())
        .superRefine(withoutControls),
      {
        error: (issue) => `must be a list like [first term, second term], not ${describe(issue.input)}`,
      },
    )
    .transform((terms) => terms.filter((term) => term.length > 0))
    .describe(field);

const postDate = z
  .union([z.string(), z.date()], {
    error: (issue) =>
      issue.input === undefined ? `is missing; add it as ${ACCEPTED_DATE_FORMS}` : `must be a date written as ${ACCEPTED_DATE_FORMS}`,
  })
  .transform((value, ctx) => {
    try {
      const date = parsePostDate(value, SITE.timeZone);
      const implausible = implausibleDateProblem(typeof value === 'string' ? value : '', date, new Date(), SITE.timeZone);
      if (implausible) {
        ctx.issues.push({ code: 'custom', message: implausible, input: value });
        return z.NEVER;
      }
      return date;
    } catch (error) {
      ctx.issues.push({ code: 'custom', message: (error as Error).message, input: value });
      return z.NEVER;
    }
  });

/**
 * Frontmatter of a post, exactly as PRODUCT.md describes it. Unknown fields are
 * errors, so a misspelled `pubdate` is reported instead of silently ignored.
 */
export const postFrontmatterSchema = z
  .strictObject({
    title: text('title: "How We Cut Our Build Time in Half"'),
    description: text('description: "One sentence that says what the reader gets."'),
    slug: z
      .string({ error: 'must be text in quotes, e.g. slug: "my-first-post"' })
      .trim()
      .regex(EDITOR_SLUG, 'must be lowercase words joined by hyphens, with no spaces or slashes, e.g. "my-first-post"')
      .optional(),
    keywords: termList('keywords').default([]),
    tags: termList('tags').optional(),
    pubDate: postDate,
    updatedDate: postDate.optional(),
    heroImage: z
      .string({ error: 'must be a path in quotes, e.g. "/my-hero.webp" or "./hero.webp"' })
      .trim()
      .min(1, 'is empty; remove it or give the image path')
      .optional(),
    heroImageAlt: z
      .string({ error: 'must be text in quotes describing the image' })
      .trim()
      .min(1, 'is empty; describe the image for readers who cannot see it')
      .optional(),
    category: text('category: "Web Development"'),
    // One name, or a list of co-authors (`author: ["Ana Lima", "Jonas Müller"]`).
    author: z
      .union([text(`author: "${SITE.defaultAuthor}"`), z.array(text(`author: ["${SITE.defaultAuthor}", "Jonas Müller"]`)).min(1)], {
        error: (issue) =>
          issue.input === undefined
            ? undefined
            : `must be a name in quotes, or a list of names: author: ["${SITE.defaultAuthor}", "Jonas Müller"]`,
      })
      .optional(),
    readingTime: z
      .union([z.string(), z.number()], { error: 'must be minutes, e.g. readingTime: "9 min"' })
      .transform((value, ctx) => {
        const minutes = parseReadingTime(value);
        if (minutes === null) {
          ctx.issues.push({
            code: 'custom',
            message: `"${value}" is not a reading time; write it like "9 min", or remove it to have it computed`,
            input: value,
          });
          return z.NEVER;
        }
        return minutes;
      })
      .optional(),
    draft: z.boolean({ error: 'must be true or false (without quotes)' }).default(false),
    // SEO controls (PRODUCT.md): what search engines and link previews see of the post.
    seoTitle: z
      .string({ error: 'must be text in quotes, e.g. seoTitle: "Edge AI on a Phone: What Fits"' })
      .trim()
      .min(1, 'is empty; remove it to use the title, or write a shorter title for search results')
      .optional(),
    canonicalURL: z
      .string({ error: 'must be a web address in quotes, e.g. canonicalURL: "https://example.com/original-post/"' })
      .trim()
      .refine((value) => isAbsoluteWebUrl(value), {
        message:
          'must be a whole web address starting with https:// (where the post was first published), e.g. "https://example.com/original-post/"',
      })
      .optional(),
    noindex: z.boolean({ error: 'must be true or false (without quotes)' }).default(false),
    ogImage: z
      .string({ error: 'must be a path in quotes, e.g. "/my-preview.jpg" or "./preview.jpg"' })
      .trim()
      .min(1, 'is empty; remove it to use the generated card, or give the image path')
      .optional(),
    redirectFrom: z
      .array(
        z
          .string()
          .trim()
          .refine((value) => value.startsWith('/') && !value.startsWith('//'), {
            message: 'entries must be paths on this site starting with "/", e.g. ["/old-slug/", "/2019/05/old.html"]',
          }),
        { error: 'must be a list of old paths, e.g. redirectFrom: ["/old-slug/", "/2019/05/old.html"]' },
      )
      .default([]),
    faq: z.boolean({ error: 'must be true or false (without quotes); false turns off the FAQ rich result' }).default(true),
    // A series of posts read in order (/series/<slug>/); the name gives the slug, as a category's does.
    series: z
      .string({ error: 'must be the series name in quotes, e.g. series: "Quantum Basics"' })
      .trim()
      .min(1, 'is empty; remove it, or name the series this post is a part of, e.g. series: "Quantum Basics"')
      .superRefine(withoutControls)
      .refine((name) => name === '' || slugify(name) !== '', {
        message: 'has no letters or digits to make its address from; name it in words, e.g. "Quantum Basics"',
      })
      .optional(),
    seriesOrder: z
      .number({ error: 'must be the part number without quotes, e.g. seriesOrder: 2' })
      .int('must be a whole number, e.g. seriesOrder: 2')
      .positive('must be 1 or more: the place of this part in its series, e.g. seriesOrder: 2')
      .optional(),
  })
  .superRefine((post, ctx) => {
    if (post.heroImage && !post.heroImageAlt) {
      ctx.addIssue({
        code: 'custom',
        path: ['heroImageAlt'],
        message: 'is required when heroImage is set; describe the image for readers who cannot see it',
      });
    }
    if (post.heroImageAlt && !post.heroImage) {
      ctx.addIssue({
        code: 'custom',
        path: ['heroImageAlt'],
        message: 'is set but heroImage is not; add heroImage or remove heroImageAlt',
      });
    }
    if (post.updatedDate && post.updatedDate < post.pubDate) {
      ctx.addIssue({ code: 'custom', path: ['updatedDate'], message: 'is before pubDate; an update cannot come before the post' });
    }
    if (post.seriesOrder !== undefined && post.series === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['seriesOrder'],
        message: 'is set but series is not; add the series name, e.g. series: "Quantum Basics", or remove seriesOrder',
      });
    }
  });

export type PostFrontmatter = z.output<typeof postFrontmatterSchema>;

/** The names a post's `author` gives: one, several co-authors, or the site's default author. */
export function authorNames(author: PostFrontmatter['author'], defaultAuthor: string): string[] {
  if (author === undefined) return [defaultAuthor];
  return typeof author === 'string' ? [author] : author;
}

/** Every field a post may have, for "did you mean" suggestions. */
export const POST_FIELDS = Object.keys(postFrontmatterSchema.shape);
