/** A post's SEO score from its findings. */
import type { Finding, Severity } from './types.ts';

/** Points a finding takes off a post's 100. */
export const PENALTY: Readonly<Record<Severity, number>> = { error: 15, warning: 5, notice: 1 };

/** A post's score: 100 less the penalty of each finding, never below 0. */
export function scoreOf(findings: readonly Finding[]): number {
  return Math.max(0, 100 - findings.reduce((sum, finding) => sum + PENALTY[finding.severity], 0));
}

/** Findings counted by severity. */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, notice: 0 };
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}
