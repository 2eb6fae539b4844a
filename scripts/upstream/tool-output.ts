/**
 * Reading what the tools `npm run upstream` runs print: the assumptions
 * verify.ts reports broken, the workarounds a build says it switched off,
 * the one line that says why a build or an install failed, and Vitest's JSON
 * report. Pure, so each form is tested with the text the tools really print.
 */
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import type { TestOutcome } from './verdict.ts';

const lines = (output: string) =>
  stripVTControlCharacters(output)
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/**
 * The broken assumptions in `node integrations/astro-internals/verify.ts`'s
 * output (`Workaround: what differs`, one a line), without its summary line.
 */
export function brokenFromVerify(output: string): string[] {
  return lines(output).filter((line) => !/^[✓✗]/.test(line));
}

/**
 * What a build says it switched off: the text after "Astro's internals have
 * changed:" on each line (scripts/build.ts prints one for the patches it
 * skipped, a workaround's own warning another), without the pointer to the
 * README, each once.
 */
export function switchedOffFromBuild(output: string): string[] {
  const found = new Set<string>();
  for (const line of lines(output)) {
    const match = /Astro's internals have changed: (.+?)(?:;\s*see integrations\/astro-internals\/README\.md)?\)?$/.exec(line);
    if (match) found.add(match[1]!.trim());
  }
  return [...found];
}

/** A line cut to `most` characters, escaped line breaks and runs of spaces collapsed (a message quoting JSON). */
export function oneLine(text: string, most = 240): string {
  const flat = text.replace(/(?:\\n|\s)+/g, ' ').trim();
  return flat.length > most ? `${flat.slice(0, most - 1)}…` : flat;
}

/** The line of a failed build that says why: its `✗` line, else its last error line, else its last line. */
export function buildFailure(output: string): string {
  const all = lines(output);
  const line = all.find((text) => text.startsWith('✗')) ?? all.findLast((text) => /error/i.test(text)) ?? all.at(-1) ?? 'no output';
  return oneLine(line.replace(/^✗\s*/, ''));
}

/**
 * The reason npm gives for a failed install, as `code: what`: for a peer
 * conflict (ERESOLVE) the dependency it could not resolve
 * (`peer astro@"^7.0.0" from @astrojs/mdx@8.1.4`), otherwise npm's first
 * line that says something (`notarget No matching version found for …`).
 */
export function npmFailure(output: string): string {
  const said = lines(output)
    .filter((line) => /^npm (?:error|ERR!)/.test(line))
    .map((line) => line.replace(/^npm (?:error|ERR!)\s*/, ''))
    .filter(Boolean);
  if (said.length === 0) return buildFailure(output);
  const code = said.find((line) => /^code \S+$/.test(line))?.slice(5);
  const unresolved = said.findIndex((line) => /^(?:Could not resolve dependency|Conflicting peer dependency)/.test(line));
  const why =
    unresolved >= 0 && /^Conflicting peer dependency: \S/.test(said[unresolved]!)
      ? said[unresolved]!
      : unresolved >= 0 && said[unresolved + 1]
        ? said[unresolved + 1]!
        : (said.find(
            (line) =>
              !/^(?:code \S+|A complete log|While resolving|Found:|node_modules\/|Fix the upstream|this command with|to accept an incorrect)/.test(
                line,
              ),
          ) ?? said[0]!);
  return code && !why.includes(code) ? `${code}: ${why}` : why;
}

interface VitestReport {
  numTotalTests?: number;
  testResults?: {
    name: string;
    status?: string;
    message?: string;
    assertionResults?: { ancestorTitles?: string[]; fullName?: string; title?: string; status?: string }[];
  }[];
}

/** Vitest's JSON report (`--reporter=json`) as a test outcome, failing tests named `file > test`. */
export function testOutcome(report: VitestReport, root: string): TestOutcome {
  const failed: string[] = [];
  for (const file of report.testResults ?? []) {
    const name = path.relative(root, file.name) || file.name;
    const failing = (file.assertionResults ?? []).filter((test) => test.status === 'failed');
    for (const test of failing)
      failed.push([name, ...(test.title ? [...(test.ancestorTitles ?? []), test.title] : [test.fullName ?? '?'])].join(' > '));
    if (failing.length === 0 && file.status === 'failed')
      failed.push(`${name}: ${(file.message ?? 'failed').split('\n')[0]!.slice(0, 200)}`);
  }
  const total = report.numTotalTests ?? 0;
  return failed.length > 0 ? { kind: 'failed', failed, total } : { kind: 'passed', total };
}
