/** Authors as bylines and JSON-LD show them: the profile's name and avatar when there is one. */
import type { ResponsiveImage } from '#src/lib/images/images.ts';
import { profileStamp } from '#src/lib/build/page-keys.ts';
import { person } from '#src/lib/seo/structured-data.ts';
import type { Term } from '#src/lib/taxonomy/terms.ts';
import { urls } from '#src/lib/urls/urls.ts';
import { authorProfile, avatarImage, type AuthorProfile } from './profiles.ts';

/** An author as pages show them: the profile's name and avatar when there is a profile, the post's spelling otherwise. */
export interface AuthorView {
  term: Term;
  name: string;
  href: string;
  profile: AuthorProfile | undefined;
  avatar: ResponsiveImage | undefined;
}

export async function authorView(term: Term): Promise<AuthorView> {
  const profile = await authorProfile(term.slug);
  return { term, name: profile?.name ?? term.name, href: urls.author(term), profile, avatar: await avatarImage(profile) };
}

export function authorViews(terms: readonly Term[]): Promise<AuthorView[]> {
  return Promise.all(terms.map(authorView));
}

/** The smallest avatar variant: search engines want a URL, not a srcset. */
const avatarUrl = (view: AuthorView) => view.avatar?.variants[0]?.url;

/** The author as JSON-LD Person (absolute URLs), for the author page and as a post's author. */
export function authorPerson(view: AuthorView, site: URL | undefined): Record<string, unknown> {
  const absolute = (sitePath: string) => new URL(sitePath, site).href;
  const image = avatarUrl(view);
  return person({
    name: view.name,
    url: absolute(view.href),
    jobTitle: view.profile?.jobTitle,
    image: image && absolute(image),
    sameAs: view.profile?.links.map((link) => link.url) ?? [],
  });
}

/** What a page shows of an author's profile, for its cache key (src/lib/build/page-keys.ts). */
export async function authorStamp(term: Term): Promise<string> {
  const profile = await authorProfile(term.slug);
  return profileStamp(profile && { digest: profile.digest, image: profile.avatar?.file });
}
