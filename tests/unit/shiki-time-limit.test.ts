import { codeToHtml } from 'shiki';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { shikiWithoutTimeLimit } from '../../src/lib/markdown/shiki-no-time-limit.ts';

/**
 * A machine so busy that every look at the clock finds another second gone: Shiki's tokenizer
 * reads Date.now() while it scans a line and gives up once 500 ms have passed.
 */
function slowClock() {
  let now = Date.now();
  vi.spyOn(Date, 'now').mockImplementation(() => (now += 1000));
}

const CODE = 'const total = items.map((item) => item.price * item.quantity).reduce((sum, value) => sum + value, 0);';
const highlight = (transformers: (typeof shikiWithoutTimeLimit)[]) =>
  codeToHtml(CODE, { lang: 'ts', themes: { light: 'github-light', dark: 'github-dark' }, defaultColor: false, transformers });

afterEach(() => {
  vi.restoreAllMocks();
});

describe('code highlighting on a busy machine', () => {
  it("colours a line the same however slow the machine is, with the project's transformer", async () => {
    const quiet = await highlight([shikiWithoutTimeLimit]);
    slowClock();
    expect(await highlight([shikiWithoutTimeLimit])).toBe(quiet);
  });

  it("would not without it: Shiki's own time limit cuts the line short (so the test above means something)", async () => {
    const quiet = await highlight([]);
    slowClock();
    const busy = await highlight([]);
    expect(busy).not.toBe(quiet);
    expect(busy.match(/<span style/g)?.length ?? 0).toBeLessThan(quiet.match(/<span style/g)!.length);
  });
});
