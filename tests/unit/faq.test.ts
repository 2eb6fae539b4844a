import { describe, expect, it } from 'vitest';
import { extractFaq, type FaqEntry } from '#src/lib/seo/faq.ts';
import { faqSource } from '#src/lib/seo/faq-source.ts';

const qa = (question: string, answer: string): FaqEntry => ({ question, answer });
const questions = (markdown: string) => extractFaq(markdown).map((entry) => entry.question);

/** FAQ sections as editors write them, each with exactly what the FAQPage should carry. */
const FORMS: Array<[name: string, markdown: string, expected: FaqEntry[]]> = [
  [
    '## Frequently Asked Questions + ### questions',
    '## Frequently Asked Questions\n\n### Does it run on a phone?\n\nYes, small models do.\n\n### How much memory?\n\nAbout 4 GB.',
    [qa('Does it run on a phone?', 'Yes, small models do.'), qa('How much memory?', 'About 4 GB.')],
  ],
  [
    '## Frequently Asked Questions (FAQs) + ### Q1.',
    '## Frequently Asked Questions (FAQs)\n\n### Q1. What is edge AI?\n\nRunning models on the device.\n\n### Q2. Is it private?\n\nData stays local.',
    [qa('What is edge AI?', 'Running models on the device.'), qa('Is it private?', 'Data stays local.')],
  ],
  [
    '## FAQs + ### Q1:',
    '## FAQs\n\n### Q1: Is it free?\n\nYes.\n\n### Q2: Is it open source?\n\nAlso yes.',
    [qa('Is it free?', 'Yes.'), qa('Is it open source?', 'Also yes.')],
  ],
  [
    '## FAQ + ### 1)',
    '## FAQ\n\n### 1) Which board should I buy?\n\nA Raspberry Pi 5.\n\n### 2) Does it need a fan?\n\nUnder load, yes.',
    [qa('Which board should I buy?', 'A Raspberry Pi 5.'), qa('Does it need a fan?', 'Under load, yes.')],
  ],
  [
    '### Questions and Answers + #### 1. (inside a ## section)',
    '## Deployment\n\nShip it.\n\n### Questions and Answers\n\n#### 1. How do I update?\n\nRun the script.\n\n#### 2. Can I roll back?\n\nKeep the old image.\n\n## Next steps\n\n#### 3. Not a question of the FAQ?\n\nText.',
    [qa('How do I update?', 'Run the script.'), qa('Can I roll back?', 'Keep the old image.')],
  ],
  [
    '# Common Questions + ## Question 1:',
    '# Common Questions\n\n## Question 1: Who is it for?\n\nDevelopers.\n\n## Question 2: What does it cost?\n\nNothing.',
    [qa('Who is it for?', 'Developers.'), qa('What does it cost?', 'Nothing.')],
  ],
  [
    '## FAQ: Edge AI + bold questions alone, answers in the next paragraphs',
    '## FAQ: Edge AI\n\n**What is edge AI?**\n\nInference on the device.\n\nNo server needed.\n\n**Is it slower?**\n\nFor large models, yes.',
    [qa('What is edge AI?', 'Inference on the device. No server needed.'), qa('Is it slower?', 'For large models, yes.')],
  ],
  [
    '## FAQs on Edge AI + **Q1. …?** with the answer on the next lines of the paragraph',
    '## FAQs on Edge AI\n\n**Q1. What is quantisation?**\nStoring weights in fewer bits.\nIt saves memory.\n\n**Q2. Does it hurt accuracy?**\nA little.',
    [qa('What is quantisation?', 'Storing weights in fewer bits. It saves memory.'), qa('Does it hurt accuracy?', 'A little.')],
  ],
  [
    '## Frequently Asked Questions About Edge AI + **Q 1 - …?** and "A:" answers',
    '## Frequently Asked Questions About Edge AI\n\n**Q 1 - Which chips support it?**\n\nA: Most phones since 2022.\n\n**Q 2 - Can it run offline?**\n\nAnswer: Yes.',
    [qa('Which chips support it?', 'Most phones since 2022.'), qa('Can it run offline?', 'Yes.')],
  ],
  [
    '## Q&A + ### Q1)',
    '## Q&A\n\n### Q1) Why Rust?\n\nSpeed and safety.\n\n### Q2) Why not C?\n\nMemory bugs.',
    [qa('Why Rust?', 'Speed and safety.'), qa('Why not C?', 'Memory bugs.')],
  ],
  [
    '## Questions & Answers + bold question with the answer on the same line',
    '## Questions & Answers\n\n**Is there a free tier?** Yes, up to 1,000 requests.\n\n**Can I cancel?** Any time.',
    [qa('Is there a free tier?', 'Yes, up to 1,000 requests.'), qa('Can I cancel?', 'Any time.')],
  ],
  [
    'setext heading (===) + ## questions',
    'Frequently Asked Questions\n==========================\n\n## Is it stable?\n\nSince 1.0.\n\n## Is it maintained?\n\nMonthly releases.',
    [qa('Is it stable?', 'Since 1.0.'), qa('Is it maintained?', 'Monthly releases.')],
  ],
  [
    '## FAQ ## with trailing #s + ### Question 2 - …',
    '## FAQ ##\n\n### Question 1 - Where are the logs? ###\n\nIn /var/log.\n\n### Question 2 - How big do they get?\n\nA few MB a day.',
    [qa('Where are the logs?', 'In /var/log.'), qa('How big do they get?', 'A few MB a day.')],
  ],
  [
    '## frequently asked questions: (lower case, colon) + ### Q.1',
    '## frequently asked questions:\n\n### Q.1 What licence is it under?\n\nMIT.',
    [qa('What licence is it under?', 'MIT.')],
  ],
  [
    '## 7. FAQs (a numbered section) + ### (1)',
    '## 7. FAQs\n\n### (1) How long does setup take?\n\nTen minutes.\n\n### (2) Do I need an account?\n\nNo.',
    [qa('How long does setup take?', 'Ten minutes.'), qa('Do I need an account?', 'No.')],
  ],
  [
    '## Commonly Asked Questions with group headings (### Pricing) over #### questions',
    '## Commonly Asked Questions\n\n### Pricing\n\n#### Is there a free plan?\n\nYes.\n\n### Support\n\n#### How fast do you reply?\n\nWithin a day.',
    [qa('Is there a free plan?', 'Yes.'), qa('How fast do you reply?', 'Within a day.')],
  ],
  [
    '## FAQ — Edge AI + **What is it**? (the ? outside the bold), rules between questions',
    '## FAQ — Edge AI\n\n**What is it**?\n\nLocal inference.\n\n---\n\n**Why now**?\n\nFaster chips.\n\n---\n\n*Questions left? Write to us.*',
    [qa('What is it?', 'Local inference.'), qa('Why now?', 'Faster chips.')],
  ],
  [
    '## ❓ FAQ (an emoji) + ### #1: and answers with lists and sub-headings',
    '## ❓ FAQ\n\n### #1: What do I need?\n\n- A laptop\n- Python 3.12\n\n#### On Windows\n\nUse WSL.\n\n### #2: How long does it take?\n\nAn hour.',
    [qa('What do I need?', 'A laptop Python 3.12 On Windows Use WSL.'), qa('How long does it take?', 'An hour.')],
  ],
  [
    '## FAQs + **Q1: …?** ending in a hard line break, answers over several broken lines',
    '## FAQs\n\n**Q1: Which formats?**  \nWebP,  \nAVIF.\n\n**Q2: Sizes?**\\\nSee the\\\nsize table.',
    [qa('Which formats?', 'WebP, AVIF.'), qa('Sizes?', 'See the size table.')],
  ],
  [
    '## FAQ + ### Q1 - questions without a "?", markup and links in the answer',
    '## FAQ\n\n### Q1 - Install steps\n\nRun `npm install`, then see [the guide][guide].\n\n### Q2 - Upgrading\n\n*Read* the **changelog** first.\n\n[guide]: https://example.com/guide',
    [qa('Install steps', 'Run npm install, then see the guide.'), qa('Upgrading', 'Read the changelog first.')],
  ],
];

describe('extractFaq: FAQ sections as editors write them', () => {
  it.each(FORMS)('%s', (_name, markdown, expected) => {
    expect(extractFaq(markdown)).toEqual(expected);
  });

  // Most posts are long and end with the FAQ: the section is then parsed on
  // its own, and must come out the same as within the whole body.
  const PREAMBLE = `# The post title\n\nIntro with [a link][guide].\n\n[guide]: https://example.com/guide\n\n\`\`\`md\n# Not a heading\n\`\`\`\n\n${'Words to read. '.repeat(200)}\n\n## Background\n\nMore text.\n\n`;
  it.each(FORMS)('%s, at the end of a long post', (_name, markdown, expected) => {
    expect(extractFaq(`${PREAMBLE}${markdown}`)).toEqual(expected);
  });

  it('keeps a number that is part of the question', () => {
    const markdown =
      '## FAQ\n\n### 1.5 million users: is that a lot?\n\nYes.\n\n### 2024: what changed?\n\nMuch.\n\n### Q3 earnings?\n\nUp.\n\n### Q-learning: what is it?\n\nA method.';
    expect(questions(markdown)).toEqual([
      '1.5 million users: is that a lot?',
      '2024: what changed?',
      'Q3 earnings?',
      'Q-learning: what is it?',
    ]);
  });

  it('takes every FAQ section of a post', () => {
    expect(questions('## FAQ: Setup\n\n### How?\n\nLike this.\n\n## Middle\n\nText.\n\n## FAQ: Billing\n\n### When?\n\nMonthly.')).toEqual([
      'How?',
      'When?',
    ]);
  });

  it('skips a question without an answer', () => {
    expect(extractFaq('## FAQ\n\n### Empty?\n\n### Full?\n\nYes.')).toEqual([qa('Full?', 'Yes.')]);
  });
});

describe('extractFaq: what is not an FAQ', () => {
  it('finds nothing in a post without an FAQ section', () => {
    expect(extractFaq('## Setup\n\n### Does it work?\n\nYes.\n\n**Is it fast?**\n\nYes.')).toEqual([]);
    expect(extractFaq('We answer FAQs by email; see our Q&A page.\n\n### Does it work?\n\nYes.')).toEqual([]);
  });

  it('does not take a heading that only mentions FAQs in its prose', () => {
    for (const heading of [
      'Why we stopped answering FAQs by email',
      'FAQs by email are dead',
      'FAQ-driven support',
      'Our FAQ page',
      'Common questions we hear',
    ])
      expect(extractFaq(`## ${heading}\n\n### Does it work?\n\nYes.`), heading).toEqual([]);
  });

  it('does not take a heading inside a code fence, an HTML comment or a <pre>', () => {
    expect(extractFaq('```md\n## FAQ\n\n### Does it work?\n\nYes.\n```')).toEqual([]);
    expect(extractFaq('~~~\n## FAQ\n```\n### Does it work?\n\nYes.\n~~~')).toEqual([]);
    // A ``` line inside a ```` fence does not close it.
    expect(extractFaq('````md\n```\n````\n\ntext\n\n````md\n```\n## FAQ\n\n### Does it work?\n\nYes.\n```\n````')).toEqual([]);
    expect(extractFaq('<!--\n\n## FAQ\n\n### Does it work?\n\nYes.\n\n-->')).toEqual([]);
    expect(extractFaq('<pre>\n\n## FAQ\n\n### Does it work?\n\nYes.\n\n</pre>')).toEqual([]);
    expect(extractFaq('<div>\n## FAQ\n\n### Does it work?\n\nYes.\n</div>')).toEqual([]);
  });

  it('does not take a heading inside a list item or a quote', () => {
    expect(extractFaq('1. Step one\n\n   ## FAQ\n\n   ### Does it work?\n\n   Yes.')).toEqual([]);
    expect(extractFaq('> ## FAQ\n>\n> ### Does it work?\n>\n> Yes.')).toEqual([]);
  });

  it('stops at the next heading of the same or a higher level', () => {
    const markdown = '## FAQ\n\n### In?\n\nYes.\n\n## Conclusion\n\n### Out?\n\nNo.\n\n**Also out?**\n\nNo.';
    expect(questions(markdown)).toEqual(['In?']);
    expect(questions('### FAQ\n\n**In?**\n\nYes.\n\n## Sources\n\n**Out?**\n\nNo.')).toEqual(['In?']);
  });

  it('keeps a fenced "question" as text of the answer it sits in', () => {
    expect(extractFaq('## FAQ\n\n### Real?\n\nYes.\n\n```md\n### Fenced?\n```')).toEqual([qa('Real?', 'Yes. ### Fenced?')]);
  });

  it('does not take bold questions inside an answer when the questions are headings', () => {
    expect(extractFaq('## FAQ\n\n### Why?\n\n**Is it hard?** Not really.')).toEqual([qa('Why?', 'Is it hard? Not really.')]);
  });
});

describe('faqSource: parsing only what is needed', () => {
  const long = `${'Words to read. '.repeat(300)}\n\n## Frequently Asked Questions (FAQs)\n\n### Q1. Why?\n\nBecause.`;

  it('needs no parse when nothing can open an FAQ section', () => {
    expect(faqSource('## Setup\n\nText.')).toBeNull();
    expect(faqSource('We answer FAQs by email.\n\n## Setup\n\nText.')).toBeNull();
  });

  it('parses from the FAQ heading on when the lines before cannot change it', () => {
    expect(faqSource(long)).toBe('## Frequently Asked Questions (FAQs)\n\n### Q1. Why?\n\nBecause.');
    expect(faqSource(`[a]: https://example.com/a\n\n${long}`)).toBe(
      '[a]: https://example.com/a\n\n## Frequently Asked Questions (FAQs)\n\n### Q1. Why?\n\nBecause.',
    );
  });

  it('parses the whole body when only the tree can tell', () => {
    for (const markdown of [
      `FAQ\n---\n\n${long}`,
      `\`\`\`\n${long}`,
      `<div>\n## FAQ\n\n### Q?\n\nA.\n</div>`,
      `- item\n\n  ## FAQ\n\n  ### Q?\n\n  A.`,
    ])
      expect(faqSource(markdown)).toBe(markdown);
  });
});
