/** Checks no single post can make: two posts with one slug, and links from one post to another (target, state, #fragment). */
import { headingIds } from '#src/lib/markdown/heading-ids.ts';
import { postSlugFromPath } from '#src/lib/urls/site-paths.ts';
import type { CheckedPost, Problem } from './problems.ts';

/** Each post whose slug another post also has, at its slug line. */
export function duplicateSlugProblems(bySlug: Map<string, CheckedPost[]>): Problem[] {
  const problems: Problem[] = [];
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
  return problems;
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

/**
 * Links between posts, checked against every post at once: the target exists,
 * is published when the linking post is, and has the heading a #fragment names.
 * Heading ids are worked out once per target, and only when a link names a fragment.
 */
export class PostLinks {
  readonly #bySlug: Map<string, CheckedPost[]>;
  readonly #bodies: Map<string, string>;
  readonly #base: string | undefined;
  readonly #ids = new Map<string, Set<string>>();

  constructor(bySlug: Map<string, CheckedPost[]>, bodies: Map<string, string>, base: string | undefined) {
    this.#bySlug = bySlug;
    this.#bodies = bodies;
    this.#base = base;
  }

  #idsOf(file: string): Set<string> {
    let ids = this.#ids.get(file);
    if (!ids) this.#ids.set(file, (ids = headingIds(this.#bodies.get(file) ?? '', { mdx: file.endsWith('.mdx') })));
    return ids;
  }

  /** What is wrong with a link from `post` written as `written`, which is `local` on this site; null when nothing is, or it is not a post. */
  problem(post: CheckedPost, written: string, local: string): string | null {
    const slug = postSlugFromPath(local, this.#base);
    if (slug === null) return null;
    const targets = this.#bySlug.get(slug);
    if (!targets) return `links to "${written}", but no post has the slug "${slug}"; fix the link or remove it`;
    if (post.published && !targets.some((t) => t.published)) {
      return `links to "${written}", which is ${targets[0]!.file}, a draft or future post; readers would get a broken link`;
    }
    const fragment = fragmentOf(local);
    const target = targets[0]!;
    if (fragment === null || this.#idsOf(target.file).has(fragment)) return null;
    const ids = this.#idsOf(target.file);
    const known = [...ids].slice(0, 5).map((id) => `#${id}`);
    const list = known.length > 0 ? ` (${known.join(', ')}${ids.size > known.length ? ', …' : ''})` : '';
    return `links to "${written}", but ${target.file} has no heading "#${fragment}"; link to one of its headings${list} or drop the fragment`;
  }
}
