/** Loading author profiles and category pages from their collections, with their images. */
import path from 'node:path';
import { getCollection, type CollectionEntry } from 'astro:content';
import { AVATAR_WIDTHS, responsiveImage, type ResponsiveImage } from '#src/lib/images/images.ts';
import build from 'virtual:blog/build-context';
import { resolvePostAsset } from '#src/lib/urls/site-paths.ts';
import { AUTHOR_LINKS, AUTHORS_DIR, CATEGORIES_DIR } from './profile-schemas.ts';
import { storeCached } from './store-cached.ts';
import { storeToken } from './store-token.ts';

/** An author's profile (src/content/authors/<slug>.md): what the author page, bylines and JSON-LD show. */
export interface AuthorProfile {
  slug: string;
  name: string;
  jobTitle: string | undefined;
  /** The avatar's file, when the profile names one. */
  avatar: { file: string; reference: string } | undefined;
  /** The profile's links, labelled, in the order the page shows them. */
  links: Array<{ label: string; url: string }>;
  /** Astro's digest of the file (frontmatter and bio), for page cache keys. */
  digest: string;
  entry: CollectionEntry<'authors'>;
}

/** A category's landing page text (src/content/categories/<slug>.md). */
export interface CategoryPage {
  slug: string;
  title: string;
  description: string;
  hero: { file: string; reference: string; alt: string } | undefined;
  digest: string;
  entry: CollectionEntry<'categories'>;
}

interface Profiles {
  authors: Map<string, AuthorProfile>;
  categories: Map<string, CategoryPage>;
}

const fileOf = (entry: { filePath?: string | undefined; id: string }, dir: string) =>
  path.join(build.root, entry.filePath ?? path.join(dir, `${entry.id}.md`));

async function load(): Promise<Profiles> {
  const [authorEntries, categoryEntries] = await Promise.all([getCollection('authors'), getCollection('categories')]);
  const authors = new Map(
    authorEntries.map((entry): [string, AuthorProfile] => {
      const { data } = entry;
      const file = data.avatar ? resolvePostAsset(data.avatar, fileOf(entry, AUTHORS_DIR), build) : null;
      return [
        entry.id,
        {
          slug: entry.id,
          name: data.name,
          jobTitle: data.jobTitle,
          avatar: file && data.avatar ? { file, reference: data.avatar } : undefined,
          links: AUTHOR_LINKS.flatMap(([field, label]) => (data[field] ? [{ label, url: data[field] }] : [])),
          digest: String(entry.digest ?? ''),
          entry,
        },
      ];
    }),
  );
  const categories = new Map(
    categoryEntries.map((entry): [string, CategoryPage] => {
      const { data } = entry;
      const file = data.heroImage ? resolvePostAsset(data.heroImage, fileOf(entry, CATEGORIES_DIR), build) : null;
      return [
        entry.id,
        {
          slug: entry.id,
          title: data.title,
          description: data.description,
          hero: file && data.heroImage ? { file, reference: data.heroImage, alt: data.heroImageAlt ?? '' } : undefined,
          digest: String(entry.digest ?? ''),
          entry,
        },
      ];
    }),
  );
  return { authors, categories };
}

/** Once per build; in the dev server, once per content store (after each saved edit). */
const loaded = storeCached(load, storeToken);

/** The profile of the author with this slug, or undefined: a name without a profile gets a plain byline. */
export async function authorProfile(slug: string): Promise<AuthorProfile | undefined> {
  return (await loaded()).authors.get(slug);
}

/** The landing page text of the category with this slug, or undefined: the generated page as before. */
export async function categoryPage(slug: string): Promise<CategoryPage | undefined> {
  return (await loaded()).categories.get(slug);
}

/** The avatar's webp variants (made by sharp like heroes, at avatar widths), or undefined. */
export function avatarImage(profile: AuthorProfile | undefined): Promise<ResponsiveImage> | undefined {
  if (!profile?.avatar) return undefined;
  return responsiveImage(profile.avatar.file, {
    base: import.meta.env.BASE_URL,
    origin: `${AUTHORS_DIR}/${profile.slug}.md avatar "${profile.avatar.reference}"`,
    widths: AVATAR_WIDTHS,
  });
}

/** A category hero's webp variants, or undefined. */
export function categoryHeroImage(page: CategoryPage | undefined): Promise<ResponsiveImage> | undefined {
  if (!page?.hero) return undefined;
  return responsiveImage(page.hero.file, {
    base: import.meta.env.BASE_URL,
    origin: `${CATEGORIES_DIR}/${page.slug}.md heroImage "${page.hero.reference}"`,
  });
}
