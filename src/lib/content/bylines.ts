/** Authors as bylines and JSON-LD show them: the profile's name and avatar when there is one. */
import { profileStamp } from '#src/lib/build/page-keys.ts';
import type { Term } from '#src/lib/taxonomy/terms.ts';
import { urls } from '#src/lib/urls/urls.ts';
import { authorProfile, avatarImage } from './profiles.ts';
import type { AuthorView } from './author-person.ts';

export { authorPerson, type AuthorView } from './author-person.ts';

export async function authorView(term: Term): Promise<AuthorView> {
  const profile = await authorProfile(term.slug);
  return { term, name: profile?.name ?? term.name, href: urls.author(term), profile, avatar: await avatarImage(profile) };
}

export function authorViews(terms: readonly Term[]): Promise<AuthorView[]> {
  return Promise.all(terms.map(authorView));
}

/** What a page shows of an author's profile, for its cache key (src/lib/build/page-keys.ts). */
export async function authorStamp(term: Term): Promise<string> {
  const profile = await authorProfile(term.slug);
  return profileStamp(profile && { digest: profile.digest, image: profile.avatar?.file });
}
