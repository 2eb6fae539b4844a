/** SEO rules for the primary keyword: in the title, description, slug, intro and a `##`. */
import type { Heading } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { slugify } from '#src/lib/content/slug.ts';
import { firstWords, mentions, normalise } from './text.ts';
import type { AuditPost, RawFinding, RuleInfo } from './types.ts';

/** How far into the body the primary keyword should appear. */
export const INTRO_WORDS = 100;

export const keywordRules = {
  'keyword-missing': {
    severity: 'warning',
    fix: 'add keywords: [primary keyword, …], the phrase readers search for first',
  },
  'keyword-title': { severity: 'warning', fix: 'put the primary keyword in the title (or the seoTitle)' },
  'keyword-description': { severity: 'warning', fix: 'use the primary keyword in the description' },
  'keyword-slug': {
    severity: 'warning',
    fix: 'use the primary keyword in the slug (before the post is published; after, list the old URL in redirectFrom)',
  },
  'keyword-intro': { severity: 'warning', fix: `use the primary keyword in the first ${INTRO_WORDS} words` },
  'keyword-heading': { severity: 'warning', fix: 'use the primary keyword in at least one ## heading' },
} satisfies Record<string, RuleInfo>;

/** The post's first keyword: the search it is written for. */
export const primaryKeyword = (post: AuditPost): string | undefined => post.data.keywords[0];

/** Where the primary keyword should be: title, description, slug, the opening, a `##` heading. */
export function checkKeywordPlacement(post: AuditPost): RawFinding[] {
  const keyword = primaryKeyword(post);
  const keywordsLine = post.fieldLine('keywords');
  if (keyword === undefined)
    return [{ line: keywordsLine, rule: 'keyword-missing', message: 'the post has no keywords, so nothing says what search it is for' }];
  const quoted = `the primary keyword "${keyword}"`;
  const findings: RawFinding[] = [];
  const titleField = post.data.seoTitle ? 'seoTitle' : 'title';
  if (!mentions(normalise(post.data.seoTitle ?? post.data.title), keyword))
    findings.push({ line: post.fieldLine(titleField), rule: 'keyword-title', message: `${quoted} is not in the ${titleField}` });
  if (!mentions(normalise(post.data.description), keyword))
    findings.push({ line: post.fieldLine('description'), rule: 'keyword-description', message: `${quoted} is not in the description` });
  const keywordSlug = slugify(keyword);
  if (keywordSlug && !`-${post.slug}-`.includes(`-${keywordSlug}-`) && !mentions(normalise(post.slug), keyword))
    findings.push({ line: post.fieldLine('slug'), rule: 'keyword-slug', message: `${quoted} is not in the slug "${post.slug}"` });
  if (!mentions(normalise(firstWords(post.text, INTRO_WORDS)), keyword))
    findings.push({ line: post.bodyLine, rule: 'keyword-intro', message: `${quoted} is not in the first ${INTRO_WORDS} words` });
  const sections = post.tree.children.filter((node): node is Heading => node.type === 'heading' && node.depth === 2);
  if (!sections.some((heading) => mentions(normalise(toString(heading)), keyword))) {
    const line = sections[0]?.position ? post.bodyLine + sections[0].position.start.line - 1 : post.bodyLine;
    const where = sections.length === 0 ? 'the post has no ## heading' : `none of its ${sections.length} ## headings has it`;
    findings.push({ line, rule: 'keyword-heading', message: `${quoted} is in no ## heading: ${where}` });
  }
  return findings;
}
