/**
 * Old URLs that must keep working (PRODUCT.md, "Old URLs"): a post's
 * `redirectFrom` and the `redirects` map in site settings become one list of
 * one-hop rules, checked before anything is built.
 */

/** Where a redirect was declared, for messages: a post's field, or a settings entry. */
export interface RedirectOrigin {
  file: string;
  line: number;
  field: string;
}

/** One old address and where it should now lead, as declared. */
export interface RedirectSource {
  /** A site path without the base path: "/old-slug/", "/2019/05/old.html". */
  from: string;
  /** A site path without the base path, or an absolute URL (another site). */
  to: string;
  /** What the target is called on the redirect page's link (the post's title). */
  title: string;
  origin: RedirectOrigin;
}

/** A redirect as published: one hop, straight to the final address. */
export interface RedirectRule {
  from: string;
  to: string;
  title: string;
  /** Where its old address was declared. */
  origin: RedirectOrigin;
}

export interface RedirectProblem extends RedirectOrigin {
  message: string;
}

/**
 * The identity of a site path for matching: hosts serve "/old" and "/old/" as
 * one address, and a query or fragment is never part of a redirect's source.
 */
export function pathKey(sitePath: string): string {
  const bare = sitePath.split(/[?#]/)[0]!;
  let decoded = bare;
  try {
    decoded = decodeURI(bare);
  } catch {
    // A malformed escape stays as written.
  }
  return decoded.length > 1 ? decoded.replace(/\/+$/, '') : decoded;
}

/** A redirect target on another site ("https://…"), which is published as written. */
export const isWebAddress = (to: string) => /^https?:\/\//i.test(to);

const describe = (origin: RedirectOrigin) => `${origin.file}:${origin.line} (${origin.field})`;

/**
 * Turns declared redirects into published rules. An old address that is also
 * a live page, or that two redirects claim, is a problem naming both; chains
 * (a -> b, b -> c) are collapsed so every rule is one hop (a -> c); a loop is
 * a problem. `live` maps the key of every page the site will have to a
 * description of it ("the post src/content/blog/x.md").
 */
export function planRedirects(
  sources: readonly RedirectSource[],
  live: ReadonlyMap<string, string>,
): { rules: RedirectRule[]; problems: RedirectProblem[] } {
  const problems: RedirectProblem[] = [];
  const bySource = new Map<string, RedirectSource>();
  for (const source of sources) {
    const key = pathKey(source.from);
    const page = live.get(key);
    if (page !== undefined) {
      problems.push({
        ...source.origin,
        message: `"${source.from}" is the address of ${page}, a live page, so it cannot also redirect; remove it from the redirects, or move that page`,
      });
      continue;
    }
    if (!isWebAddress(source.to) && pathKey(source.to) === key) {
      problems.push({ ...source.origin, message: `"${source.from}" redirects to itself; remove it` });
      continue;
    }
    const earlier = bySource.get(key);
    if (earlier) {
      if (pathKey(earlier.to) === pathKey(source.to)) continue; // the same redirect said twice
      problems.push({
        ...source.origin,
        message: `"${source.from}" is also redirected by ${describe(earlier.origin)} to "${earlier.to}"; an old address can lead to one place only, keep one`,
      });
      continue;
    }
    bySource.set(key, source);
  }

  const rules: RedirectRule[] = [];
  for (const source of bySource.values()) {
    let target = source;
    const seen = new Set([pathKey(source.from)]);
    let loop = false;
    for (;;) {
      const next = isWebAddress(target.to) ? undefined : bySource.get(pathKey(target.to));
      if (!next) break;
      if (seen.has(pathKey(next.from))) {
        loop = true;
        break;
      }
      seen.add(pathKey(next.from));
      target = next;
    }
    if (loop) {
      problems.push({
        ...source.origin,
        message: `"${source.from}" is part of a redirect loop (${[...seen].join(' -> ')}); point one of them at a live page`,
      });
      continue;
    }
    rules.push({ from: source.from, to: target.to, title: target.title, origin: source.origin });
  }
  rules.sort((a, b) => a.from.localeCompare(b.from));
  return { rules, problems };
}
