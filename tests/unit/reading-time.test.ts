import { describe, expect, it } from 'vitest';
import { computeReadingMinutes, parseReadingTime } from '#src/lib/content/reading-time.ts';

describe('reading time', () => {
  it('computes minutes from the body at about 200 words a minute', () => {
    expect(computeReadingMinutes('word '.repeat(1000))).toBe(5);
    expect(computeReadingMinutes('short')).toBe(1);
  });

  it('does not count code blocks as reading', () => {
    const code = '```js\n' + 'const x = 1;\n'.repeat(2000) + '```\n';
    expect(computeReadingMinutes(`${'word '.repeat(200)}\n\n${code}`)).toBe(1);
  });

  it.each([
    ['9 min', 9],
    ['9 mins', 9],
    ['12 minutes', 12],
    ['4 min read', 4],
    [7, 7],
  ])('reads %s as %i minutes', (value, minutes) => {
    expect(parseReadingTime(value)).toBe(minutes);
  });

  it.each(['soon', '0 min', '', -3, 2.5])('refuses %s', (value) => {
    expect(parseReadingTime(value)).toBeNull();
  });
});
