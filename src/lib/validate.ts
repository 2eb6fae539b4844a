import { readFileSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { closest, distance } from 'fastest-levenshtein';
import yaml from 'js-yaml';
import pMap from 'p-map';
import sharp from 'sharp';
import type { SiteConfig } from '../site.config.ts';
import { noteDamage, readSealedJson, sealJson } from './cache-integrity.ts';
import { writeCacheFile } from './publish-file.ts';
import { POST_FIELDS, postFrontmatterSchema, type PostFrontmatter } from './post-schema.ts';
import { headingIds } from './heading-ids.ts';
import { checkMdxBody } from './mdx-check.ts';
import { checkOldUrls, type OldUrlsResult } from './old-urls-check.ts';
import { isPlaceholder } from './post-template.ts';
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
  /** Lines of the fields other checks point at (1 when absent: a slug from the file name, say). */
  lines: { slug: number; redirectFrom: number; draft: number; pubDate: number };
  data: PostFrontmatter;
  published: boolean;
}

export interface CheckOptions extends ProjectPaths {
  site: SiteConfig;
  /** Posts dated after this are not published yet. */
  now: Date;
  /** Folder of the blog collection, relative to root. */
  contentDir?: string;
  /** Base path the site is hosted under ("/sub/"), so links written with it are checked too. */
  base?: string;
}

export const CONTENT_DIR = 'src/content/blog';
export const FRONTMATTER = /^(\uFEFF?---\r?\n)([\s\S]*?\r?\n)?---[ \t]*(?:\r?\n|$)/;
const IMAGE_FORMATS = new Set(['jpeg', 'png', 'webp', 'avif', 'gif', 'tiff']);

const lineAt = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

export function fieldLine(frontmatter: string, field: string): number {
  const lines = frontmatter.split('\n');
  const index = lines.findIndex((line) => new RegExp(`^${field}\\s*:`).test(line));
  return index === -1 ? 1 : index + 2; // +1 for the opening ---, +1 for 1-based lines
}

function suggestField(key: string): { field?: string; message: string } {
  const match = closest(key, POST_FIELDS);
  const near = key.toLowerCase() === match.toLowerCase() || distance(key.toLowerCase(), match.toLowerCase()) <= 3;
  return near
    ? { field: match, message: `is not a known field; did you mean "${match}"?` }
    : { message: `is not a known field; the fields are ${POST_FIELDS.join(', ')}` };
}

const KEY_LINE = /^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(.*))?$/;

/** A quoted value that is never closed on its line ("Unclosed), or null. */
function unclosedQuote(value: string): '"' | "'" | null {
  if (value.startsWith('"')) return /^"(?:[^"\\]|\\.)*"/.test(value) ? null : '"';
  if (value.startsWith("'")) return /^'(?:[^']|'')*'/.test(value) ? null : "'";
  return null;
}

/**
 * Turns a YAML parse error into the mistake an editor made, on the line where
 * they made it: a tab, a quote never closed, a field given twice, a colon in
 * an unquoted value. js-yaml's own wording is the fallback.
 */
export function yamlProblem(frontmatter: string, error: yaml.YAMLException): { line: number; field: string; message: string } {
  const lines = frontmatter.split('\n');
  const errorIndex = Math.min(error.mark?.line ?? 0, Math.max(lines.length - 1, 0));
  const at = (index: number) => index + 2; // +1 for the opening ---, +1 for 1-based lines
  if (/\t/.test(lines[errorIndex] ?? '') || /tab/i.test(error.reason)) {
    return {
      line: at(errorIndex),
      field: 'frontmatter',
      message: 'is not valid YAML: it is indented with a tab; YAML allows only spaces for indentation',
    };
  }
  if (/duplicated mapping key/.test(error.reason)) {
    const key = KEY_LINE.exec(lines[errorIndex] ?? '')?.[1];
    const first = key ? lines.findIndex((line) => KEY_LINE.exec(line)?.[1] === key) : -1;
    if (key && first !== -1 && first < errorIndex) {
      return { line: at(errorIndex), field: key, message: `is given twice (lines ${at(first)} and ${at(errorIndex)}); keep one` };
    }
  }
  for (let index = 0; index <= errorIndex; index += 1) {
    const [, key, value = ''] = KEY_LINE.exec(lines[index] ?? '') ?? [];
    const quote = key ? unclosedQuote(value.trim()) : null;
    if (key && quote) {
      return {
        line: at(index),
        field: key,
        message: `opens a quote (${quote}) that is never closed; end the value with ${quote} on the same line`,
      };
    }
  }
  const [, key, value = ''] = KEY_LINE.exec(lines[errorIndex] ?? '') ?? [];
  if (key && /^[^"'[{].*:\s/.test(value)) {
    return {
      line: at(errorIndex),
      field: key,
      message: `has ": " in a value without quotes; put the whole value in double quotes: ${key}: "${value.trim()}"`,
    };
  }
  if (key && /^'(?:[^']|'')*'\s*\S/.test(value.trim())) {
    return {
      line: at(errorIndex),
      field: key,
      message: `has an apostrophe inside single quotes, which ends the value early; use double quotes around it: ${key}: "${value.trim().slice(1, -1)}"`,
    };
  }
  if (key && /^"(?:[^"\\]|\\.)*"\s*\S/.test(value.trim())) {
    return { line: at(errorIndex), field: key, message: 'has text after the closing quote; put the whole value inside one pair of quotes' };
  }
  return {
    line: at(errorIndex),
    field: 'frontmatter',
    message: `is not valid YAML: ${error.reason}; check quotes, colons and indentation on this line`,
  };
}

/** Blanks out fenced code so links in code samples are not taken for real links. */
function withoutCode(body: string): string {
  return body.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, (block) => block.replace(/[^\n]/g, ' '));
}

interface BodyReference {
  kind: 'link' | 'image';
  target: string;
  offset: number;
  /** For images: the alt text, or null when there is none. */
  alt?: string | null;
}

function bodyReferences(body: string): BodyReference[] {
  const refs: BodyReference[] = [];
  const text = withoutCode(body);
  for (const m of text.matchAll(/(!?)\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+["'][^)]*["'])?\s*\)/g)) {
    refs.push({ kind: m[1] ? 'image' : 'link', target: m[3]!, offset: m.index, alt: m[2]!.trim() || null });
  }
  for (const m of text.matchAll(/<(a|img)\b[^>]*?\s(?:href|src)=["']([^"']+)["'][^>]*>/gi)) {
    // An explicit alt="" marks a decorative image, which is allowed in HTML.
    const alt = /\salt=["']/i.test(m[0]) ? '' : null;
    refs.push({ kind: m[1]!.toLowerCase() === 'a' ? 'link' : 'image', target: m[2]!, offset: m.index, alt });
  }
  return refs;
}

interface FileResult {
  post?: CheckedPost;
  body: string;
  bodyLine: number;
  problems: Problem[];
}

/** sharp's reason, on one line ("VipsJpeg: premature end of JPEG image"). */
const sharpReason = (error: unknown) =>
  ((error as Error).message ?? String(error))
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .at(-1) ?? 'unknown reason';

/**
 * Reads an image the way the build will: its header, then every pixel (at a
 * reduced size, which still reads the whole file), so a truncated download or
 * a garbled export is reported here, naming the post, instead of failing
 * later inside Astro. `photo` limits heroes to the formats made into webp.
 */
async function inspectImage(file: string, photo: boolean): Promise<string | null> {
  let format: string | undefined;
  try {
    const meta = await sharp(file).metadata();
    format = meta.format;
    if (photo && (!format || !IMAGE_FORMATS.has(format)))
      return `is a ${format ?? 'unknown'} file, not a photo format (use webp, jpeg, png or avif)`;
    if (!meta.width || !meta.height) return 'has no pixel size';
  } catch (error) {
    const reason = sharpReason(error);
    if (/unsupported image format/i.test(reason)) return 'is not an image; use a webp, jpeg, png or avif file';
    return `is damaged and cannot be read (${reason}); export or download it again`;
  }
  try {
    await sharp(file).resize({ width: 64, height: 64, fit: 'inside', withoutEnlargement: true }).raw().toBuffer();
    return null;
  } catch (error) {
    return `is damaged: its ${format ?? 'image'} data cannot be decoded (${sharpReason(error)}); export or download it again`;
  }
}

const IMAGE_CHECK_CACHE = 'checked-images.json';

/**
 * Image checks for one run, each file decoded at most once. Files that passed
 * are remembered in the cache folder by size and modification time, so the
 * next build decodes only new or changed images.
 */
class ImageChecks {
  #passed: Record<string, string> = {};
  #running = new Map<string, Promise<string | null>>();
  #changed = false;
  readonly #cacheFile: string;

  constructor(cacheDir: string) {
    this.#cacheFile = path.join(cacheDir, IMAGE_CHECK_CACHE);
  }

  async load(): Promise<void> {
    // Sealed with a checksum: a damaged record would otherwise pass images nobody decoded.
    const record = await readSealedJson<Record<string, string>>(this.#cacheFile);
    if (record === 'damaged') noteDamage('checked-image record');
    this.#passed = typeof record === 'object' ? record : {};
  }

  /** null when the file is a readable image, else what is wrong with it. */
  check(file: string, photo: boolean): Promise<string | null> {
    const key = `${file}|${photo ? 'photo' : 'any'}`;
    let running = this.#running.get(key);
    if (!running) {
      running = (async () => {
        const { size, mtimeMs } = statSync(file);
        const version = `${size}:${mtimeMs}`;
        if (this.#passed[key] === version) return null;
        const problem = await inspectImage(file, photo);
        if (problem === null) {
          this.#passed[key] = version;
          this.#changed = true;
        }
        return problem;
      })();
      this.#running.set(key, running);
    }
    return running;
  }

  async save(): Promise<void> {
    if (!this.#changed) return;
    await mkdir(path.dirname(this.#cacheFile), { recursive: true });
    await writeCacheFile(this.#cacheFile, sealJson(this.#passed));
  }
}

/** A web address rather than a file: "https://…", "//cdn…", "data:…". */
const WEB_ADDRESS = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/** What is wrong with a frontmatter image (heroImage, ogImage), or null. */
async function postImageProblem(reference: string, postFile: string, options: CheckOptions, images: ImageChecks): Promise<string | null> {
  if (WEB_ADDRESS.test(reference)) {
    return `"${reference}" is a web address, but images must be files in the project, so the build can make their variants; download it into public/ and write "/name.webp", or save it next to the post as "./name.webp"`;
  }
  const file = resolvePostAsset(reference, postFile, options);
  if (!file) {
    return `"${reference}" points outside the project's public/ and src/ folders; use "/name.webp" for a file in public/, or a path next to the post such as "./hero.webp"`;
  }
  if (!(await isFile(file)))
    return `"${reference}" does not exist (looked for ${path.relative(options.root, file)}); check the name, or add the file`;
  const problem = await images.check(file, true);
  return problem && `"${reference}" ${problem}`;
}

async function checkFile(relative: string, options: CheckOptions, images: ImageChecks): Promise<FileResult> {
  const absolute = path.join(options.root, relative);
  // Synchronous: a post is read whole at once, and thousands of small reads
  // through fs.promises' thread pool take three times as long.
  const raw = readFileSync(absolute, 'utf8');
  const problems: Problem[] = [];
  const report = (line: number, field: string, message: string) => problems.push({ file: relative, line, field, message });
  const match = FRONTMATTER.exec(raw);
  if (!match) {
    if (/^\uFEFF?---[ \t]*\r?\n/.test(raw)) {
      report(1, 'frontmatter', 'is not closed: add a line "---" after the last field, before the text of the post');
    } else {
      report(1, 'frontmatter', 'is missing: start the file with a line "---", the fields (title, description, …), and another "---"');
    }
    return { body: raw, bodyLine: 1, problems };
  }
  const frontmatter = match[2] ?? '';
  const body = raw.slice(match[0].length);
  const bodyLine = lineAt(raw, match[0].length);
  let parsed: unknown;
  try {
    parsed = yaml.load(frontmatter, { schema: yaml.CORE_SCHEMA, filename: relative }) ?? {};
  } catch (error) {
    const problem = yamlProblem(frontmatter, error as yaml.YAMLException);
    report(problem.line, problem.field, problem.message);
    return { body, bodyLine, problems };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    report(2, 'frontmatter', 'must be a list of "field: value" lines');
    return { body, bodyLine, problems };
  }
  const data: Record<string, unknown> = { ...(parsed as Record<string, unknown>) };
  /** Fields a misspelling stands for: "pubDate is missing" would only repeat "pubdate: did you mean pubDate?". */
  const misspelled = new Set<string>();
  for (const key of Object.keys(data)) {
    if (!POST_FIELDS.includes(key)) {
      const suggestion = suggestField(key);
      report(fieldLine(frontmatter, key), key, suggestion.message);
      if (suggestion.field) misspelled.add(suggestion.field);
      delete data[key];
    }
  }
  const result = postFrontmatterSchema.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? 'frontmatter');
      if (misspelled.has(field) && data[field] === undefined) continue;
      // A missing heroImageAlt is pointed out on the heroImage line that needs it.
      const lineOf = field === 'heroImageAlt' && data[field] === undefined ? 'heroImage' : field;
      report(fieldLine(frontmatter, lineOf), field, issue.message);
    }
  }
  if (body.trim() === '') report(bodyLine, 'body', 'is empty; write the post below the closing "---"');
  else if (relative.endsWith('.mdx')) {
    for (const mistake of await checkMdxBody(body, { postFile: absolute, root: options.root }))
      report(bodyLine + mistake.line - 1, 'body', mistake.message);
  }
  if (!result.success) return { body, bodyLine, problems };

  const post = result.data;
  const slug = post.slug ?? slugFromFile(relative);
  if (!slug) report(1, 'slug', 'cannot be made from the file name; add slug: "words-joined-by-hyphens"');
  if (/^\d+$/.test(slug))
    report(fieldLine(frontmatter, 'slug'), 'slug', `"${slug}" is only digits, which clashes with archive page URLs (/blog/2/); add a word`);
  for (const [field, terms] of [
    ['category', [post.category]],
    ['tags', post.tags ?? post.keywords],
  ] as const) {
    for (const term of terms) {
      if (!slugify(term)) report(fieldLine(frontmatter, field), field, `"${term}" has no letters or digits to make a URL from; reword it`);
    }
  }
  // The hero and the link-preview image are files the build turns into variants: same rules for both.
  for (const field of ['heroImage', 'ogImage'] as const) {
    const reference = post[field];
    if (!reference) continue;
    const problem = await postImageProblem(reference, absolute, options, images);
    if (problem) report(fieldLine(frontmatter, field), field, problem);
  }
  if (!post.draft) {
    // `npm run new` leaves "TODO:" placeholders; fine in a draft, never on the live site.
    const unfinished = 'is still the placeholder from `npm run new`; write it before setting draft: false';
    for (const field of ['title', 'description', 'heroImageAlt'] as const) {
      if (isPlaceholder(post[field] ?? '')) report(fieldLine(frontmatter, field), field, unfinished);
    }
    withoutCode(body)
      .split('\n')
      .forEach((line, index) => {
        if (isPlaceholder(line))
          report(bodyLine + index, 'body', 'has a "TODO:" placeholder from `npm run new`; write the post, or keep draft: true');
      });
  }
  const published = !post.draft && post.pubDate.getTime() <= options.now.getTime();
  const lines = {
    slug: fieldLine(frontmatter, 'slug'),
    redirectFrom: fieldLine(frontmatter, 'redirectFrom'),
    draft: fieldLine(frontmatter, 'draft'),
    pubDate: fieldLine(frontmatter, 'pubDate'),
  };
  return {
    post: { file: relative, slug, lines, data: post, published },
    body,
    bodyLine,
    problems,
  };
}

/** The decoded `#fragment` of a site path, or null when it has none. */
function fragmentOf(sitePath: string): string | null {
  const hash = sitePath.indexOf('#');
  if (hash === -1 || hash === sitePath.length - 1) return null;
  try {
    return decodeURIComponent(sitePath.slice(hash + 1));
  } catch {
    return sitePath.slice(hash + 1);
  }
}

/** What a check gives the build: the problems, and when there are none, the redirects and the published-URL record. */
export interface CheckReport extends OldUrlsResult {
  problems: Problem[];
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
export async function checkPosts(options: CheckOptions): Promise<CheckReport & { posts: CheckedPost[] }> {
  const files = await findPostFiles(options.root, options.contentDir);
  const images = new ImageChecks(options.cacheDir);
  await images.load();
  const results = await pMap(files, (file) => checkFile(file, options, images), { concurrency: 16 });
  const problems = results.flatMap((r) => r.problems);
  const posts = results.flatMap((r) => (r.post ? [r.post] : []));

  const bySlug = Map.groupBy(posts, (post) => post.slug);
  for (const [slug, owners] of bySlug) {
    if (owners.length < 2) continue;
    for (const post of owners) {
      const others = owners
        .filter((o) => o !== post)
        .map((o) => o.file)
        .join(', ');
      problems.push({
        file: post.file,
        line: post.lines.slug,
        field: 'slug',
        message: `"${slug}" is also the slug of ${others}; give one of them a different slug`,
      });
    }
  }

  // Heading ids of link targets, worked out once per target post and only when a link names a fragment.
  const bodies = new Map(results.flatMap((r) => (r.post ? [[r.post.file, r.body] as const] : [])));
  const targetIds = new Map<string, Set<string>>();
  const idsOf = (file: string) => {
    let ids = targetIds.get(file);
    if (!ids) targetIds.set(file, (ids = headingIds(bodies.get(file) ?? '', { mdx: file.endsWith('.mdx') })));
    return ids;
  };

  for (const result of results) {
    const post = result.post;
    if (!post) continue;
    for (const ref of bodyReferences(result.body)) {
      const line = result.bodyLine + lineAt(result.body, ref.offset) - 1;
      if (ref.kind === 'image' && ref.alt === null) {
        problems.push({
          file: post.file,
          line,
          field: 'body',
          message: `image "${ref.target}" has no alt text; describe it for readers who cannot see it: ![what it shows](${ref.target})`,
        });
      }
      /** A body image must exist and decode; `missing` says where it was looked for. */
      const checkBodyImage = async (file: string | null, missing: string) => {
        if (file === null || !(await isFile(file))) {
          problems.push({
            file: post.file,
            line,
            field: 'body',
            message: `image "${ref.target}" ${missing}; check the path or add the file`,
          });
          return;
        }
        const problem = await images.check(file, false);
        if (problem) problems.push({ file: post.file, line, field: 'body', message: `image "${ref.target}" ${problem}` });
      };
      const local = siteRelativePath(ref.target, options.site.origins ?? options.site.url);
      if (ref.kind === 'image' && local === null && /^\.{0,2}\/?[^:]+$/.test(ref.target) && !ref.target.startsWith('//')) {
        // A path next to the post ("./diagram.webp"); Astro's own image pipeline handles it.
        const file = resolvePostAsset(ref.target.split(/[?#]/)[0]!, path.join(options.root, post.file), options);
        await checkBodyImage(file, `does not exist${file ? ` (looked for ${path.relative(options.root, file)})` : ''}`);
        continue;
      }
      if (local === null) continue;
      if (ref.kind === 'image') {
        if (!local.startsWith('/')) continue;
        const file = resolvePostAsset(local.split(/[?#]/)[0]!, post.file, options);
        await checkBodyImage(file, 'does not exist in public/');
        continue;
      }
      const slug = postSlugFromPath(local, options.base);
      if (slug === null) continue;
      const targets = bySlug.get(slug);
      if (!targets) {
        problems.push({
          file: post.file,
          line,
          field: 'body',
          message: `links to "${ref.target}", but no post has the slug "${slug}"; fix the link or remove it`,
        });
      } else if (post.published && !targets.some((t) => t.published)) {
        problems.push({
          file: post.file,
          line,
          field: 'body',
          message: `links to "${ref.target}", which is ${targets[0]!.file}, a draft or future post; readers would get a broken link`,
        });
      } else {
        const fragment = fragmentOf(local);
        const target = targets[0]!;
        if (fragment !== null && !idsOf(target.file).has(fragment)) {
          const known = [...idsOf(target.file)].slice(0, 5).map((id) => `#${id}`);
          problems.push({
            file: post.file,
            line,
            field: 'body',
            message: `links to "${ref.target}", but ${target.file} has no heading "#${fragment}"; link to one of its headings${known.length > 0 ? ` (${known.join(', ')}${idsOf(target.file).size > known.length ? ', …' : ''})` : ''} or drop the fragment`,
          });
        }
      }
    }
  }
  // Redirects, and the URLs earlier builds published. A post that could not be read is not taken for a deleted one.
  const unreadable = new Set(files.filter((_, index) => !results[index]!.post));
  const oldUrls = checkOldUrls(posts, options, unreadable);
  problems.push(...oldUrls.problems);
  problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  await images.save();
  return { posts, problems, redirects: oldUrls.redirects, publishedUrls: oldUrls.publishedUrls };
}

/** "src/content/blog/x.md:4  pubDate  \"2026-02-30\" is not a real date" */
export function formatProblem(problem: Problem): string {
  return `${problem.file}:${problem.line}  ${problem.field}  ${problem.message}`;
}
