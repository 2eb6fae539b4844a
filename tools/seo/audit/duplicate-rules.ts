/** SEO rules across posts: duplicate and near-duplicate titles and descriptions, shared primary keywords. */
import { distance } from 'fastest-levenshtein';
import { normalise } from './text.ts';
import { nameSome, type AuditContext, type CrossFinding, type PostFacts } from './context.ts';
import type { RuleInfo } from './types.ts';

/** Titles this alike (1 - edit distance / length) read as the same result on a search page. */
export const NEAR_DUPLICATE_SIMILARITY = 0.85;

export const duplicateRules = {
  'duplicate-title': { severity: 'error', fix: 'give each post its own title (or seoTitle), saying what sets it apart' },
  'duplicate-description': { severity: 'error', fix: 'write a description for this post alone; search results show it under the title' },
  'near-duplicate-title': {
    severity: 'warning',
    fix: 'make the titles differ in what the posts are about, not in a word or two',
  },
  'duplicate-keyword': {
    severity: 'warning',
    fix: 'give each post its own primary keyword (first in keywords), or merge the posts; they compete for one search',
  },
} satisfies Record<string, RuleInfo>;

/** A title as compared: lower case, punctuation and spacing ignored. */
const titleKey = (post: PostFacts) => normalise(post.searchTitle.replace(/[^\p{L}\p{N}\s]+/gu, ' ')).replace(/\s+/g, ' ');

/** Posts sharing one value, each told the others. */
function sameValue(
  context: AuditContext,
  valueOf: (post: PostFacts) => string | undefined,
  report: (post: PostFacts, value: string, others: string) => Omit<CrossFinding, 'file'>,
): CrossFinding[] {
  const groups = Map.groupBy(
    context.posts.filter((post) => valueOf(post)),
    (post) => valueOf(post)!,
  );
  const findings: CrossFinding[] = [];
  for (const [value, posts] of groups) {
    if (posts.length < 2) continue;
    for (const post of posts) {
      const others = nameSome(posts.filter((other) => other !== post).map((other) => other.file));
      findings.push({ file: post.file, ...report(post, value, others) });
    }
  }
  return findings;
}

/** How many of each UTF-16 unit a title has (the units the edit distance counts). */
function characterCounts(key: string): Map<number, number> {
  const counts = new Map<number, number>();
  for (let index = 0; index < key.length; index += 1) {
    const unit = key.charCodeAt(index);
    counts.set(unit, (counts.get(unit) ?? 0) + 1);
  }
  return counts;
}

/**
 * A lower bound of the edit distance, from character counts alone: each edit
 * adds, removes or swaps one character, so it changes the surplus of one
 * title over the other by at most one. Most pairs of 1,000 titles are ruled
 * out by it at a fraction of the distance's cost.
 */
function fewestEdits(a: Map<number, number>, b: Map<number, number>): number {
  let surplusA = 0;
  let surplusB = 0;
  for (const [char, count] of a) surplusA += Math.max(0, count - (b.get(char) ?? 0));
  for (const [char, count] of b) surplusB += Math.max(0, count - (a.get(char) ?? 0));
  return Math.max(surplusA, surplusB);
}

/** Pairs of different titles within a few edits of each other. */
function nearDuplicates(context: AuditContext): CrossFinding[] {
  const keyed = context.posts.map((post) => {
    const key = titleKey(post);
    return { post, key, counts: characterCounts(key) };
  });
  const near = new Map<PostFacts, string[]>();
  for (let i = 0; i < keyed.length; i += 1) {
    const a = keyed[i]!;
    for (let j = i + 1; j < keyed.length; j += 1) {
      const b = keyed[j]!;
      if (a.key === b.key) continue; // the same title: duplicate-title says so
      const longest = Math.max(a.key.length, b.key.length);
      // Titles whose lengths differ this much cannot be close enough; skip the edit distance.
      if (Math.abs(a.key.length - b.key.length) > longest * (1 - NEAR_DUPLICATE_SIMILARITY)) continue;
      if (1 - fewestEdits(a.counts, b.counts) / longest < NEAR_DUPLICATE_SIMILARITY) continue;
      if (1 - distance(a.key, b.key) / longest < NEAR_DUPLICATE_SIMILARITY) continue;
      near.set(a.post, [...(near.get(a.post) ?? []), b.post.file]);
      near.set(b.post, [...(near.get(b.post) ?? []), a.post.file]);
    }
  }
  return [...near].map(([post, others]) => ({
    file: post.file,
    line: post.lines.title,
    rule: 'near-duplicate-title',
    message: `the title "${post.searchTitle}" is nearly the same as the title of ${nameSome(others)}`,
  }));
}

/** Titles, descriptions and primary keywords that several posts share, and titles nearly alike. */
export function checkDuplicates(context: AuditContext): CrossFinding[] {
  return [
    ...sameValue(context, titleKey, (post, _, others) => ({
      line: post.lines.title,
      rule: 'duplicate-title',
      message: `the title "${post.searchTitle}" is also the title of ${others}`,
    })),
    ...sameValue(
      context,
      (post) => normalise(post.description),
      (post, _, others) => ({
        line: post.lines.description,
        rule: 'duplicate-description',
        message: `the description is also the description of ${others}`,
      }),
    ),
    ...nearDuplicates(context),
    ...sameValue(
      context,
      (post) => (post.keywords[0] === undefined ? undefined : normalise(post.keywords[0])),
      (post, value, others) => ({
        line: post.lines.keywords,
        rule: 'duplicate-keyword',
        message: `the primary keyword "${value}" is also the primary keyword of ${others}`,
      }),
    ),
  ];
}
