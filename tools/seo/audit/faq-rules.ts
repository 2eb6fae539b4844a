/** SEO rules for the FAQ section: found, and how many questions. */
import type { Heading } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { extractFaq } from '#src/lib/seo/faq.ts';
import { isFaqHeading } from '#src/lib/seo/faq-text.ts';
import type { AuditPost, RawFinding, RuleInfo } from './types.ts';

export const faqRules = {
  'faq-missing': {
    severity: 'notice',
    fix: 'end with "## Frequently Asked Questions" and a ### heading per question, for the FAQ rich result',
  },
  'faq-empty': {
    severity: 'warning',
    fix: 'write each question as a ### heading ending in "?" (or a bold line) with its answer below it',
  },
} satisfies Record<string, RuleInfo>;

type FaqSummary = { line: number; questions: number } | null;
/** Once per post: the report's table and the FAQ rule both ask, and each answer parses the FAQ section. */
const summaries = new WeakMap<AuditPost, FaqSummary>();

/** The FAQ section as the page's FAQPage JSON-LD reads it: where its heading is and how many questions it has. */
export function faqSummary(post: AuditPost): FaqSummary {
  if (!summaries.has(post)) summaries.set(post, findFaq(post));
  return summaries.get(post)!;
}

function findFaq(post: AuditPost): FaqSummary {
  const heading = post.tree.children.find((node): node is Heading => node.type === 'heading' && isFaqHeading(toString(node)));
  if (!heading) return null;
  return { line: post.bodyLine + (heading.position?.start.line ?? 1) - 1, questions: extractFaq(post.body).length };
}

/** An FAQ section for rich results, unless the post turned them off with `faq: false`. */
export function checkFaq(post: AuditPost): RawFinding[] {
  if (!post.data.faq) return [];
  const faq = faqSummary(post);
  // Pointed out at the body's last line, where the section would go.
  const end = post.bodyLine + (post.tree.position?.end.line ?? 1) - 1;
  if (!faq) return [{ line: end, rule: 'faq-missing', message: 'the post has no FAQ section' }];
  if (faq.questions === 0)
    return [{ line: faq.line, rule: 'faq-empty', message: 'the FAQ section has no questions the FAQ rich result can read' }];
  return [];
}
