import { describe, expect, it } from 'vitest';
import { MAX_STEM_LENGTH, stemOf } from '#src/lib/images/images.ts';

// Variant names carry the editor's SEO file name: the whole stem, in URL-safe lowercase.
describe('stemOf', () => {
  it.each([
    ['/p/quantum-machine-learning-industrial-revolution-73451.webp', 'quantum-machine-learning-industrial-revolution-73451'],
    ['/p/edge-inference-phone-budget-55120.webp', 'edge-inference-phone-budget-55120'],
    ['/p/Golden Hour at the Pier.JPG', 'golden-hour-at-the-pier'],
    ['/p/hero.webp', 'hero'],
    ['/p/café_terrace--v2.png', 'cafe-terrace--v2'],
    ['/p/---.png', 'image'],
    ['/p/2026.03.04-launch.jpeg', '2026-03-04-launch'],
  ])('%s -> %s', (file, stem) => expect(stemOf(file)).toBe(stem));

  it(`shortens only stems over ${MAX_STEM_LENGTH} characters, at a hyphen`, () => {
    const exactly = 'a'.repeat(MAX_STEM_LENGTH);
    expect(stemOf(`/p/${exactly}.webp`)).toBe(exactly);
    const long = Array.from({ length: 30 }, (_, i) => `word${i}`).join('-');
    const stem = stemOf(`/p/${long}.webp`);
    expect(stem.length).toBeLessThanOrEqual(MAX_STEM_LENGTH);
    expect(long.startsWith(stem)).toBe(true);
    expect(long[stem.length]).toBe('-');
  });
});
