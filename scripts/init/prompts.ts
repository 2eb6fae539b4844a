/**
 * The questions `npm run init` asks in a terminal, with node:readline: each shows its current
 * value as the default (Enter keeps it), and a wrong answer is explained and asked again.
 */
import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';

export interface Question {
  question: string;
  /** What Enter gives, or undefined when an answer is needed. */
  current: string | undefined;
  example: string;
  /** The answer as it will be written, or what is wrong with it. */
  check: (answer: string) => Promise<{ value: string } | { problem: string }>;
}

export interface Prompter {
  ask(questions: Question[]): Promise<string[]>;
  confirm(question: string): Promise<boolean>;
  close(): void;
}

/** One reader of lines for the whole session, so no typed-ahead line is lost between questions. */
export function openPrompter(input: Readable, output: Writable): Prompter {
  const lines = createInterface({ input, output, terminal: false });
  const iterator = lines[Symbol.asyncIterator]();
  const nextLine = async (prompt: string) => {
    output.write(prompt);
    const next = await iterator.next();
    if (next.done) throw new Error('the input ended before every question was answered; nothing was changed');
    return next.value.trim();
  };
  return {
    async ask(questions) {
      const answers: string[] = [];
      for (const { question, current, example, check } of questions) {
        for (;;) {
          const typed = await nextLine(`${question} [${current ?? `e.g. ${example}`}]: `);
          const answer = typed === '' ? current : typed;
          if (answer === undefined) {
            output.write(`  an answer is needed, e.g. ${example}\n`);
            continue;
          }
          const checked = await check(answer);
          if ('value' in checked) {
            answers.push(checked.value);
            break;
          }
          output.write(`  ${JSON.stringify(answer)} ${checked.problem}\n`);
        }
      }
      return answers;
    },
    async confirm(question) {
      return /^y(?:es)?$/i.test(await nextLine(`${question} [y/N]: `));
    },
    close: () => lines.close(),
  };
}
