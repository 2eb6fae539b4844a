/** What the rules across posts know of each post, gathered while it was audited. */
import type { RedirectRule } from '#src/lib/urls/redirects.ts';
import type { InternalLink } from './links.ts';
import type { RawFinding } from './types.ts';

/**
 * What rules across posts need to know of a post, worked out while it was
 * read: plain data, so posts can be read on worker threads.
 */
export interface PostFacts {
  file: string;
  slug: string;
  published: boolean;
  /** The `<title>` search results show: seoTitle, else title. */
  searchTitle: string;
  /** The field the search title comes from. */
  titleField: 'title' | 'seoTitle';
  description: string;
  keywords: string[];
  /** File lines of the fields cross-post findings point at. */
  lines: { title: number; description: number; keywords: number; body: number };
  links: InternalLink[];
}

/** What rules across posts see: every post's facts and the redirects the build publishes. */
export interface AuditContext {
  posts: readonly PostFacts[];
  redirects: readonly RedirectRule[];
}

/** A finding of a rule across posts: it names its post. */
export interface CrossFinding extends RawFinding {
  file: string;
}

/** "a.md, b.md and 3 more": others named in a message, a few at most. */
export function nameSome(files: readonly string[], most = 3): string {
  const shown = files.slice(0, most).join(', ');
  return files.length > most ? `${shown} and ${files.length - most} more` : shown;
}
