import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { page } from '../helpers/dist.ts';

let dist = '';
beforeAll(() => {
  dist = path.join(inject('fixtureRoot'), 'dist');
});

const POST = '/blog/toolkit-wide/';

describe('headings with their own {#id}', () => {
  it('get the id, lose the braces, and link to themselves by it', () => {
    const doc = page(dist, POST);
    const headings = [...doc.querySelectorAll('.prose :is(h2, h3)')].map((h) => ({
      id: h.id,
      text: h.textContent!.trim(),
      link: h.querySelector('.heading-link')?.getAttribute('href'),
    }));
    expect(headings.map((h) => h.id)).toEqual(['pricing', 'long-links', 'code-lines', 'long-url-heading', 'setup', 'install-step']);
    for (const heading of headings) {
      expect(heading.text).not.toContain('{#');
      expect(heading.link).toBe(`#${heading.id}`);
    }
    expect(headings[0]!.text).toBe('Pricing');
  });

  it('are what the table of contents links to', () => {
    const toc = [...page(dist, POST).querySelectorAll('.article__toc a')].map((a) => [a.getAttribute('href'), a.textContent!.trim()]);
    expect(toc).toEqual(
      expect.arrayContaining([
        ['#pricing', 'Pricing'],
        ['#long-links', 'Long links'],
        ['#setup', 'Setup'],
        ['#install-step', 'Install step'],
      ]),
    );
    expect(toc.every(([, text]) => !text!.includes('{#'))).toBe(true);
  });

  it("are what another post's #fragment link reaches (the post check knew the id before the build)", () => {
    const link = page(dist, '/blog/toolkit-embeds/').querySelector('.prose a[href^="/blog/toolkit-wide/"]')!;
    expect(link.getAttribute('href')).toBe('/blog/toolkit-wide/#pricing');
    expect(page(dist, POST).getElementById('pricing')!.tagName).toBe('H2');
  });
});
