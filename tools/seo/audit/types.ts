/** The SEO audit's findings, rules and severities. */
import type { Root } from 'mdast';
import type { PostFrontmatter } from '#src/lib/content/post-schema.ts';

/** How much a finding matters: an error fails `npm run seo -- --strict`. */
export type Severity = 'error' | 'warning' | 'notice';

/** What a rule is, once: how much it matters and what to do about it. */
export interface RuleInfo {
  severity: Severity;
  /** One line telling the editor what to change. */
  fix: string;
}

/** One thing a rule found in one post, at its line. */
export interface Finding {
  file: string;
  line: number;
  rule: string;
  severity: Severity;
  message: string;
  fix: string;
}

/** A post as the audit reads it: the checker's validated frontmatter, and its body parsed with positions. */
export interface AuditPost {
  file: string;
  slug: string;
  data: PostFrontmatter;
  published: boolean;
  /** Line of a frontmatter field, or 1 when the field is absent. */
  fieldLine: (field: string) => number;
  /** The Markdown body and the file line its first line is on. */
  body: string;
  bodyLine: number;
  /** The body's Markdown tree; positions are body lines (add bodyLine - 1 for file lines). */
  tree: Root;
  /** The body as a reader reads it: prose and headings, no code, HTML or image syntax. */
  text: string;
}

/** What a rule reports, before its severity and fix are attached. */
export interface RawFinding {
  line: number;
  rule: string;
  message: string;
}

/** A rule over one post at a time. */
export type PostRule = (post: AuditPost) => RawFinding[];
