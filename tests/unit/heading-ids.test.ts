import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { headingIds, markdownHeadingIds } from '#src/lib/markdown/heading-ids.ts';
import { type BodyRenderer } from '#src/lib/markdown/render-body.ts';
import { headingIdProblems } from '../../tools/check/heading-ids-check.ts';
import { siteBodyRenderer } from '../helpers/body-renderer.ts';

const root = path.resolve(import.meta.dirname, '../..') + '/';
let renderBody: BodyRenderer;
beforeAll(async () => {
  renderBody = await siteBodyRenderer(root);
});

/** The body through the build's own pipeline: the headings Astro collects (TOC, search) and each heading's HTML. */
async function render(body: string) {
  const { html, metadata } = await renderBody({ body, frontmatter: {}, filePath: path.join(root, 'src/content/blog/x.md') });
  return { html, headings: metadata.headings.map(({ slug, text }) => ({ slug, text })) };
}

describe('{#custom-id} on a heading', () => {
  it.each([
    ['Hugo and Docusaurus', '## Pricing {#pricing}', { slug: 'pricing', text: 'Pricing' }],
    ['Pandoc, no space before the braces', '## Pricing{#pricing}', { slug: 'pricing', text: 'Pricing' }],
    ['an id unlike the text', '## How much it costs {#pricing}', { slug: 'pricing', text: 'How much it costs' }],
    ['a level-3 heading', '### Step 2: install {#install}', { slug: 'install', text: 'Step 2: install' }],
    ['trailing spaces', '## Setup {#setup}   ', { slug: 'setup', text: 'Setup' }],
    ['a closed ATX heading', '## Setup {#setup} ##', { slug: 'setup', text: 'Setup' }],
    ['a setext heading', 'Setup {#setup-setext}\n-----', { slug: 'setup-setext', text: 'Setup' }],
    ['after inline code', '## The `--force` flag {#force}', { slug: 'force', text: 'The --force flag' }],
    ['an id with dashes smart punctuation would join', '## Old -- new {#old--new}', { slug: 'old--new', text: 'Old — new' }],
    ['an id with dots and colons', '## Version 2.1 {#v2.1:notes}', { slug: 'v2.1:notes', text: 'Version 2.1' }],
    ['an id in another script', '## Preise {#preise-über}', { slug: 'preise-über', text: 'Preise' }],
    ['an id with capitals and an underscore', '## API {#API_v2}', { slug: 'API_v2', text: 'API' }],
  ])('%s', async (_form, body, expected) => {
    const { html, headings } = await render(body);
    expect(headings).toEqual([expected]);
    expect(html).toContain(`id="${expected.slug}"`);
    expect(html).not.toContain('{#');
  });

  it("gives the heading's self-link the custom id and the braceless text", async () => {
    const { html } = await render('## Pricing {#pricing}');
    expect(html).toContain('href="#pricing"');
    expect(html).toContain('aria-label="Link to this section: Pricing"');
  });

  it.each([
    ['braces inside the text', '## Use {#id} at the end'],
    ['an empty id', '## Pricing {#}'],
    ['an id with a space', '## Pricing {#our prices}'],
    ['an id with a quote', '## Pricing {#a"b}'],
    ['a class, not an id', '## Pricing {.wide}'],
  ])('leaves the text as written: %s', async (_form, body) => {
    const { headings } = await render(body);
    expect(headings[0]!.text).toContain('{');
  });

  it('counts a heading with its own id out of the slugger, as Astro does, for the checker too', async () => {
    const body = '## Setup\n\n## Setup {#own}\n\n## Setup\n';
    const { headings } = await render(body);
    expect(headings.map((h) => h.slug)).toEqual(['setup', 'own', 'setup-1']);
    expect(markdownHeadingIds(body).map((h) => h.id)).toEqual(['setup', 'own', 'setup-1']);
    expect(headingIds(body)).toEqual(new Set(['setup', 'own', 'setup-1']));
  });
});

describe('the post check on heading ids', () => {
  it.each([
    ['an empty id', 'Intro.\n\n## Pricing {#}\n', 3, /^has a heading id "\{#\}" that is empty; write it as letters, digits/],
    ['an id with spaces', '## Pricing {#our prices}', 1, /^has a heading id "\{#our prices\}" that has a space/],
    ['an id with a quote', '## Pricing {#a"b}', 1, /that has a character an id cannot have/],
    [
      'an id used twice',
      '## Pricing {#pricing}\n\ntext\n\n## Plans {#pricing}\n',
      5,
      /^has the heading id "#pricing", which the heading "Pricing" above has too; .* Give one of them another \{#id\}$/,
    ],
    [
      "an id another heading's text makes",
      '## FAQ\n\n## Questions {#faq}\n',
      3,
      /^has the heading id "#faq", which the heading "FAQ" above has too/,
    ],
  ])('refuses %s, on its line', (_form, body, line, message) => {
    const problems = headingIdProblems(body);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.line).toBe(line);
    expect(problems[0]!.message).toMatch(message);
  });

  it.each([
    ['valid ids', '## Pricing {#pricing}\n\n## Plans {#plans}\n'],
    ['an id in a code sample', '```md\n## Pricing {#}\n```\n'],
    ['the same text twice without ids', '## Setup\n\n## Setup\n'],
    ['no ids', '## Pricing\n'],
  ])('accepts %s', (_form, body) => {
    expect(headingIdProblems(body)).toEqual([]);
  });

  it('tells an .mdx writer to use <h2 id>, rather than letting MDX fail on an expression', () => {
    const body = 'import X from "./x.astro";\n\n## Pricing {#pricing}\n\n```md\n## Shown {#in-code}\n```\n';
    expect(headingIdProblems(body, { mdx: true })).toEqual([
      {
        line: 3,
        message:
          'has a heading id "{#pricing}", which .mdx reads as a JavaScript expression and cannot build; in .mdx write the heading as <h2 id="pricing">Pricing</h2> (or rename the post to .md)',
      },
    ]);
  });
});
