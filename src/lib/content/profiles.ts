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

/** What every profile keeps of its entry. */
const common = (entry: CollectionEntry<'authors'> | CollectionEntry<'categories'>) => ({
  slug: entry.id,
  digest: String(entry.digest ?? ''),
});

/**
 * The image a profile names (`avatar`, `heroImage`), in public/ or beside the profile's file, or
 * undefined when it names none or one outside (the check has said why).
 */
function imageOf(entry: { filePath?: string | undefined; id: string }, dir: string, reference: string | undefined) {
  const profileFile = path.join(build.root, entry.filePath ?? path.join(dir, `${entry.id}.md`));
  const file = reference ? resolvePostAsset(reference, profileFile, build) : null;
  return file && reference ? { file, reference } : undefined;
}

async function load(): Promise<Profiles> {
  const [authorEntries, categoryEntries] = await Promise.all([getCollection('authors'), getCollection('categories')]);
  const authors = new Map(
    authorEntries.map((entry): [string, AuthorProfile] => [
      entry.id,
      {
        ...common(entry),
        name: entry.data.name,
        jobTitle: entry.data.jobTitle,
        avatar: imageOf(entry, AUTHORS_DIR, entry.data.avatar),
        links: AUTHOR_LINKS.flatMap(([field, label]) => (entry.data[field] ? [{ label, url: entry.data[field] }] : [])),
        entry,
      },
    ]),
  );
  const categories = new Map(
    categoryEntries.map((entry): [string, CategoryPage] => {
      const { data } = entry;
      const hero = imageOf(entry, CATEGORIES_DIR, data.heroImage);
      return [
        entry.id,
        {
          ...common(entry),
          title: data.title,
          description: data.description,
          hero: hero && { ...hero, alt: data.heroImageAlt ?? '' },
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
