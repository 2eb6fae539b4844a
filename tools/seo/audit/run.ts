/** `npm run seo`'s audit of a whole project: the checker's posts, every rule, the scores. */
import { SETTINGS_FILE } from '#src/lib/urls/site-paths.ts';
import { checkPosts } from '#tools/check/check-posts.ts';
import type { CheckOptions } from '#tools/check/problems.ts';
import type { AuditContext } from './context.ts';
import { checkDuplicates } from './duplicate-rules.ts';
import { checkLinks, inboundCounts, linkedSlugs } from './link-rules.ts';
import { auditEach, type AuditSpeed } from './cached-audit.ts';
import type { PostStats } from './post-audit.ts';
import { RULES } from './rules.ts';
import { countBySeverity, scoreOf } from './score.ts';
import type { Finding, RawFinding, Severity } from './types.ts';

/** One post in the report: its figures, its score and what was found in it. */
export interface PostReport {
  file: string;
  slug: string;
  title: string;
  published: boolean;
  stats: PostStats;
  linksOut: number;
  linksIn: number;
  score: number;
  counts: Record<Severity, number>;
  findings: Finding[];
}

export interface AuditResult {
  posts: PostReport[];
  /** Every finding, by file and line. */
  findings: Finding[];
  /** Posts the checker could not read (each is one `unreadable` finding). */
  unreadable: string[];
  /** Posts whose own audit came from the cache (unchanged since the last run). */
  reused: number;
}

const withRule = (file: string, raw: RawFinding): Finding => {
  const rule = RULES[raw.rule];
  if (!rule) throw new Error(`The SEO rule "${raw.rule}" is not in tools/seo/audit/rules.ts`);
  return { file, line: raw.line, rule: raw.rule, severity: rule.severity, message: raw.message, fix: rule.fix };
};

const byPlace = (a: Finding, b: Finding) => a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule);

/**
 * The SEO audit of every post (`npm run seo`): reads posts through the post
 * checker (the same files, frontmatter and schema as the build), runs each
 * post's rules on its Markdown tree and the rules across posts on what every
 * post links to and is called. Builds nothing. Each post's own audit is
 * cached; the rules across posts always run on every post's facts.
 */
export async function auditProject(options: CheckOptions, speed: AuditSpeed = {}): Promise<AuditResult> {
  const checked = await checkPosts(options);
  const site = { origins: options.site.origins ?? options.site.url, base: options.base ?? '/' };
  const { audits, reused } = await auditEach(checked.posts, options, site, speed);

  const readable = new Set(checked.posts.map((post) => post.file));
  const unreadableProblems = Map.groupBy(
    checked.problems.filter((problem) => problem.file !== SETTINGS_FILE && !readable.has(problem.file)),
    (problem) => problem.file,
  );
  const unreadable = [...unreadableProblems].map(([file, problems]) =>
    withRule(file, {
      line: problems[0]!.line,
      rule: 'unreadable',
      message: `the post checker cannot read this post (${problems[0]!.field} ${problems[0]!.message}), so it was not audited`,
    }),
  );

  const context: AuditContext = { posts: audits.map((audit) => audit.facts), redirects: checked.redirects };
  const crossFindings = [...checkLinks(context), ...checkDuplicates(context)];
  const inbound = inboundCounts(context);
  const crossByFile = Map.groupBy(crossFindings, (finding) => finding.file);
  const posts = audits.map((audit): PostReport => {
    const { facts } = audit;
    const findings = [
      ...audit.findings.map((raw) => withRule(facts.file, raw)),
      ...(crossByFile.get(facts.file) ?? []).map((raw) => withRule(facts.file, raw)),
    ].sort(byPlace);
    return {
      file: facts.file,
      slug: facts.slug,
      title: facts.searchTitle,
      published: facts.published,
      stats: audit.stats,
      linksOut: linkedSlugs(facts).size,
      linksIn: inbound.get(facts.slug) ?? 0,
      score: scoreOf(findings),
      counts: countBySeverity(findings),
      findings,
    };
  });
  return {
    posts,
    findings: [...posts.flatMap((post) => post.findings), ...unreadable].sort(byPlace),
    unreadable: unreadable.map((finding) => finding.file),
    reused,
  };
}
