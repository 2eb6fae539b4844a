/** SEO rules for keyword use: stuffing, and keywords that appear nowhere. */
import { countWords } from '#src/lib/content/reading-time.ts';
import { mentions, normalise, occurrences } from './text.ts';
import type { AuditPost, RawFinding, RuleInfo } from './types.ts';

/** A keyword taking more than this share of a post's words reads as stuffing. */
export const STUFFING_SHARE = 0.03;

export const keywordUseRules = {
  'keyword-stuffing': {
    severity: 'warning',
    fix: 'use the phrase less often: vary the wording, or say "it"; search engines demote stuffed pages',
  },
  'keywords-unused': {
    severity: 'notice',
    fix: 'use each keyword in the text where it fits, or drop the keywords the post is not about',
  },
} satisfies Record<string, RuleInfo>;

/** The post's searchable text in compared form: title, description and body. */
const searchableText = (post: AuditPost) =>
  normalise(`${post.data.seoTitle ?? ''} ${post.data.title} ${post.data.description} ${post.text}`);

/** Once per post: the report's table and the rule both ask, and each answer searches the whole text for every keyword. */
const unusedOf = new WeakMap<AuditPost, string[]>();

/** The keywords the post's text never mentions. */
export function unusedKeywords(post: AuditPost): string[] {
  let unused = unusedOf.get(post);
  if (!unused) {
    const text = searchableText(post);
    unused = post.data.keywords.filter((keyword) => !mentions(text, keyword));
    unusedOf.set(post, unused);
  }
  return unused;
}

/** Stuffed keywords (over 3% of words), and the keywords that appear nowhere. */
export function checkKeywordUse(post: AuditPost): RawFinding[] {
  const line = post.fieldLine('keywords');
  const findings: RawFinding[] = [];
  const words = countWords(post.body);
  const body = normalise(post.text);
  for (const keyword of new Set(post.data.keywords)) {
    const count = occurrences(body, keyword);
    if (words > 0 && count / words > STUFFING_SHARE) {
      const share = ((count / words) * 100).toFixed(1);
      findings.push({
        line,
        rule: 'keyword-stuffing',
        message: `"${keyword}" is ${count} of the body's ${words} words (${share}%, over 3%)`,
      });
    }
  }
  const unused = unusedKeywords(post);
  if (unused.length > 0) {
    const list = unused.map((keyword) => `"${keyword}"`).join(', ');
    findings.push({
      line,
      rule: 'keywords-unused',
      message: `${unused.length} of ${post.data.keywords.length} keywords appear nowhere in the text: ${list}`,
    });
  }
  return findings;
}
