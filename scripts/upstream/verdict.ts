/**
 * The one verdict `npm run upstream` ends with: safe to upgrade, or each kind
 * of failure counted and named, then what to do about each kind (the same
 * advice as README's "Following Astro"). Pure: it only words the findings.
 */
import { pageAddress, type PageDifference } from './compare-dist.ts';

export type TestOutcome =
  | { kind: 'skipped' }
  | { kind: 'passed'; total: number }
  | { kind: 'failed'; failed: string[]; total: number }
  | { kind: 'error'; reason: string };

export interface Findings {
  /** `Astro 7.5.0`, or `Astro 7.4.8 with @astrojs/mdx 8.2.0` when only the others moved. */
  label: string;
  /** The command that upgrades the project, or null when the versions tried are the installed ones. */
  install: string | null;
  installFailed?: string;
  /** Broken assumptions in the new Astro, `Workaround: what differs`, each marked when the pinned Astro breaks it too. */
  assumptions: { problem: string; pinnedToo: boolean }[];
  buildFailed?: string;
  pages: PageDifference[];
  /** Workarounds the new build switched off that the pinned build kept. */
  switchedOff: string[];
  tests: TestOutcome;
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
const some = (items: string[], most = 3) => `${items.slice(0, most).join(', ')}${items.length > most ? `, …` : ''}`;
const workaroundOf = (problem: string) => problem.slice(0, Math.max(0, problem.indexOf(': '))) || problem;

export const ADVICE = {
  install:
    "npm could not install these versions together, usually because a package's peer range does not accept the new Astro yet: read npm's ERESOLVE lines above, then wait for that package's release or try the others alone with --versions.",
  assumptions:
    'For each workaround named, integrations/astro-internals/README.md says what it works around and how to port it to the new code, or to drop it when the new Astro no longer needs it.',
  build:
    'The new versions do not build the site: `npm run upstream -- --keep` keeps the copy, where `npm run build` shows the whole error; fix our code or report it upstream.',
  pages:
    'Read the differences above (`--keep` keeps both builds, pinned/dist and newest/dist, to diff): a change Astro announces in its changelog may be accepted; anything else is a regression to fix or report upstream.',
  switchedOff:
    'A workaround switched itself off, so the site builds without it (slower, not wrong): port it as integrations/astro-internals/README.md says, or drop it if it no longer pays; if no assumption broke, add the one that would have seen this.',
  tests:
    'Run the failing files in the kept copy (`--keep`, then `npx vitest run <file>` there): fix our code where Astro changed on purpose, otherwise report it upstream with the smallest example.',
} as const;

/** The lines before the verdict: every finding in full. */
export function detailLines(findings: Findings): string[] {
  const lines: string[] = [];
  if (findings.installFailed) lines.push(`npm install failed: ${findings.installFailed}`);
  for (const { problem, pinnedToo } of findings.assumptions)
    lines.push(`assumption broken: ${problem}${pinnedToo ? ' (broken on the pinned Astro too)' : ''}`);
  if (findings.buildFailed) lines.push(`build failed: ${findings.buildFailed}`);
  for (const { page, problems } of findings.pages.slice(0, 20))
    for (const problem of problems) lines.push(`page differs: ${pageAddress(page)}  ${problem}`);
  if (findings.pages.length > 20) lines.push(`page differs: … and ${findings.pages.length - 20} more pages`);
  for (const line of findings.switchedOff) lines.push(`workaround switched off: ${line}`);
  if (findings.tests.kind === 'failed') for (const name of findings.tests.failed.slice(0, 20)) lines.push(`site test failed: ${name}`);
  if (findings.tests.kind === 'error') lines.push(`site tests did not run: ${findings.tests.reason}`);
  return lines;
}

/** The verdict line, the advice for each kind of failure, and whether it is safe. */
export function verdict(findings: Findings): { lines: string[]; safe: boolean } {
  const failures: string[] = [];
  const advice: string[] = [];
  if (findings.installFailed) {
    failures.push(`could not be installed (${findings.installFailed})`);
    advice.push(ADVICE.install);
  }
  if (findings.assumptions.length > 0) {
    const names = [...new Set(findings.assumptions.map(({ problem }) => workaroundOf(problem)))];
    const already = findings.assumptions.filter(({ pinnedToo }) => pinnedToo).length;
    failures.push(
      `${plural(findings.assumptions.length, 'assumption')} broken (${some(names, names.length)}${already > 0 ? `; ${already} already on the pinned Astro` : ''})`,
    );
    advice.push(ADVICE.assumptions);
  }
  if (findings.buildFailed) {
    failures.push(`the build failed (${findings.buildFailed})`);
    advice.push(ADVICE.build);
  }
  if (findings.pages.length > 0) {
    failures.push(`${plural(findings.pages.length, 'page')} differ (${some(findings.pages.map(({ page }) => pageAddress(page)))})`);
    advice.push(ADVICE.pages);
  }
  if (findings.switchedOff.length > 0) {
    failures.push(`${plural(findings.switchedOff.length, 'workaround')} switched off (${some(findings.switchedOff)})`);
    if (findings.assumptions.length === 0) advice.push(ADVICE.switchedOff);
  }
  if (findings.tests.kind === 'failed') {
    failures.push(`site tests failed (${findings.tests.failed.length} of ${findings.tests.total}: ${some(findings.tests.failed, 2)})`);
    advice.push(ADVICE.tests);
  }
  if (findings.tests.kind === 'error') {
    failures.push(`site tests did not run (${findings.tests.reason})`);
    advice.push(ADVICE.tests);
  }
  if (failures.length > 0)
    return { safe: false, lines: [`✗ ${findings.label}: ${failures.join(', ')}`, ...advice.map((text) => `  → ${text}`)] };
  const how = findings.install ?? 'the installed versions: nothing to install';
  const untested = findings.tests.kind === 'skipped' ? '; site tests not run (--no-tests)' : '';
  return { safe: true, lines: [`✓ ${findings.label}: safe to upgrade (${how})${untested}`] };
}
