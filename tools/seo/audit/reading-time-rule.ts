/** SEO rule: the stated reading time against the computed one. */
import { computeReadingMinutes } from '#src/lib/content/reading-time.ts';
import type { AuditPost, RawFinding, RuleInfo } from './types.ts';

/** How far the stated reading time may be from the computed one, as a share of the computed one. */
export const READING_TIME_TOLERANCE = 0.3;

export const readingTimeRules = {
  'reading-time': {
    severity: 'warning',
    fix: 'correct readingTime, or remove it to have it computed from the text',
  },
} satisfies Record<string, RuleInfo>;

/** The `readingTime` an editor wrote against the one the page would compute from the body (200 words a minute). */
export function checkReadingTime(post: AuditPost): RawFinding[] {
  const stated = post.data.readingTime;
  if (stated === undefined) return [];
  const computed = computeReadingMinutes(post.body);
  if (Math.abs(stated - computed) / computed <= READING_TIME_TOLERANCE) return [];
  return [
    {
      line: post.fieldLine('readingTime'),
      rule: 'reading-time',
      message: `readingTime says ${stated} min, but the text reads in about ${computed} min (more than 30% apart)`,
    },
  ];
}
