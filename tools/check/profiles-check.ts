/** Checks of author and category files, and the authors posts name without a profile. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'astro/zod';
import { AUTHORS_DIR, authorProfileSchema, CATEGORIES_DIR, categoryPageSchema } from '#src/lib/content/profile-schemas.ts';
import { authorNames } from '#src/lib/content/post-schema.ts';
import type { ProjectPaths } from '#src/lib/urls/site-paths.ts';
import { slugify } from '#src/lib/content/slug.ts';
import { splitFrontmatter } from '#src/lib/content/frontmatter.ts';
import { readFields } from './frontmatter.ts';
import { ImageChecks, postImageProblem } from './images.ts';
import type { CheckedPost, Problem } from './problems.ts';
import { fieldLine } from './yaml-errors.ts';

/**
 * Checks the profile collections the way the post checker checks posts:
 * src/content/authors/<slug>.md and src/content/categories/<slug>.md, each
 * mistake as `file:line  field  message`. Also finds the authors posts name
 * who have no profile: not an error (their byline is plain), a warning once
 * per author.
 */
export interface ProfileReport {
  problems: Problem[];
  warnings: Problem[];
  /** Avatars and category heroes read this run (the others had passed before, unchanged). */
  imagesDecoded: number;
}

/** Markdown files directly in a folder of the project, sorted; none when the folder does not exist. */
function filesIn(root: string, dir: string): string[] {
  try {
    return readdirSync(path.join(root, dir))
      .filter((name) => name.endsWith('.md'))
      .sort()
      .map((name) => `${dir}/${name}`);
  } catch {
    return [];
  }
}

interface Parsed<T> {
  data: T | undefined;
  frontmatter: string;
}

/** Frontmatter, YAML, unknown fields and the schema, read as in posts; `data` is set only when all of them passed. */
/** Reports one mistake of a file on its line. */
type Report = (line: number, field: string, message: string) => void;

function parseProfile<S extends z.ZodType>(file: string, raw: string, schema: S, fields: string[], report: Report): Parsed<z.output<S>> {
  const split = splitFrontmatter(raw);
  if (typeof split !== 'object') {
    report(1, 'frontmatter', 'is missing: start the file with a line "---", the fields, and another "---"');
    return { data: undefined, frontmatter: '' };
  }
  const read = readFields(split.frontmatter, file, { schema: schema as z.ZodType<z.output<S>>, fields });
  for (const problem of read.problems) report(problem.line, problem.field, problem.message);
  return { data: read.unknownFields.length > 0 ? undefined : read.data, frontmatter: split.frontmatter };
}

/** The frontmatter of a post file ('' when it has none). */
const frontmatterOf = (raw: string) => {
  const split = splitFrontmatter(raw);
  return typeof split === 'object' ? split.frontmatter : '';
};

const AUTHOR_FIELDS = Object.keys(authorProfileSchema.shape);
const CATEGORY_FIELDS = Object.keys(categoryPageSchema.shape);

export async function checkProfiles(paths: ProjectPaths, posts: readonly CheckedPost[], defaultAuthor: string): Promise<ProfileReport> {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const profiled = new Set<string>();
  // The posts' image checks: every pixel decoded once, and remembered while the file is unchanged.
  const images = new ImageChecks(paths.cacheDir);
  await images.load();

  /**
   * Each profile file of one kind, parsed with its schema (mistakes reported on their line), then
   * given to `visit` with a reporter for the file and a check of an image it names.
   */
  async function eachProfile<S extends z.ZodType>(
    dir: string,
    schema: S,
    fields: string[],
    owner: string,
    visit: (profile: {
      file: string;
      data: z.output<S>;
      frontmatter: string;
      report: Report;
      checkImage: (field: string, reference: string) => Promise<void>;
    }) => Promise<void> | void,
  ): Promise<void> {
    for (const file of filesIn(paths.root, dir)) {
      const report: Report = (line, field, message) => problems.push({ file, line, field, message });
      const { data, frontmatter } = parseProfile(file, readFileSync(path.join(paths.root, file), 'utf8'), schema, fields, report);
      if (!data) continue;
      const checkImage = async (field: string, reference: string) => {
        const problem = await postImageProblem(reference, path.join(paths.root, file), paths, images, owner);
        if (problem) report(fieldLine(frontmatter, field), field, problem);
      };
      await visit({ file, data, frontmatter, report, checkImage });
    }
  }

  await eachProfile(
    AUTHORS_DIR,
    authorProfileSchema,
    AUTHOR_FIELDS,
    'the profile',
    async ({ file, data, frontmatter, report, checkImage }) => {
      const slug = path.basename(file, '.md');
      profiled.add(slug);
      const nameSlug = slugify(data.name);
      if (nameSlug !== slug)
        report(
          fieldLine(frontmatter, 'name'),
          'name',
          `"${data.name}" has the author page /author/${nameSlug}/, but this file is ${slug}.md; rename the file to ${nameSlug}.md so posts by "${data.name}" find it`,
        );
      if (data.avatar) await checkImage('avatar', data.avatar);
    },
  );

  await eachProfile(CATEGORIES_DIR, categoryPageSchema, CATEGORY_FIELDS, 'the category file', async ({ data, checkImage }) => {
    if (data.heroImage) await checkImage('heroImage', data.heroImage);
  });

  // Named by a post but without a profile: once per author, at the first post that names them.
  const unprofiled = new Map<string, { post: CheckedPost; name: string; count: number }>();
  for (const post of posts) {
    if (post.data.author === undefined) continue;
    for (const name of authorNames(post.data.author, defaultAuthor)) {
      const slug = slugify(name);
      if (!slug || profiled.has(slug)) continue;
      const known = unprofiled.get(slug);
      if (known) known.count += 1;
      else unprofiled.set(slug, { post, name, count: 1 });
    }
  }
  for (const [slug, { post, name, count }] of unprofiled) {
    const raw = readFileSync(path.join(paths.root, post.file), 'utf8');
    const others = count > 1 ? ` (named by ${count} posts)` : '';
    warnings.push({
      file: post.file,
      line: fieldLine(frontmatterOf(raw), 'author'),
      field: 'author',
      message: `"${name}" has no profile${others}, so the byline shows the name alone; add ${AUTHORS_DIR}/${slug}.md (name, jobTitle, avatar, links, a bio) to show more`,
    });
  }
  await images.save();
  return { problems, warnings, imagesDecoded: images.decoded };
}
