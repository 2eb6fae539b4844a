/** Checks of a post's frontmatter: valid YAML, known fields, the schema, and what a slug or term needs. */
import { closest, distance } from 'fastest-levenshtein';
import type { z } from 'astro/zod';
import yaml from 'js-yaml';
import { POST_FIELDS, postFrontmatterSchema, type PostFrontmatter } from '#src/lib/content/post-schema.ts';
import { isPlaceholder } from '#src/lib/content/post-template.ts';
import { slugFromFile, slugify } from '#src/lib/content/slug.ts';
import { fieldLine, yamlProblem } from './yaml-errors.ts';

/** A problem in the frontmatter, on its file line. */
export interface FieldProblem {
  line: number;
  field: string;
  message: string;
}

function suggestField(key: string, fields: readonly string[]): { field?: string; message: string } {
  const match = closest(key, fields as string[]);
  const near = key.toLowerCase() === match.toLowerCase() || distance(key.toLowerCase(), match.toLowerCase()) <= 3;
  return near
    ? { field: match, message: `is not a known field; did you mean "${match}"?` }
    : { message: `is not a known field; the fields are ${fields.join(', ')}` };
}

/** What a kind of file (a post, an author profile, a category page) may hold. */
export interface FieldRules<T> {
  schema: z.ZodType<T>;
  fields: readonly string[];
}

const POST_RULES: FieldRules<PostFrontmatter> = { schema: postFrontmatterSchema, fields: POST_FIELDS };

/**
 * The post's fields as the schema reads them, or no data when they do not
 * pass (`yamlRead` false when not even the YAML could be read), with every problem found: YAML mistakes, unknown fields (with the
 * field they were probably meant to be), and schema errors.
 */
export function readFields<T = PostFrontmatter>(
  frontmatter: string,
  file: string,
  rules: FieldRules<T> = POST_RULES as unknown as FieldRules<T>,
): { yamlRead: boolean; data?: T; unknownFields: string[]; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  let parsed: unknown;
  try {
    parsed = yaml.load(frontmatter, { schema: yaml.CORE_SCHEMA, filename: file }) ?? {};
  } catch (error) {
    return { yamlRead: false, unknownFields: [], problems: [yamlProblem(frontmatter, error as yaml.YAMLException)] };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return {
      yamlRead: false,
      unknownFields: [],
      problems: [{ line: 2, field: 'frontmatter', message: 'must be a list of "field: value" lines' }],
    };
  }
  const data: Record<string, unknown> = { ...(parsed as Record<string, unknown>) };
  /** Fields a misspelling stands for: "pubDate is missing" would only repeat "pubdate: did you mean pubDate?". */
  const misspelled = new Set<string>();
  const unknownFields: string[] = [];
  for (const key of Object.keys(data)) {
    if (!rules.fields.includes(key)) {
      unknownFields.push(key);
      const suggestion = suggestField(key, rules.fields);
      problems.push({ line: fieldLine(frontmatter, key), field: key, message: suggestion.message });
      if (suggestion.field) misspelled.add(suggestion.field);
      delete data[key];
    }
  }
  const result = rules.schema.safeParse(data);
  if (result.success) return { yamlRead: true, data: result.data, unknownFields, problems };
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'frontmatter');
    if (misspelled.has(field) && data[field] === undefined) continue;
    // A missing heroImageAlt is pointed out on the heroImage line that needs it.
    const lineOf = field === 'heroImageAlt' && data[field] === undefined ? 'heroImage' : field;
    problems.push({ line: fieldLine(frontmatter, lineOf), field, message: issue.message });
  }
  return { yamlRead: true, unknownFields, problems };
}

/** The post's slug: its own, or made from the file name. */
export const slugOf = (post: PostFrontmatter, file: string) => post.slug ?? slugFromFile(file);

/** What valid fields still get wrong: a slug or term with nothing to make a URL from, placeholders in a published post. */
export function fieldValueProblems(post: PostFrontmatter, frontmatter: string, file: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const slug = slugOf(post, file);
  if (!slug) problems.push({ line: 1, field: 'slug', message: 'cannot be made from the file name; add slug: "words-joined-by-hyphens"' });
  if (/^\d+$/.test(slug))
    problems.push({
      line: fieldLine(frontmatter, 'slug'),
      field: 'slug',
      message: `"${slug}" is only digits, which clashes with archive page URLs (/blog/2/); add a word`,
    });
  for (const [field, terms] of [
    ['category', [post.category]],
    ['tags', post.tags ?? post.keywords],
  ] as const) {
    for (const term of terms) {
      if (!slugify(term))
        problems.push({
          line: fieldLine(frontmatter, field),
          field,
          message: `"${term}" has no letters or digits to make a URL from; reword it`,
        });
    }
  }
  if (!post.draft) {
    // `npm run new` leaves "TODO:" placeholders; fine in a draft, never on the live site.
    const unfinished = 'is still the placeholder from `npm run new`; write it before setting draft: false';
    for (const field of ['title', 'description', 'heroImageAlt'] as const) {
      if (isPlaceholder(post[field] ?? '')) problems.push({ line: fieldLine(frontmatter, field), field, message: unfinished });
    }
  }
  return problems;
}
