/** SEO rules for links: links out, links in (orphans), links through a redirect. */
import { isWebAddress, pathKey } from '#src/lib/urls/redirects.ts';
import type { AuditContext, CrossFinding, PostFacts } from './context.ts';
import type { RuleInfo } from './types.ts';

/** Links to other posts a post should have, for readers and for crawlers finding the rest of the site. */
export const LINKS_OUT_SUGGESTED = 2;

export const linkRules = {
  'internal-links-out': {
    severity: 'notice',
    fix: `link to at least ${LINKS_OUT_SUGGESTED} related posts, e.g. [Related: Title](/blog/other-slug/)`,
  },
  orphan: {
    severity: 'warning',
    fix: 'link to this post from a related published post, so readers and crawlers can reach it',
  },
  'link-redirect': {
    severity: 'warning',
    fix: 'link straight to the final address; every redirect costs the reader a round trip',
  },
} satisfies Record<string, RuleInfo>;

/** The other posts each post links to, by slug. */
export function linkedSlugs(post: PostFacts): Set<string> {
  const slugs = new Set<string>();
  for (const link of post.links) if (link.slug !== null && link.slug !== post.slug) slugs.add(link.slug);
  return slugs;
}

/** How many other published posts link to each slug. */
export function inboundCounts(context: AuditContext): Map<string, number> {
  const counts = new Map<string, number>();
  for (const post of context.posts) {
    // A draft's links are not on the site yet.
    if (!post.published) continue;
    for (const slug of linkedSlugs(post)) counts.set(slug, (counts.get(slug) ?? 0) + 1);
  }
  return counts;
}

/** Links out (a few suggested), links in (none: an orphan), and links through a redirect. */
export function checkLinks(context: AuditContext): CrossFinding[] {
  const findings: CrossFinding[] = [];
  const inbound = inboundCounts(context);
  const redirects = new Map(context.redirects.map((rule) => [pathKey(rule.from), rule]));
  for (const post of context.posts) {
    const file = post.file;
    const out = linkedSlugs(post).size;
    if (out < LINKS_OUT_SUGGESTED) {
      findings.push({
        file,
        line: post.lines.body,
        rule: 'internal-links-out',
        message: `the post links to ${out === 0 ? 'no other post' : `${out} other post`}; ${LINKS_OUT_SUGGESTED} or more are suggested`,
      });
    }
    if ((inbound.get(post.slug) ?? 0) === 0) {
      findings.push({ file, line: post.lines.title, rule: 'orphan', message: 'no other published post links to this one' });
    }
    for (const link of post.links) {
      const rule = redirects.get(pathKey(link.path));
      if (!rule) continue;
      const target = isWebAddress(rule.to) ? 'another site' : `"${rule.to}"`;
      findings.push({
        file,
        line: link.line,
        rule: 'link-redirect',
        message: `links to "${link.path}", an old address that redirects to ${target}`,
      });
    }
  }
  return findings;
}
