/** SEO rules for slugs: length and number of words. */
import type { AuditPost, RawFinding, RuleInfo } from './types.ts';

export const SLUG_LIMITS = { characters: 60, words: 6 };

export const slugRules = {
  'slug-length': {
    severity: 'warning',
    fix: 'shorten the slug to the few words a reader would search for (list the old URL in redirectFrom if it was published)',
  },
  'slug-words': {
    severity: 'warning',
    fix: 'keep 2-6 words in the slug: drop filler such as "the", "and", "how-to"',
  },
} satisfies Record<string, RuleInfo>;

/** A URL that says what the page is about in a few words: not too long, not too many words. */
export function checkSlug(post: AuditPost): RawFinding[] {
  const { slug } = post;
  const line = post.fieldLine('slug');
  const source = post.data.slug ? 'the slug' : 'the slug (from the file name)';
  const findings: RawFinding[] = [];
  const length = [...slug].length;
  if (length > SLUG_LIMITS.characters)
    findings.push({ line, rule: 'slug-length', message: `${source} is ${length} characters, over ${SLUG_LIMITS.characters}` });
  const words = slug.split('-').filter(Boolean).length;
  if (words > SLUG_LIMITS.words)
    findings.push({ line, rule: 'slug-words', message: `${source} has ${words} words, over ${SLUG_LIMITS.words}` });
  return findings;
}
