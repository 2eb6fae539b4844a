import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { page } from '../helpers/dist.ts';

let dist = '';
beforeAll(() => {
  dist = path.join(inject('fixtureRoot'), 'dist');
});

type Json = Record<string, unknown>;
const faqPage = (doc: Document) =>
  [...doc.querySelectorAll('script[type="application/ld+json"]')]
    .map((script) => JSON.parse(script.textContent!) as Json)
    .find((block) => block['@type'] === 'FAQPage');
const entries = (faq: Json) =>
  (faq['mainEntity'] as Json[]).map((question) => [question['name'], (question['acceptedAnswer'] as Json)['text']]);
/** What a reader sees as the questions: the body's headings and bold text. */
const shown = (doc: Document) =>
  [...doc.querySelectorAll('.prose h2, .prose h3, .prose h4, .prose strong')].map((element) => element.textContent!.trim());

/** The fixture's FAQ posts: the page, what the FAQPage carries, and the questions as the page shows them. */
const FORMS: Array<[urlPath: string, expected: string[][], onPage: string[]]> = [
  [
    '/blog/faq-numbered/',
    [
      ['What is edge AI?', 'Running models on the device itself.'],
      ['Does it need a network?', 'No, inference runs offline.'],
    ],
    ['Frequently Asked Questions (FAQs)', 'Q1. What is edge AI?', 'Q2: Does it need a network?'],
  ],
  [
    '/blog/faq-bold/',
    [
      ['What does edge AI save?', 'Round trips to a server.'],
      ['Is it private?', 'Yes: the data stays on the device.'],
    ],
    ['FAQ: Edge AI', 'What does edge AI save?', 'Q2. Is it private?'],
  ],
  [
    '/blog/faq-common/',
    [
      ['Which models fit on a phone?', 'Models up to about 3B parameters.'],
      ['How is the battery?', 'Fine for short bursts.'],
    ],
    ['Common Questions', 'Question 1: Which models fit on a phone?', 'Question 2 - How is the battery?'],
  ],
  [
    '/blog/faq-qa/',
    [
      ['Which runtime should I use?', 'The one your chip vendor ships.'],
      ['Can I update it later?', 'Yes, in place.'],
    ],
    ['Questions and Answers', '1) Which runtime should I use?', '2) Can I update it later?', '3) Is this one part of the FAQ?'],
  ],
];

describe('FAQPage JSON-LD on built posts', () => {
  it.each(FORMS)('%s carries its FAQ without numbering, and the page shows it as written', (urlPath, expected, onPage) => {
    const doc = page(dist, urlPath);
    const faq = faqPage(doc);
    expect(faq, `${urlPath} has no FAQPage`).toBeDefined();
    expect(faq!['@context']).toBe('https://schema.org');
    expect(entries(faq!)).toEqual(expected);
    expect(shown(doc)).toEqual(expect.arrayContaining(onPage));
  });

  it('leaves the FAQPage out of a post with faq: false, though its FAQ section is on the page', () => {
    const doc = page(dist, '/blog/faq-off/');
    expect(shown(doc)).toEqual(expect.arrayContaining(['FAQ', 'Is this question in the rich result?']));
    expect(faqPage(doc)).toBeUndefined();
    // The same kind of section without faq: false does get one.
    expect(faqPage(page(dist, '/blog/alpha-post/'))).toBeDefined();
  });
});
