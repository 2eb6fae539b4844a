import { afterEach, describe, expect, it, vi } from 'vitest';
import { terminalSafe, terminalSafeJson } from '#src/lib/build/terminal-safe.ts';
import { formatProblem } from '#tools/check/problems.ts';
import { printFailure } from '../../scripts/cli-output.ts';

/** Any character a terminal or a CI log acts on instead of showing: what must never be printed raw. */
// eslint-disable-next-line no-control-regex -- finding control characters is what it is for
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const PAYLOADS: Array<[name: string, text: string, shown: string]> = [
  ['a newline and a GitHub annotation', 'edge ai\n::error file=x::pwned', 'edge ai\\n::error file=x::pwned'],
  ['a carriage return that overwrites the line', 'fine\r::warning::x', 'fine\\r::warning::x'],
  ['a CRLF', 'a\r\nb', 'a\\r\\nb'],
  ['an escape sequence that clears the screen', 'x\u001b[2Jy', 'x\\x1b[2Jy'],
  ['a window-title escape (OSC)', '\u001b]0;owned\u0007', '\\x1b]0;owned\\x07'],
  ['the C1 control sequence introducer', 'a\u009b2Jb', 'a\\x9b2Jb'],
  ['a next-line control (NEL)', 'a\u0085::error::b', 'a\\x85::error::b'],
  ['a bidi override', 'safe\u202etxt.exe', 'safe\\u202etxt.exe'],
  ['a bidi isolate', '\u2066a\u2069', '\\u2066a\\u2069'],
  ['a line separator', 'a\u2028::error::b', 'a\\u2028::error::b'],
  ['NUL', 'a\u0000b', 'a\\x00b'],
  ['DEL', 'a\u007fb', 'a\\x7fb'],
  ['a tab (escaped too: never wanted in a field, and seen this way)', 'a\tb', 'a\\tb'],
  ['ordinary text, accents, CJK and emoji', 'Jonas Müller — 東京 🚀 "C++" & <b>', 'Jonas Müller — 東京 🚀 "C++" & <b>'],
  ['Hebrew and Arabic, without overrides', 'שלום مرحبا', 'שלום مرحبا'],
];

describe('terminalSafe', () => {
  it.each(PAYLOADS)('shows %s escaped', (_name, text, shown) => {
    const safe = terminalSafe(text);
    expect(safe).toBe(shown);
    expect(safe).not.toMatch(CONTROL);
  });

  it('leaves JSON meaning the same while escaping what JSON.stringify leaves raw', () => {
    const value = { keyword: 'a\u202eb\u009b\n::error::x' };
    const json = terminalSafeJson(value, 2);
    // Its own lines are the indentation's; none holds a control character.
    for (const line of json.split('\n')) expect(line).not.toMatch(CONTROL);
    expect(json.split('\n')).toHaveLength(3);
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('what the commands print from posts', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each(PAYLOADS)('a problem quoting %s is one line with no control character', (_name, text) => {
    const line = formatProblem({ file: 'src/content/blog/x.md', line: 4, field: 'keywords', message: `"${text}" is not a list` });
    expect(line).not.toMatch(CONTROL);
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toMatch(/^src\/content\/blog\/x\.md:4 {2}keywords {2}"/);
  });

  it('a failure whose message quotes a post is one line, its stack left out', () => {
    const printed: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void printed.push(args.join(' ')));
    const error = new Error(
      'src/content/blog/x.md  body  image "/a\n::error file=x::pwned\u202e.png" is too large\n    at render (file:///x/render.js:1:1)',
    );
    printFailure('The build failed', error, { root: '/', consequence: '', unchanged: '', again: 'build again' });
    expect(printed).toHaveLength(1);
    expect(printed[0]).not.toMatch(CONTROL);
    expect(printed[0]).toBe('✗ The build failed: src/content/blog/x.md  body  image "/a\\n::error file=x::pwned\\u202e.png" is too large');
  });
});
