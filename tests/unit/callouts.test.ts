import path from 'node:path';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { feedHtml } from '#src/lib/feeds/feed-html.ts';
import { type BodyRenderer } from '#src/lib/markdown/render-body.ts';
import { siteBodyRenderer } from '../helpers/body-renderer.ts';

/**
 * Callouts as writers write them on GitHub, in Obsidian, Docusaurus and Starlight, through the
 * site's whole pipeline (sanitiser included): each becomes an <aside> with a name, an icon and a
 * title; prose that merely looks like a directive stays the text that was written.
 */
const root = path.resolve(import.meta.dirname, '../..') + '/';
let renderBody: BodyRenderer;
beforeAll(async () => {
  renderBody = await siteBodyRenderer(root);
});

const render = async (body: string) =>
  (await renderBody({ body, frontmatter: {}, filePath: path.join(root, 'src/content/blog/x.md') })).html;

const squash = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').replace(/> </g, '><').trim();

/** What a reader meets in each callout: its classes, name, title, and content (as HTML, whitespace squashed). */
async function callouts(body: string) {
  const { document } = parseHTML(`<main>${await render(body)}</main>`);
  return [...document.querySelectorAll('aside')].map((aside) => {
    const title = aside.querySelector('.callout-title')!;
    const icon = title.querySelector('svg')!;
    expect(icon.getAttribute('aria-hidden')).toBe('true');
    expect(icon.hasAttribute('style')).toBe(false);
    const fold = aside.querySelector(':scope > details');
    const holder = fold ?? aside;
    const content = [...holder.children].filter((child) => child !== title).map((child) => child.outerHTML);
    expect(aside.getAttribute('role')).toBe('note');
    return {
      class: aside.getAttribute('class'),
      label: aside.getAttribute('aria-label'),
      title: squash(title.textContent),
      ...(fold ? { fold: fold.hasAttribute('open') ? 'open' : 'closed' } : {}),
      content: squash(content.join('')),
    };
  });
}

const CASES: Array<[string, string, Array<Record<string, string>>]> = [
  [
    'GitHub, marker alone on its line',
    '> [!NOTE]\n> Useful information.',
    [{ class: 'callout callout-note', label: 'Note', title: 'Note', content: '<p>Useful information.</p>' }],
  ],
  [
    'GitHub, lower case',
    '> [!tip]\n> Do this.',
    [{ class: 'callout callout-tip', label: 'Tip', title: 'Tip', content: '<p>Do this.</p>' }],
  ],
  [
    'GitHub, mixed case, a blank > line, two paragraphs',
    '> [!Important]\n>\n> First.\n>\n> Second.',
    [{ class: 'callout callout-important', label: 'Important', title: 'Important', content: '<p>First.</p><p>Second.</p>' }],
  ],
  [
    'GitHub, a list, a link and a code block',
    '> [!WARNING]\n> - one [docs](https://example.com/docs)\n> - two\n>\n> ```sh\n> rm -rf build\n> ```',
    [
      {
        class: 'callout callout-warning',
        label: 'Warning',
        title: 'Warning',
        content: expect.stringMatching(
          /^<ul><li>one <a href="https:\/\/example\.com\/docs"[^>]*>docs<\/a><\/li><li>two<\/li><\/ul><div class="code-block[^"]*">.*> build</,
        ) as unknown as string,
      },
    ],
  ],
  [
    'GitHub, indented marker, content on the next line',
    '>   [!CAUTION]\n> Back up first.',
    [{ class: 'callout callout-caution', label: 'Caution', title: 'Caution', content: '<p>Back up first.</p>' }],
  ],
  [
    'Obsidian, its own title',
    '> [!tip] Measure first\n> Then cut.',
    [{ class: 'callout callout-tip', label: 'Measure first', title: 'Measure first', content: '<p>Then cut.</p>' }],
  ],
  [
    'Obsidian, a title with Markdown in it',
    '> [!note] Use `npm ci` *in CI*\n> It is faster.',
    [
      {
        class: 'callout callout-note',
        label: 'Use npm ci in CI',
        title: 'Use npm ci in CI',
        content: '<p>It is faster.</p>',
      },
    ],
  ],
  [
    'Obsidian, a title with quotes and a dash (smart punctuation runs first)',
    '> [!tip] Don\'t "panic" -- yet\n> Breathe.',
    [{ class: 'callout callout-tip', label: 'Don’t “panic” — yet', title: 'Don’t “panic” — yet', content: '<p>Breathe.</p>' }],
  ],
  [
    'a hard line break ends the title',
    '> [!note] Title\\\n> Next line.',
    [{ class: 'callout callout-note', label: 'Title', title: 'Title', content: '<p>Next line.</p>' }],
  ],
  [
    'Obsidian, a title and no content',
    '> [!warning] Mind the gap',
    [{ class: 'callout callout-warning', label: 'Mind the gap', title: 'Mind the gap', content: '' }],
  ],
  [
    'Obsidian, folded',
    '> [!tip]- Spoiler\n> The butler did it.',
    [{ class: 'callout callout-tip', label: 'Spoiler', title: 'Spoiler', fold: 'closed', content: '<p>The butler did it.</p>' }],
  ],
  [
    'Obsidian, foldable and open',
    '> [!NOTE]+\n> Shown at first.',
    [{ class: 'callout callout-note', label: 'Note', title: 'Note', fold: 'open', content: '<p>Shown at first.</p>' }],
  ],
  [
    'Obsidian alias info (drawn as a note)',
    '> [!info]\n> x',
    [{ class: 'callout callout-note', label: 'Info', title: 'Info', content: '<p>x</p>' }],
  ],
  [
    'Starlight/Docusaurus directive',
    ':::note\nPlain content.\n:::',
    [{ class: 'callout callout-note', label: 'Note', title: 'Note', content: '<p>Plain content.</p>' }],
  ],
  [
    'directive with a custom title',
    ':::caution[Custom title]\nCareful.\n:::',
    [{ class: 'callout callout-caution', label: 'Custom title', title: 'Custom title', content: '<p>Careful.</p>' }],
  ],
  [
    'directive with Markdown in its title',
    ':::tip[Use **bold** and `code`]\nx\n:::',
    [{ class: 'callout callout-tip', label: 'Use bold and code', title: 'Use bold and code', content: '<p>x</p>' }],
  ],
  [
    'directive danger (drawn as caution, titled Danger)',
    ':::danger\nNo.\n:::',
    [{ class: 'callout callout-caution', label: 'Danger', title: 'Danger', content: '<p>No.</p>' }],
  ],
  [
    'directive in upper case',
    ':::WARNING\nx\n:::',
    [{ class: 'callout callout-warning', label: 'Warning', title: 'Warning', content: '<p>x</p>' }],
  ],
  [
    'directive with a list and code',
    ':::important\n1. first\n2. second\n\n```js\nconst a = 1;\n```\n:::',
    [
      {
        class: 'callout callout-important',
        label: 'Important',
        title: 'Important',
        content: expect.stringMatching(/^<ol><li>first<\/li><li>second<\/li><\/ol><div class="code-block">/) as unknown as string,
      },
    ],
  ],
  [
    'a directive in a list item',
    '- step one\n\n  :::tip\n  Inside the list.\n  :::',
    [{ class: 'callout callout-tip', label: 'Tip', title: 'Tip', content: '<p>Inside the list.</p>' }],
  ],
  [
    'a directive holding an alert (nested: both drawn)',
    '::::note[Outer]\nBefore.\n\n> [!WARNING]\n> Inner.\n::::',
    [
      {
        class: 'callout callout-note',
        label: 'Outer',
        title: 'Outer',
        content: expect.stringContaining(
          '<p>Before.</p><aside class="callout callout-warning" role="note" aria-label="Warning">',
        ) as unknown as string,
      },
      { class: 'callout callout-warning', label: 'Warning', title: 'Warning', content: '<p>Inner.</p>' },
    ],
  ],
  [
    'two callouts of one kind, each its own aside',
    '> [!NOTE]\n> One.\n\n> [!NOTE]\n> Two.',
    [
      { class: 'callout callout-note', label: 'Note', title: 'Note', content: '<p>One.</p>' },
      { class: 'callout callout-note', label: 'Note', title: 'Note', content: '<p>Two.</p>' },
    ],
  ],
];

describe('callouts as writers write them', () => {
  it.each(CASES)('%s', async (_form, body, expected) => {
    expect(await callouts(body)).toEqual(expected);
  });
});

describe("a writer's title", () => {
  it('keeps its Markdown: code, emphasis and strong text inside the title', async () => {
    const html = await render('> [!note] Use `npm ci` *in CI*\n> x\n\n:::tip[Use **bold**]\ny\n:::');
    expect(html).toContain('<strong>Use <code>npm ci</code> <em>in CI</em></strong></p>');
    expect(html).toContain('<strong>Use <strong>bold</strong></strong></p>');
  });
});

describe('hostile callouts', () => {
  it.each([
    ['raw HTML in a title', '> [!NOTE] <img src="data:," onerror="alert(1)"> Hi\n> body'],
    ['raw HTML in a directive label', ':::tip[<script>alert(1)</script>Hi]\nbody\n:::'],
    ['a script in the content', ':::note\n<script>alert(1)</script>\n\n<b onclick="alert(1)">x</b>\n:::'],
  ])('are sanitised: %s', async (_form, body) => {
    const html = await render(body);
    expect(html).toContain('<aside class="callout');
    expect(html).not.toMatch(/<script|onerror|onclick|style=/i);
  });

  it("draws a writer's raw <div data-callout> only for a known kind, and never keeps an unknown mark", async () => {
    expect(await render('<div data-callout="evil" data-callout-fold="x">Hi</div>')).toBe('<div>Hi</div>');
    expect(await render('<div data-callout="note">Hi</div>')).toMatch(
      /^<aside class="callout callout-note" role="note" aria-label="Note">/,
    );
  });
});

/** Prose that micromark-extension-directive would read as a text (`:name`) or leaf (`::name`) directive. */
const PROSE: Array<[string, string, string]> = [
  ['a word and a colon', 'Note:important, read this.', '<p>Note:important, read this.</p>'],
  ['double colons in a sentence', 'see the docs::here for more', '<p>see the docs::here for more</p>'],
  ['C++ scope', 'Use std::vector and std::map::find.', '<p>Use std::vector and std::map::find.</p>'],
  ['a time and a ratio', 'We meet at 12:30 in 16:9.', '<p>We meet at 12:30 in 16:9.</p>'],
  ['brackets and braces after a colon', 'Call obj:method[0]{x} now.', '<p>Call obj:method[0]{x} now.</p>'],
  ['an emoji shortcode', 'Ship it :rocket: today.', '<p>Ship it :rocket: today.</p>'],
  ['a CSS pseudo-element at the start of a line', '::before and ::after', '<p>::before and ::after</p>'],
  ['a leaf directive alone on its line', '::youtube[Video]{#abc}', '<p>::youtube[Video]{#abc}</p>'],
  [
    'a bare URL with a colon in its path',
    'See https://example.com/a:b here.',
    '<p>See <a href="https://example.com/a:b" rel="noopener">https://example.com/a:b</a> here.</p>',
  ],
  [
    'a mailto address',
    'Write to mailto:team@example.com.',
    '<p>Write to mailto:<a href="mailto:team@example.com">team@example.com</a>.</p>',
  ],
  ['three colons alone', ':::', '<p>:::</p>'],
  ["Pandoc's fenced div", '::: {.note}\nx\n:::', '<p>::: {.note}\nx\n:::</p>'],
  ['an unknown container directive', ':::details[More]\nHidden text.\n:::', '<p>:::details[More]</p>\n<p>Hidden text.</p>\n<p>:::</p>'],
  ['a quote with an unknown marker', '> [!NOTTE]\n> x', '<blockquote>\n<p>[!NOTTE]\nx</p>\n</blockquote>'],
  ['a marker outside a quote', '[!NOTE] in a sentence', '<p>[!NOTE] in a sentence</p>'],
  ['a marker later in a quote', '> As said: [!NOTE] here', '<blockquote>\n<p>As said: [!NOTE] here</p>\n</blockquote>'],
  ['an empty marker', '> [!]\n> x', '<blockquote>\n<p>[!]\nx</p>\n</blockquote>'],
  ['directives in inline code', 'Write `:::note` or `> [!NOTE]`.', '<p>Write <code>:::note</code> or <code>> [!NOTE]</code>.</p>'],
];

describe('prose that looks like a directive stays as written', () => {
  it.each(PROSE)('%s', async (_form, body, expected) => {
    expect(await render(body)).toBe(expected);
  });
});

describe('callouts in feeds', () => {
  it('become quotes opening with their title in bold, content kept, icon left out', async () => {
    const html = feedHtml(await render('> [!tip] Measure *first*\n> Then [cut](/cut/).'), 'https://blog.example.com/blog/x/');
    expect(html).toMatch(
      /^<blockquote><p><strong>Measure <em>first<\/em><\/strong><\/p>\s*<p>Then <a href="https:\/\/blog\.example\.com\/cut\/"[^>]*>cut<\/a>\.<\/p>\s*<\/blockquote>$/,
    );
    expect(html).not.toContain('<svg');
  });

  it('keep a folded callout folded', async () => {
    const html = feedHtml(await render('> [!NOTE]- More\n> Hidden.'), 'https://blog.example.com/blog/x/');
    expect(html).toMatch(
      /^<blockquote><details><summary><strong>More<\/strong><\/summary>\s*<p>Hidden\.<\/p>\s*<\/details><\/blockquote>$/,
    );
  });
});
