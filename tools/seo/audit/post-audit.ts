/** One post's SEO audit: every one-post rule, its figures and findings. */
import { computeReadingMinutes, countWords } from '#src/lib/content/reading-time.ts';
import type { CheckedPost } from '#tools/check/problems.ts';
import type { PostFacts } from './context.ts';
import { checkFaq, faqSummary } from './faq-rules.ts';
import { checkHeadings } from './heading-rules.ts';
import { checkImages } from './image-rules.ts';
import { checkKeywordPlacement } from './keyword-rules.ts';
import { checkKeywordUse, unusedKeywords } from './keyword-use.ts';
import { checkLengths } from './length-rules.ts';
import { internalLinks, type SiteAddress } from './links.ts';
import { checkReadingTime } from './reading-time-rule.ts';
import { checkSlug } from './slug-rules.ts';
import { readAuditPost } from './source.ts';
import type { AuditPost, PostRule, RawFinding } from './types.ts';

/** The rules that need one post only. */
const POST_RULES: readonly PostRule[] = [
  checkLengths,
  checkSlug,
  checkKeywordPlacement,
  checkKeywordUse,
  checkHeadings,
  checkFaq,
  checkImages,
  checkReadingTime,
];

/** Figures of one post for the report's table and charts. */
export interface PostStats {
  words: number;
  keywords: number;
  keywordsUsed: number;
  /** null: no FAQ section. */
  faqQuestions: number | null;
  readingStated: number | null;
  readingComputed: number;
  /** ISO date. */
  pubDate: string;
  draft: boolean;
}

export interface PostAudit {
  facts: PostFacts;
  stats: PostStats;
  findings: RawFinding[];
}

/** What the rules across posts and the report need from one post. */
function factsOf(post: AuditPost, site: SiteAddress): PostFacts {
  const titleField = post.data.seoTitle ? 'seoTitle' : 'title';
  return {
    file: post.file,
    slug: post.slug,
    published: post.published,
    searchTitle: post.data.seoTitle ?? post.data.title,
    titleField,
    description: post.data.description,
    keywords: post.data.keywords,
    lines: {
      title: post.fieldLine(titleField),
      description: post.fieldLine('description'),
      keywords: post.fieldLine('keywords'),
      body: post.bodyLine,
    },
    links: internalLinks(post, site),
  };
}

/** Reads one post and runs every single-post rule over it. */
export function auditPost(checked: CheckedPost, root: string, site: SiteAddress): PostAudit {
  const post = readAuditPost(checked, root);
  const stats: PostStats = {
    words: countWords(post.body),
    keywords: post.data.keywords.length,
    keywordsUsed: post.data.keywords.length - unusedKeywords(post).length,
    faqQuestions: faqSummary(post)?.questions ?? null,
    readingStated: post.data.readingTime ?? null,
    readingComputed: computeReadingMinutes(post.body),
    pubDate: post.data.pubDate.toISOString(),
    draft: post.data.draft,
  };
  return { facts: factsOf(post, site), stats, findings: POST_RULES.flatMap((rule) => rule(post)) };
}
