/**
 * `npm run seo`: the SEO audit of every post, without building pages. Prints
 * each finding as `file:line  rule  severity: message` with its fix, and
 * writes seo-report.html (one offline file: table, cards, charts).
 * `--strict` exits 1 when any error is found; `--json` prints the findings
 * as JSON instead; `--out FILE` writes the report elsewhere.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { terminalSafe, terminalSafeJson } from '#src/lib/build/terminal-safe.ts';
import { auditProject } from '#tools/seo/audit/run.ts';
import { renderReport } from '#tools/seo/report/render.ts';
import { exitAfterOutput, fail, printFailure } from './cli-output.ts';
import { projectOptions } from './project.ts';

let values: { strict: boolean; json: boolean; out: string };
try {
  ({ values } = parseArgs({
    options: {
      strict: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      out: { type: 'string', default: 'seo-report.html' },
    },
  }) as { values: typeof values });
} catch (error) {
  fail(`npm run seo: ${(error as Error).message}`, 'Usage: npm run seo [-- --strict] [-- --json] [-- --out report.html]');
}

const options = projectOptions();
const started = performance.now();
const result = await auditProject(options).catch((error: unknown) => {
  printFailure('The SEO audit failed', error, {
    root: options.root,
    unchanged: 'No post was changed',
    consequence: '',
    again: 'run `npm run seo` again',
  });
  process.exit(1);
});
const out = path.resolve(options.root, values.out);
const generated = new Date();
await writeFile(out, renderReport(result, { site: options.site, generated })).catch((error: unknown) => {
  printFailure(`The report ${values.out} could not be written`, error, {
    root: options.root,
    unchanged: 'No post was changed',
    consequence: '',
    again: 'run `npm run seo` again',
  });
  process.exit(1);
});
const seconds = ((performance.now() - started) / 1000).toFixed(2);
const errors = result.findings.filter((finding) => finding.severity === 'error').length;

if (values.json) {
  console.log(terminalSafeJson({ findings: result.findings }, 2));
} else {
  // Findings quote titles and descriptions: each is one line, whatever they hold.
  for (const finding of result.findings) {
    console.log(terminalSafe(`${finding.file}:${finding.line}  ${finding.rule}  ${finding.severity}: ${finding.message}`));
    console.log(`    fix: ${terminalSafe(finding.fix)}`);
  }
  const counts = { error: errors, warning: 0, notice: 0 };
  for (const finding of result.findings) if (finding.severity !== 'error') counts[finding.severity] += 1;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const affected = new Set(result.findings.map((finding) => finding.file)).size;
  const total = result.posts.length + result.unreadable.length;
  const summary =
    result.findings.length === 0
      ? `✓ ${plural(total, 'post')} audited in ${seconds}s: nothing to improve.`
      : `${errors > 0 ? '✗' : '✓'} ${plural(total, 'post')} audited in ${seconds}s: ${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.notice, 'notice')} in ${plural(affected, 'post')}.`;
  console.log(summary);
}
console.error(`Report: ${path.relative(process.cwd(), out) || out}`);
await exitAfterOutput(values.strict && errors > 0 ? 1 : 0);
