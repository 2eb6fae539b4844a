import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { closest, distance } from 'fastest-levenshtein';
import yaml from 'js-yaml';
import pMap from 'p-map';
import sharp from 'sharp';
import type { SiteConfig } from '../site.config.ts';
import { POST_FIELDS, postFrontmatterSchema, type PostFrontmatter } from './post-schema.ts';
import { isFile, postSlugFromPath, resolvePostAsset, siteRelativePath, type ProjectPaths } from './site-paths.ts';
import { slugFromFile, slugify } from './slug.ts';

/** One thing wrong in one post: where it is and what to do about it. */
export interface Problem {
  file: string;
  line: number;
  field: string;
  message: string;
}

export interface CheckedPost {
  file: string;
  slug: string;
  data: PostFrontmatter;
  published: boolean;
}

export interface CheckOptions extends ProjectPaths {
  site: SiteConfig;
  /** Posts dated after this are not published yet. */
  now: Date;
  /** Folder of the blog collection, relative to root. */
  contentDir?: string;
}

export const CONTENT_DIR = 'src/content/blog';
const FRONTMATTER = /^(\uFEFF?---\r?\n)([\s\S]*?\r?\n)?---[ \t]*(?:\r?\n|$)/;
const IMAGE_FORMATS = new Set(['jpeg', 'png', 'webp', 'avif', 'gif', 'tiff']);

const lineAt = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

function fieldLine(frontmatter: string, field: string): number {
  const lines = frontmatter.split('\n');
  const index = lines.findIndex((line) => new RegExp(`^${field}\\s*:`).test(line));
  return index === -1 ? 1 : index + 2; // +1 for the opening ---, +1 for 1-based lines
}

function suggestField(key: string): string {
  const match = closest(key, POST_FIELDS);
  const near = key.toLowerCase() === match.toLowerCase() || distance(key.toLowerCase(), match.toLowerCase()) <= 3;
  return near ? `is not a known field; did you mean "${match}"?` : `is not a known field; the fields are ${POST_FIELDS.join(', ')}`;
}

/** Blanks out fenced code so links in code samples are not taken for real links. */
function withoutCode(body: string): string {
  return body.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, (block) => block.replace(/[^\n]/g, ' '));
}

interface BodyReference {
  kind: 'link' | 'image';
  target: string;
  offset: number;
}

function bodyReferences(body: string): BodyReference[] {
  const refs: BodyReference[] = [];
  const text = withoutCode(body);
  for (const m of text.matchAll(/(!?)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+["'][^)]*["'])?\s*\)/g)) {
    refs.push({ kind: m[1] ? 'image' : 'link', target: m[2]!, offset: m.index });
  }
  for (const m of text.matchAll(/<(a|img)\b[^>]*?\s(?:href|src)=["']([^"']+)["']/gi)) {
    refs.push({ kind: m[1]!.toLowerCase() === 'a' ? 'link' : 'image', target: m[2]!, offset: m.index });
  }
  return refs;
}

interface FileResult {
  post?: CheckedPost;
  body: string;
  bodyLine: number;
  problems: Problem[];
}

async function checkImageFile(file: string): Promise<string | null> {
  try {
    const meta = await sharp(file).metadata();
    if (!meta.format || !IMAGE_FORMATS.has(meta.format)) return `is a ${meta.format ?? 'unknown'} file, not a photo format (use webp, jpeg, png or avif)`;
    if (!meta.width || !meta.height) return 'has no pixel size';
    return null;
  } catch (error) {
    const reason = (error as Error).message;
    return /unsupported image format/i.test(reason)
      ? 'is not an image; point heroImage at a webp, jpeg, png or avif file'
      : `cannot be read as an image (${reason}); the file may be corrupt: export it again`;
  }
}

async function checkFile(relative: string, options: CheckOptions): Promise<FileResult> {
  const absolute = path.join(options.root, relative);
  const raw = await readFile(absolute, 'utf8');
  const problems: Problem[] = [];
  const report = (line: number, field: string, message: string) => problems.push({ file: relative, line, field, message });
  const match = FRONTMATTER.exec(raw);
  if (!match) {
    report(1, 'frontmatter', 'is missing: start the file with a line "---", the fields (title, description, …), and another "---"');
    return { body: raw, bodyLine: 1, problems };
  }
  const frontmatter = match[2] ?? '';
  const body = raw.slice(match[0].length);
  const bodyLine = lineAt(raw, match[0].length);
  let parsed: unknown;
  try {
    parsed = yaml.load(frontmatter, { schema: yaml.CORE_SCHEMA, filename: relative }) ?? {};
  } catch (error) {
    const e = error as yaml.YAMLException;
    const line = (e.mark?.line ?? 0) + 2;
    const tabs = /\t/.test(frontmatter.split('\n')[line - 2] ?? '') || /tab/i.test(e.reason);
    report(line, 'frontmatter', tabs
      ? 'is not valid YAML: it is indented with a tab; YAML allows only spaces for indentation'
      : `is not valid YAML: ${e.reason}; check quotes, colons and indentation on this line`);
    return { body, bodyLine, problems };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    report(2, 'frontmatter', 'must be a list of "field: value" lines');
    return { body, bodyLine, problems };
  }
  const data: Record<string, unknown> = { ...(parsed as Record<string, unknown>) };
  for (const key of Object.keys(data)) {
    if (!POST_FIELDS.includes(key)) {
      report(fieldLine(frontmatter, key), key, suggestField(key));
      delete data[key];
    }
  }
  const result = postFrontmatterSchema.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? 'frontmatter');
      report(fieldLine(frontmatter, field), field, issue.message);
    }
  }
  if (body.trim() === '') report(bodyLine, 'body', 'is empty; write the post below the closing "---"');
  if (!result.success) return { body, bodyLine, problems };

  const post = result.data;
  const slug = post.slug ?? slugFromFile(relative);
  if (!slug) report(1, 'slug', 'cannot be made from the file name; add slug: "words-joined-by-hyphens"');
  if (/^\d+$/.test(slug)) report(fieldLine(frontmatter, 'slug'), 'slug', `"${slug}" is only digits, which clashes with archive page URLs (/blog/2/); add a word`);
  for (const [field, terms] of [['category', [post.category]], ['tags', post.tags ?? post.keywords]] as const) {
    for (const term of terms) {
      if (!slugify(term)) report(fieldLine(frontmatter, field), field, `"${term}" has no letters or digits to make a URL from; reword it`);
    }
  }
  if (post.heroImage) {
    const heroLine = fieldLine(frontmatter, 'heroImage');
    const hero = resolvePostAsset(post.heroImage, absolute, options);
    if (!hero) {
      report(heroLine, 'heroImage', `"${post.heroImage}" points outside the project's public/ and src/ folders; use "/name.webp" for a file in public/, or a path next to the post such as "./hero.webp"`);
    } else {
      const problem = (await isFile(hero))
        ? await checkImageFile(hero)
        : `"${post.heroImage}" does not exist (looked for ${path.relative(options.root, hero)}); check the name, or add the file`;
      if (problem) report(heroLine, 'heroImage', problem.startsWith('"') ? problem : `"${post.heroImage}" ${problem}`);
    }
  }
  const published = !post.draft && post.pubDate.getTime() <= options.now.getTime();
  return { post: { file: relative, slug, data: post, published }, body, bodyLine, problems };
}

/** Finds the post files of the collection, in a stable order. */
export async function findPostFiles(root: string, contentDir = CONTENT_DIR): Promise<string[]> {
  const { glob } = await import('node:fs/promises');
  const files: string[] = [];
  for await (const file of glob('**/*.{md,mdx}', { cwd: path.join(root, contentDir) })) files.push(path.join(contentDir, file));
  return files.sort();
}

/**
 * Checks every post the way the build reads it, plus what the build cannot
 * see one file at a time: duplicate slugs and links between posts. Returns
 * every problem in every file at once.
 */
export async function checkPosts(options: CheckOptions): Promise<{ posts: CheckedPost[]; problems: Problem[] }> {
  const files = await findPostFiles(options.root, options.contentDir);
  const results = await pMap(files, (file) => checkFile(file, options), { concurrency: 16 });
  const problems = results.flatMap((r) => r.problems);
  const posts = results.flatMap((r) => (r.post ? [r.post] : []));

  const bySlug = Map.groupBy(posts, (post) => post.slug);
  for (const [slug, owners] of bySlug) {
    if (owners.length < 2) continue;
    for (const post of owners) {
      const others = owners.filter((o) => o !== post).map((o) => o.file).join(', ');
      problems.push({ file: post.file, line: 1, field: 'slug', message: `"${slug}" is also the slug of ${others}; give one of them a different slug` });
    }
  }

  for (const result of results) {
    const post = result.post;
    if (!post) continue;
    for (const ref of bodyReferences(result.body)) {
      const line = result.bodyLine + lineAt(result.body, ref.offset) - 1;
      const local = siteRelativePath(ref.target, options.site.url);
      if (local === null) continue;
      if (ref.kind === 'image') {
        if (!local.startsWith('/')) continue;
        const file = resolvePostAsset(local.split(/[?#]/)[0]!, post.file, options);
        const exists = file !== null && (await isFile(file));
        if (!exists) problems.push({ file: post.file, line, field: 'body', message: `image "${ref.target}" does not exist in public/; check the path or add the file` });
        continue;
      }
      const slug = postSlugFromPath(local);
      if (slug === null) continue;
      const targets = bySlug.get(slug);
      if (!targets) {
        problems.push({ file: post.file, line, field: 'body', message: `links to "${ref.target}", but no post has the slug "${slug}"; fix the link or remove it` });
      } else if (post.published && !targets.some((t) => t.published)) {
        problems.push({ file: post.file, line, field: 'body', message: `links to "${ref.target}", which is ${targets[0]!.file}, a draft or future post; readers would get a broken link` });
      }
    }
  }
  problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return { posts, problems };
}

/** "src/content/blog/x.md:4  pubDate  \"2026-02-30\" is not a real date" */
export function formatProblem(problem: Problem): string {
  return `${problem.file}:${problem.line}  ${problem.field}  ${problem.message}`;
}
