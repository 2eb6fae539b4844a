import type { Problem } from '../src/lib/validate.ts';
import { formatProblem } from '../src/lib/validate.ts';

const useColour = process.stderr.isTTY && !process.env['NO_COLOR'];
const red = (text: string) => (useColour ? `\x1b[31m${text}\x1b[0m` : text);

/** Prints every problem as `file:line  field  message`, grouped under one headline. */
export function printProblems(problems: Problem[], consequence: string): void {
  const files = new Set(problems.map((p) => p.file)).size;
  const count = `${problems.length} problem${problems.length === 1 ? '' : 's'} in ${files} post${files === 1 ? '' : 's'}`;
  console.error(red(`✗ ${count}. ${consequence}`));
  for (const problem of problems) console.error(`  ${formatProblem(problem)}`);
}
