/**
 * Stands in for Astro's virtual `astro:content` in unit tests (vitest.config.ts aliases it here, as
 * it does `virtual:blog/build-context`): the three collections the site reads, made from fixture
 * files the way the content layer makes them (frontmatter parsed as the posts loader parses it,
 * then the collection's own schema), held in memory so a test can change, add or drop an entry and
 * count what the code under test asked for.
 *
 * A test that needs fresh module state (the loaders cache per build) calls `vi.resetModules()` and
 * imports this file again beside the module under test: both then share the new instance.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import type { CollectionEntry, CollectionKey } from 'astro:content';
import { postFrontmatterSchema } from '#src/lib/content/post-schema.ts';
import { authorProfileSchema, categoryPageSchema } from '#src/lib/content/profile-schemas.ts';

type Entry<C extends CollectionKey = CollectionKey> = CollectionEntry<C>;

const FIXTURE = 'tests/fixtures/site/content';

/** The frontmatter of a fixture file, parsed as the posts loader parses it. */
function frontmatterOf(file: string): Record<string, unknown> {
  return parseFrontmatter(readFileSync(path.resolve(file), 'utf8'), { frontmatter: 'empty-with-spaces' }).frontmatter;
}

/**
 * A blog entry as the posts loader stores it: no body (`retainBody: false`; posts.ts reads it from
 * `filePath`), the file's path relative to the project root, a digest of the file.
 */
export function blogEntry(file: string, overrides: Partial<Record<string, unknown>> = {}, digest = `digest-of-${file}`): Entry<'blog'> {
  const id = path.relative(`${FIXTURE}/blog`, file);
  return {
    id,
    collection: 'blog',
    filePath: file,
    digest,
    data: postFrontmatterSchema.parse({ ...frontmatterOf(file), ...overrides }),
  } as Entry<'blog'>;
}

/** The fixture posts: two published, one a draft, one dated in the future (its body kept in the entry). */
export const FIXTURE_POSTS = {
  alpha: `${FIXTURE}/blog/alpha-post.md`,
  delta: `${FIXTURE}/blog/delta.md`,
  draft: `${FIXTURE}/blog/draft-post.md`,
} as const;

function fixtureEntries(): { [C in CollectionKey]: Array<Entry<C>> } {
  // Two months ahead: the schema refuses a post scheduled more than a year ahead.
  const later = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
  const scheduled = {
    ...blogEntry(FIXTURE_POSTS.delta, { title: 'Scheduled Post', slug: 'scheduled-post', pubDate: later }, 'digest-of-scheduled'),
    id: 'scheduled.md',
    filePath: `${FIXTURE}/blog/scheduled.md`,
    body: 'Kept in the entry: no file is read for it.',
  } as Entry<'blog'>;
  const author = `${FIXTURE}/authors/jonas-mueller.md`;
  return {
    blog: [blogEntry(FIXTURE_POSTS.alpha), blogEntry(FIXTURE_POSTS.delta), blogEntry(FIXTURE_POSTS.draft), scheduled],
    authors: [
      {
        id: 'jonas-mueller',
        collection: 'authors',
        filePath: author,
        digest: 'digest-of-jonas',
        data: authorProfileSchema.parse(frontmatterOf(author)),
      } as Entry<'authors'>,
    ],
    categories: [
      {
        id: 'artificial-intelligence',
        collection: 'categories',
        // Where Astro would have found it (profiles.ts reads no file, it resolves the hero beside it,
        // which must be inside src/content/): no file needs to be there.
        filePath: 'src/content/categories/artificial-intelligence.md',
        digest: 'digest-of-ai',
        data: categoryPageSchema.parse({
          title: 'Artificial Intelligence',
          description: 'Models, tools and what they cost to run.',
          heroImage: './ai-hero.webp',
          heroImageAlt: 'A lattice of nodes',
        }),
      } as Entry<'categories'>,
    ],
  };
}

/** The collections as the code under test sees them; `setEntries` and `resetEntries` change them. */
let collections = fixtureEntries();

/** What the code under test asked for: getCollection calls by collection, render calls by entry id. */
export const asked = { getCollection: {} as Partial<Record<CollectionKey, number>>, render: [] as string[] };

export function setEntries<C extends CollectionKey>(collection: C, entries: Array<Entry<C>>): void {
  (collections as Record<CollectionKey, unknown[]>)[collection] = entries;
}

export function entriesOf<C extends CollectionKey>(collection: C): Array<Entry<C>> {
  return collections[collection] as Array<Entry<C>>;
}

/** Back to the fixture entries, with nothing asked yet. */
export function resetEntries(): void {
  collections = fixtureEntries();
  asked.getCollection = {};
  asked.render = [];
}

/** Like Astro's: a copy of every entry on each call (Astro clones them too), optionally filtered. */
export async function getCollection<C extends CollectionKey>(
  collection: C,
  filter?: (entry: Entry<C>) => unknown,
): Promise<Array<Entry<C>>> {
  asked.getCollection[collection] = (asked.getCollection[collection] ?? 0) + 1;
  const entries = (collections[collection] as Array<Entry<C>>).map((entry) => structuredClone(entry));
  return filter ? entries.filter(filter) : entries;
}

/** Like Astro's `render()`: a Content component and the headings; here the component names its entry. */
export async function render(entry: Entry) {
  asked.render.push(entry.id);
  return { Content: () => `Content of ${entry.id}`, headings: [], remarkPluginFrontmatter: {} };
}

/** What src/content.config.ts takes from the module. */
export const defineCollection = <T>(collection: T): T => collection;
