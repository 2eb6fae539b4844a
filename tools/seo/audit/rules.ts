/** Every rule of `npm run seo`, with its severity and fix. */
import { duplicateRules } from './duplicate-rules.ts';
import { faqRules } from './faq-rules.ts';
import { headingRules } from './heading-rules.ts';
import { imageRules } from './image-rules.ts';
import { keywordRules } from './keyword-rules.ts';
import { keywordUseRules } from './keyword-use.ts';
import { lengthRules } from './length-rules.ts';
import { linkRules } from './link-rules.ts';
import { readingTimeRules } from './reading-time-rule.ts';
import { slugRules } from './slug-rules.ts';
import type { RuleInfo } from './types.ts';

/** Every rule of `npm run seo`, with its severity and fix, in the order the README lists them. */
export const RULES: Readonly<Record<string, RuleInfo>> = {
  unreadable: {
    severity: 'error',
    fix: 'run `npm run check:posts` and fix what it reports; the audit reads only posts the checker can read',
  },
  ...lengthRules,
  ...slugRules,
  ...keywordRules,
  ...keywordUseRules,
  ...headingRules,
  ...faqRules,
  ...imageRules,
  ...linkRules,
  ...readingTimeRules,
  ...duplicateRules,
};
