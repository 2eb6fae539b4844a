import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditResult } from '#tools/seo/audit/run.ts';
import { RULES } from '#tools/seo/audit/rules.ts';
import { auditFixture } from '../helpers/seo-fixture.ts';

/**
 * The SEO audit over tests/fixtures/seo/: every rule is seeded once (the
 * cross-post ones in each post of a pair), each found at its file and line,
 * and the clean posts report nothing.
 */
const SEEDED: Array<[string, string, RegExp]> = [
  ['dup-a.md:2', 'duplicate-title', /is also the title of blog\/dup-b\.md$/],
  ['dup-a.md:2', 'near-duplicate-title', /nearly the same as the title of blog\/near-c\.md$/],
  ['dup-a.md:3', 'duplicate-description', /also the description of blog\/dup-b\.md$/],
  ['dup-a.md:5', 'duplicate-keyword', /"green tea brewing" is also the primary keyword of blog\/dup-b\.md$/],
  ['dup-b.md:2', 'duplicate-title', /is also the title of blog\/dup-a\.md$/],
  ['dup-b.md:2', 'near-duplicate-title', /nearly the same as the title of blog\/near-c\.md$/],
  ['dup-b.md:3', 'duplicate-description', /also the description of blog\/dup-a\.md$/],
  ['dup-b.md:5', 'duplicate-keyword', /also the primary keyword of blog\/dup-a\.md$/],
  ['flawed-body.md:5', 'keyword-stuffing', /^"cold brew" is 7 of the body's 98 words \(7\.1%, over 3%\)$/],
  ['flawed-body.md:15', 'heading-skip', /^a #### heading follows a ##, skipping a level$/],
  [
    'flawed-body.md:17',
    'link-redirect',
    /^links to "\/guides\/old-sourdough\/", an old address that redirects to "\/blog\/sourdough-starter-from-scratch\/"$/,
  ],
  ['flawed-body.md:19', 'heading-empty', /^a ## heading has no text$/],
  ['flawed-body.md:21', 'image-alt-missing', /^image "\/diagram\.webp" has no alt text$/],
  ['flawed-body.md:23', 'image-alt-filename', /\("diagram\.webp"\)$/],
  ['flawed-body.md:25', 'image-alt-long', /has 145 characters of alt text, over 125$/],
  ['flawed-body.md:29', 'faq-empty', /^the FAQ section has no questions/],
  ['flawed-fields.md:2', 'keyword-title', /^the primary keyword "kombucha brewing" is not in the title$/],
  ['flawed-fields.md:2', 'orphan', /^no other published post links to this one$/],
  ['flawed-fields.md:2', 'title-length', /^the title is 11 characters, under 30/],
  ['flawed-fields.md:3', 'description-length', /^the description is 22 characters, under 70/],
  ['flawed-fields.md:3', 'keyword-description', /"kombucha brewing" is not in the description$/],
  ['flawed-fields.md:4', 'keyword-slug', /"kombucha brewing" is not in the slug/],
  ['flawed-fields.md:4', 'slug-length', /^the slug is 67 characters, over 60$/],
  ['flawed-fields.md:4', 'slug-words', /^the slug has 15 words, over 6$/],
  ['flawed-fields.md:5', 'keywords-unused', /^1 of 3 keywords appear nowhere in the text: "unicorn saddles"$/],
  ['flawed-fields.md:8', 'reading-time', /^readingTime says 30 min, but the text reads in about 1 min/],
  ['flawed-fields.md:10', 'internal-links-out', /^the post links to no other post; 2 or more are suggested$/],
  ['flawed-fields.md:10', 'keyword-intro', /"kombucha brewing" is not in the first 100 words$/],
  ['flawed-fields.md:12', 'keyword-heading', /none of its 2 ## headings has it$/],
  ['near-c.md:2', 'near-duplicate-title', /nearly the same as the title of blog\/dup-a\.md, blog\/dup-b\.md$/],
  ['no-keywords.md:1', 'keyword-missing', /^the post has no keywords/],
  ['no-keywords.md:20', 'faq-missing', /^the post has no FAQ section$/],
  ['unreadable.md:1', 'unreadable', /^the post checker cannot read this post \(title is missing/],
];

let result: AuditResult;
beforeAll(async () => {
  result = await auditFixture();
});

describe('npm run seo rules over the seeded fixture', () => {
  it('finds every seeded problem at its file and line, and nothing else', () => {
    const found = result.findings.map((finding) => [
      `${finding.file.replace(/^blog\//, '')}:${finding.line}`,
      finding.rule,
      finding.message,
    ]);
    expect(found.map(([where, rule]) => `${where}  ${rule}`)).toEqual(SEEDED.map(([where, rule]) => `${where}  ${rule}`));
    found.forEach(([, , message], index) => expect(message).toMatch(SEEDED[index]![2]));
  });

  it('seeds every rule there is', () => {
    expect(new Set(SEEDED.map(([, rule]) => rule))).toEqual(new Set(Object.keys(RULES)));
  });

  it('gives every finding its rule’s severity and one-line fix', () => {
    for (const finding of result.findings) {
      expect(finding.severity).toBe(RULES[finding.rule]!.severity);
      expect(finding.fix).toBe(RULES[finding.rule]!.fix);
      expect(finding.fix).not.toMatch(/\n/);
    }
  });

  it('reports nothing for the clean posts, judging the title by seoTitle when it is set', () => {
    const clean = result.posts.filter((post) => post.file.startsWith('blog/clean-'));
    expect(clean.map((post) => [post.file, post.findings])).toEqual([
      ['blog/clean-espresso.md', []],
      ['blog/clean-sourdough.md', []],
    ]);
    // Its headline is 80 characters; the 48-character seoTitle is what search results show.
    expect(clean[1]!.title).toBe("Sourdough Starter From Scratch: A Baker's Notes");
    expect(clean.every((post) => post.score === 100)).toBe(true);
  });

  it('counts what the report shows: words, keywords used, FAQ questions, links out and in', () => {
    const sourdough = result.posts.find((post) => post.slug === 'sourdough-starter-from-scratch')!;
    expect(sourdough.stats).toMatchObject({ keywords: 3, keywordsUsed: 3, faqQuestions: 1, readingStated: 2, readingComputed: 2 });
    expect(sourdough.linksOut).toBe(6);
    // clean-espresso, flawed-body, dup-a, dup-b, near-c and no-keywords link to it.
    expect(sourdough.linksIn).toBe(6);
    const fields = result.posts.find((post) => post.file === 'blog/flawed-fields.md')!;
    expect(fields).toMatchObject({ linksOut: 0, linksIn: 0 });
    expect(fields.stats.keywordsUsed).toBe(2);
    expect(fields.score).toBeLessThan(sourdough.score);
  });
});
