/**
 * The fixture site's published posts, read from its files: each writer's form has its own fixture
 * post (tests/fixtures/site/content/blog/toolkit-*), so a test that counts posts or lists them in
 * date order takes them from here instead of a number that every new fixture post would move.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { splitFrontmatter } from '#src/lib/content/frontmatter.ts';
import { postFrontmatterSchema } from '#src/lib/content/post-schema.ts';
import { slugFromFile } from '#src/lib/content/slug.ts';
import { PROJECT_ROOT } from './project-copy.ts';

const FIXTURE_POSTS = path.join(PROJECT_ROOT, 'tests/fixtures/site/content/blog');
/** How many filler posts tests/helpers/fixture-site.ts writes for the fixture build. */
export const FILLER_COUNT = 30;

interface FixturePost {
  /** The post's address, "/blog/<slug>/". */
  url: string;
  file: string;
  pubDate: Date;
}

function readPublished(): FixturePost[] {
  const posts: FixturePost[] = [];
  for (const file of readdirSync(FIXTURE_POSTS, { recursive: true, encoding: 'utf8' })) {
    if (!/\.mdx?$/.test(file)) continue;
    const split = splitFrontmatter(readFileSync(path.join(FIXTURE_POSTS, file), 'utf8'));
    if (typeof split !== 'object') throw new Error(`tests/fixtures/site/content/blog/${file} has no frontmatter`);
    const data = postFrontmatterSchema.parse(yaml.load(split.frontmatter));
    if (data.draft || data.pubDate.getTime() > Date.now()) continue;
    posts.push({ url: `/blog/${data.slug ?? slugFromFile(file)}/`, file, pubDate: data.pubDate });
  }
  // The site's order: newest first, then by slug (src/lib/content/post-model.ts).
  return posts.sort((a, b) => b.pubDate.getTime() - a.pubDate.getTime() || a.url.localeCompare(b.url));
}

/** The hand-written fixture posts that are published, newest first. */
export const PUBLISHED_FIXTURE_POSTS = readPublished();
/** Every published post of the fixture build: the hand-written ones and the fillers. */
export const PUBLISHED = PUBLISHED_FIXTURE_POSTS.length + FILLER_COUNT;
/** The toolkit's posts (one per writer's form, and the series parts), newest first. */
export const TOOLKIT_POSTS = PUBLISHED_FIXTURE_POSTS.filter((post) => post.file.startsWith('toolkit-')).map((post) => post.url);
