import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { checkAnswer } from '../../scripts/init/options.ts';
import { openPrompter, type Question } from '../../scripts/init/prompts.ts';

/**
 * The questions `npm run init` asks in a terminal, answered through a stream: Enter keeps the
 * value in brackets, a wrong answer is explained and asked again, a value the sample still holds
 * has no default, and a closed input stops with a message instead of hanging.
 */

const question = (key: 'url' | 'timeZone' | 'title', current: string | undefined): Question => ({
  question: key,
  current,
  example: 'e',
  check: async (answer) => checkAnswer(key, answer),
});

function session(typed: string) {
  const input = new PassThrough();
  const output = new PassThrough();
  let shown = '';
  output.on('data', (chunk: Buffer) => (shown += chunk.toString()));
  input.end(typed);
  return { prompter: openPrompter(input, output), shown: () => shown };
}

describe('the prompts', () => {
  it('keeps the value in brackets on Enter, and asks again after a wrong answer', async () => {
    const { prompter, shown } = session('\nEurope/Berln\neurope/berlin\n\nMy Notes\ny\n');
    const answers = await prompter.ask([
      question('url', 'https://notes.example.org'),
      question('timeZone', 'UTC'),
      question('title', undefined),
    ]);
    expect(answers).toEqual(['https://notes.example.org', 'Europe/Berlin', 'My Notes']);
    expect(await prompter.confirm('Go on?')).toBe(true);
    prompter.close();
    expect(shown()).toContain('url [https://notes.example.org]: ');
    expect(shown()).toContain('  "Europe/Berln" is not an IANA time zone; did you mean Europe/Berlin?\n');
    // No default for a value that is still the sample's: Enter asks again.
    expect(shown()).toContain('title [e.g. e]: ');
    expect(shown()).toContain('  an answer is needed, e.g. e\n');
  });

  it('takes only y or yes as yes', async () => {
    for (const [typed, yes] of [
      ['y\n', true],
      ['YES\n', true],
      ['\n', false],
      ['no\n', false],
      ['', false],
    ] as const) {
      const { prompter } = session(typed);
      await expect(prompter.confirm('Go on?').catch(() => false)).resolves.toBe(yes);
      prompter.close();
    }
  });

  it('stops with a message when the input ends before the answers do', async () => {
    const { prompter } = session('https://notes.example.org\n');
    await expect(prompter.ask([question('url', undefined), question('title', undefined)])).rejects.toThrow(
      'the input ended before every question was answered; nothing was changed',
    );
    prompter.close();
  });
});
