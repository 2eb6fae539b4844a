/** SEO rules for headings: skipped levels, empty headings. */
import type { Heading } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import type { AuditPost, RawFinding, RuleInfo } from './types.ts';

export const headingRules = {
  'heading-skip': {
    severity: 'warning',
    fix: 'go down one level at a time (## then ###); screen readers and search engines read headings as an outline',
  },
  'heading-empty': { severity: 'error', fix: 'write the heading text, or remove the empty heading line' },
} satisfies Record<string, RuleInfo>;

/**
 * The outline of the body: no heading more than one level below the one
 * before it (the page's title is the `#`, so the body starts at `##`), and
 * none without text.
 */
export function checkHeadings(post: AuditPost): RawFinding[] {
  const findings: RawFinding[] = [];
  let previous = 1;
  visit(post.tree, 'heading', (heading: Heading) => {
    const line = post.bodyLine + (heading.position?.start.line ?? 1) - 1;
    const marks = '#'.repeat(heading.depth);
    if (toString(heading, { includeImageAlt: true }).trim() === '') {
      findings.push({ line, rule: 'heading-empty', message: `a ${marks} heading has no text` });
    }
    if (heading.depth > previous + 1) {
      findings.push({
        line,
        rule: 'heading-skip',
        message: `a ${marks} heading follows a ${'#'.repeat(previous)}, skipping ${heading.depth - previous - 1 === 1 ? 'a level' : `${heading.depth - previous - 1} levels`}`,
      });
    }
    previous = heading.depth;
  });
  return findings;
}
