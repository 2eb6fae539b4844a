/** SEO rules for title and description lengths. */
import type { AuditPost, RawFinding, RuleInfo } from './types.ts';

/** Lengths search engines show whole (Google's snippets, in characters). */
export const TITLE_LENGTH = { min: 30, max: 60 };
export const DESCRIPTION_LENGTH = { min: 70, max: 160 };

export const lengthRules = {
  'title-length': {
    severity: 'warning',
    fix: 'make the search title 30-60 characters: shorten the title, or set a shorter seoTitle',
  },
  'description-length': {
    severity: 'warning',
    fix: 'write a description of 70-160 characters that says what the reader gets',
  },
} satisfies Record<string, RuleInfo>;

function lengthFinding(rule: string, what: string, text: string, limits: { min: number; max: number }, line: number): RawFinding[] {
  const length = [...text].length;
  if (length < limits.min)
    return [{ line, rule, message: `${what} is ${length} characters, under ${limits.min}; search results have room for more` }];
  if (length > limits.max)
    return [{ line, rule, message: `${what} is ${length} characters, over ${limits.max}; search results cut it off` }];
  return [];
}

/** The title search results show (seoTitle when set) and the description, against the lengths they get. */
export function checkLengths(post: AuditPost): RawFinding[] {
  const { seoTitle, title, description } = post.data;
  const titleField = seoTitle ? 'seoTitle' : 'title';
  return [
    ...lengthFinding('title-length', `the ${titleField}`, seoTitle ?? title, TITLE_LENGTH, post.fieldLine(titleField)),
    ...lengthFinding('description-length', 'the description', description, DESCRIPTION_LENGTH, post.fieldLine('description')),
  ];
}
