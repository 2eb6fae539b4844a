/** An author as pages show them, and as JSON-LD names them: pure, so view models and their tests need no content store. */
import type { ResponsiveImage } from '#src/lib/images/images.ts';
import { person } from '#src/lib/seo/structured-data.ts';
import type { Term } from '#src/lib/taxonomy/terms.ts';
import type { AuthorProfile } from './profiles.ts';

/** An author as pages show them: the profile's name and avatar when there is a profile, the post's spelling otherwise. */
export interface AuthorView {
  term: Term;
  name: string;
  href: string;
  profile: AuthorProfile | undefined;
  avatar: ResponsiveImage | undefined;
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
