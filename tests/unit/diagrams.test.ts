import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { markdownConfigDefaults } from '@astrojs/markdown-remark';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import type { Element } from 'hast';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { afterAll, describe, expect, it } from 'vitest';
import { damageFound } from '#src/lib/build/cache-integrity.ts';
import { feedHtml } from '#src/lib/feeds/feed-html.ts';
import { DIAGRAM_CACHE_FOLDER, drawCounts } from '#src/lib/markdown/diagrams/draw.ts';
import { rehypeDiagrams, remarkDiagrams } from '#src/lib/markdown/diagrams/rehype-diagrams.ts';
import { markdownProcessor, shikiConfig, syntaxHighlight } from '#src/lib/markdown/pipeline.ts';
import { rehypeSanitizePost } from '#src/lib/markdown/rehype-sanitize-post.ts';
import { createBodyRenderer } from '#src/lib/markdown/render-body.ts';
import { diagramProblems } from '#tools/check/diagrams.ts';
import { svgFindings } from '#tools/check/svg-safety.ts';
import { SITE } from '#src/site.config.ts';

const caches: string[] = [];
const newCache = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'diagrams-'));
  caches.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of caches) rmSync(dir, { recursive: true, force: true });
});

/** A post body through the pipeline's order: remark (diagrams noted), the sanitiser, then the diagrams drawn. */
async function render(markdown: string, cacheDir?: string): Promise<string> {
  const file = await unified()
    .use(remarkParse)
    .use(remarkDiagrams)
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeSanitizePost)
    .use(rehypeDiagrams, { cacheDir })
    .use(rehypeStringify)
    .process({ value: markdown, path: '/site/src/content/blog/post.md' });
  return String(file);
}

const fence = (code: string, meta = '') => `\`\`\`mermaid${meta ? ` ${meta}` : ''}\n${code}\n\`\`\``;

/** The elements named `tag` in `html`, parsed as a browser parses the page. */
function elements(html: string, tag: string): Element[] {
  const found: Element[] = [];
  visit(fromHtml(html, { fragment: true }), 'element', (node: Element) => {
    if (node.tagName === tag) found.push(node);
  });
  return found;
}
const svgsOf = (html: string) => elements(html, 'svg');
const label = (svg: Element) => String(svg.properties['ariaLabel']);

/** Every diagram kind drawn, as writers write them (Mermaid's own docs' forms). */
const KINDS: Array<[string, string, RegExp]> = [
  [
    'graph TD',
    'graph TD\n  A[Start] --> B{Is it?}\n  B -->|Yes| C[OK]\n  B -->|No| D[End]',
    /^Flowchart: Start → Is it\?; Is it\? → OK: Yes; Is it\? → End: No\.$/,
  ],
  [
    'flowchart LR with a subgraph',
    'flowchart LR\n  subgraph one [Edge]\n    a1 --> a2\n  end\n  a2 --> b1',
    /^Flowchart: (a2 → b1; a1 → a2|a1 → a2; a2 → b1)\.$/,
  ],
  ['graph with ; separators', 'graph LR; A-->B; B-->C;', /^Flowchart: A → B; B → C\.$/],
  [
    'links written without spaces (lukilabs/beautiful-mermaid#140)',
    'graph TD\n  A-->B\n  B-.->C\n  C==>D\n  my-node---A',
    /^Flowchart: A → B; B → C; C → D; my-node → A\.$/,
  ],
  ['a link label between pipes, no spaces', 'flowchart LR\n  A-->|a -- b|B', /^Flowchart: A → B: a -- b\.$/],
  ['a ; inside a label', 'graph TD\n  A["x; y"] --> B(a;b)', /^Flowchart: x; y → a;b\.$/],
  [
    'sequenceDiagram',
    'sequenceDiagram\n  Alice->>John: Hello John, how are you?\n  John-->>Alice: Great!',
    /^Sequence diagram: Alice → John: Hello John, how are you\?; John → Alice: Great!\.$/,
  ],
  [
    'sequenceDiagram with participants',
    'sequenceDiagram\n  participant B as Browser\n  participant S as Server\n  B->>S: GET /\n  S-->>B: 200',
    /^Sequence diagram: Browser → Server: GET \/; Server → Browser: 200\.$/,
  ],
  ['classDiagram', 'classDiagram\n  Animal <|-- Duck\n  Animal : +int age\n  Duck : +swim()', /^Class diagram: Animal → Duck\.$/],
  [
    'stateDiagram-v2',
    'stateDiagram-v2\n  [*] --> Still\n  Still --> Moving: push\n  Moving --> [*]',
    /^State diagram: start → Still; Still → Moving: push; Moving → end\.$/,
  ],
  ['stateDiagram (v1)', 'stateDiagram\n  [*] --> Idle\n  Idle --> Busy', /^State diagram: start → Idle; Idle → Busy\.$/],
  [
    'erDiagram',
    'erDiagram\n  CUSTOMER ||--o{ ORDER : places\n  ORDER ||--|{ LINE-ITEM : contains',
    /^Entity-relationship diagram: CUSTOMER → ORDER: places; ORDER → LINE-ITEM: contains\.$/,
  ],
  [
    'erDiagram with "zero or more" on the left',
    'erDiagram\n  POST }o--o{ TAG : has\n  TAG }o..|| GROUP : "is in"',
    /^Entity-relationship diagram: POST → TAG: has; TAG → GROUP: is in\.$/,
  ],
  ['a %% comment first', '%% the request path\ngraph TD\n  A --> B', /^Flowchart: A → B\.$/],
  ['a lone node', 'graph TD\n  A[Only me]', /^Flowchart: Only me\.$/],
];

describe('```mermaid diagrams', () => {
  it.each(KINDS)('are drawn as an SVG figure with a generated text alternative: %s', async (_kind, code, alternative) => {
    const html = await render(fence(code));
    const [figure] = elements(html, 'figure');
    expect(figure?.properties['className']).toContain('diagram');
    const [svg] = svgsOf(html);
    expect(svg?.properties['role']).toBe('img');
    expect(label(svg!)).toMatch(alternative);
    // The same words for feeds and search, hidden on the page.
    const [text] = elements(html, 'p');
    expect(text?.properties['hidden']).toBe(true);
    expect(text?.children).toEqual([{ type: 'text', value: label(svg!), position: expect.anything() }]);
    expect(html).not.toContain('language-mermaid');
  });

  it.each([
    [
      'a fence title in double quotes',
      fence('graph TD\n  A --> B', 'title="How a request flows"'),
      'How a request flows. Flowchart: A → B.',
      'How a request flows',
    ],
    [
      'a fence title in single quotes',
      fence('graph TD\n  A --> B', "title='Request path'"),
      'Request path. Flowchart: A → B.',
      'Request path',
    ],
    ['accTitle', fence('graph TD\n  accTitle: The path\n  A --> B'), 'The path. Flowchart: A → B.', undefined],
    [
      'accTitle and accDescr',
      fence('graph TD\n  accTitle: The path\n  accDescr: A goes to B\n  A --> B'),
      'The path. A goes to B',
      undefined,
    ],
    [
      'an accDescr block over lines',
      fence('sequenceDiagram\n  accDescr {\n    Alice greets\n    Bob\n  }\n  Alice->>Bob: Hi'),
      'Alice greets Bob',
      undefined,
    ],
    [
      'accTitle beside a fence title',
      fence('graph TD\n  accTitle: Named\n  A --> B', 'title="Shown"'),
      'Named. Flowchart: A → B.',
      'Shown',
    ],
  ])("take the writer's words: %s", async (_form, markdown, alternative, caption) => {
    const html = await render(markdown);
    const [svg] = svgsOf(html);
    expect(label(svg!)).toBe(alternative);
    const captions = elements(html, 'figcaption');
    expect(captions.map((node) => toHtml(node.children))).toEqual(caption ? [caption] : []);
    // The accessibility lines are the writer's words, not shapes: nothing named accTitle is drawn.
    expect(toHtml(svg!)).not.toMatch(/accTitle|accDescr/);
  });

  it.each([
    ['<script>', 'graph TD\n  A["<script>alert(1)</script>"] --> B', '<script>alert(1)</script>'],
    ['quotes', 'graph TD\n  A["say #quot;hi#quot; \'now\'"] --> B', 'say'],
    ['an ampersand', 'graph TD\n  A[Fish & chips] -->|salt & vinegar| B', 'Fish & chips'],
    ['</svg>', 'graph TD\n  A["</svg><img src=x onerror=alert(1)>"] --> B', '</svg>'],
    ['a sequence message', 'sequenceDiagram\n  A->>B: </svg><script>x()</script> & "q"', '</svg><script>x()</script> & "q"'],
    ['an ER label', 'erDiagram\n  A ||--o{ B : "<b onmouseover=x()>"', '<b onmouseover=x()>'],
    ['a fence title', fence('graph TD\n  A --> B', 'title="</figcaption><script>x()</script>"'), '</figcaption><script>x()</script>'],
  ])('escape what the writer wrote in labels: %s', async (_form, code, text) => {
    const html = await render(code.startsWith('```') ? code : fence(code));
    // One drawing, no element the label tried to open, and the label's text intact somewhere in the figure.
    expect(svgsOf(html)).toHaveLength(1);
    for (const tag of ['script', 'img', 'b']) expect(elements(html, tag)).toEqual([]);
    visit(fromHtml(html, { fragment: true }), 'element', (node: Element) => {
      expect(Object.keys(node.properties).filter((name) => /^on/i.test(name))).toEqual([]);
    });
    const texts: string[] = [];
    visit(fromHtml(html, { fragment: true }), 'text', (node) => void texts.push(node.value));
    expect(texts.join('')).toContain(text);
  });

  it('give two diagrams on one page ids of their own, and every reference points inside its own SVG', async () => {
    const same = 'graph TD\n  A --> B\n  B --> C';
    const html = await render(`${fence(same)}\n\nText.\n\n${fence(same)}\n\n${fence('stateDiagram-v2\n  [*] --> A')}`);
    const svgs = svgsOf(html);
    expect(svgs).toHaveLength(3);
    const all: string[] = [];
    for (const svg of svgs) {
      const ids: string[] = [];
      const references: string[] = [];
      visit(svg, 'element', (node: Element) => {
        if (typeof node.properties['id'] === 'string') ids.push(node.properties['id']);
        for (const value of Object.values(node.properties))
          for (const match of String(value).matchAll(/url\(#([^)]+)\)/g)) references.push(match[1]!);
      });
      expect(references.length).toBeGreaterThan(0);
      for (const reference of references) expect(ids).toContain(reference);
      all.push(...ids);
    }
    expect(new Set(all).size).toBe(all.length);
    // No id is a shape's Mermaid name, which could be a heading's id on the page.
    expect(all.filter((id) => !id.startsWith('diagram-'))).toEqual([]);
  });

  it.each(KINDS)('put no style attribute, outside address or script anywhere, and pass the SVG safety rules: %s', async (_kind, code) => {
    const html = await render(fence(code));
    expect(html).not.toMatch(/\sstyle=/);
    expect(html).not.toMatch(/@import|googleapis|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    const [svg] = svgsOf(html);
    expect(svgFindings(toHtml(svg!, { space: 'svg' }))).toEqual([]);
    // Its colours are the theme's variables, not the library's zinc.
    const style = elements(html, 'style')[0];
    expect(toHtml(style!.children)).toContain('--_text:var(--text)');
    expect(html).not.toMatch(/#[0-9a-f]{6}\b/i);
  });

  it.each([
    ['an unknown kind', 'pie title Pets\n  "Dogs" : 386', /Invalid mermaid header: "pie title Pets"/],
    ['a gantt chart', 'gantt\n  title A plan\n  section A\n  Task :a1, 2024-01-01, 30d', /Invalid mermaid header: "gantt"/],
    ['an xychart (its look needs a stylesheet of its own)', 'xychart-beta\n  x-axis [a, b]\n  bar [1, 2]', /xychart is not drawn here/],
    ['a misspelt header', 'grpah TD\n  A --> B', /Invalid mermaid header: "grpah TD"/],
  ])('that cannot be drawn show their source with a note, never a crash: %s', async (_form, code, message) => {
    const html = await render(fence(code));
    expect(svgsOf(html)).toEqual([]);
    const [note] = elements(html, 'p');
    expect(toHtml(note!.children)).toMatch(message);
    expect(elements(html, 'code')[0]?.properties['className']).toEqual(['language-mermaid']);
  });

  it('leave other code, and raw HTML dressed as a diagram, as code', async () => {
    const html = await render('```js\nlet a;\n```\n\n<pre><code class="language-mermaid">graph TD\n A --> B</code></pre>');
    expect(svgsOf(html)).toEqual([]);
    expect(elements(html, 'code')).toHaveLength(2);
  });

  it('reach feeds as their text alternative, without the SVG', async () => {
    const html = await render(fence('graph TD\n  A[Browser] --> B[Server]', 'title="The trip"'));
    const feed = feedHtml(html, 'https://example.com/blog/post/');
    expect(feed).not.toContain('<svg');
    expect(feed).toContain('<p>The trip. Flowchart: Browser → Server.</p>');
    expect(feed).toContain('<figcaption>The trip</figcaption>');
  });

  it('scroll in their own focusable box when wider than a phone can shrink them', async () => {
    const wide = `graph LR\n  ${Array.from({ length: 9 }, (_, i) => `N${i}[Step number ${i}] --> N${i + 1}[Step number ${i + 1}]`).join('\n  ')}`;
    const [figure] = elements(await render(fence(wide)), 'figure');
    expect(figure?.properties['className']).toEqual(['diagram', 'diagram--wide']);
    const [box] = elements(toHtml(figure!), 'section');
    expect(box?.properties).toMatchObject({ className: ['diagram__scroll'], tabIndex: 0, ariaLabel: 'Flowchart, scrolls sideways' });
    const [narrow] = elements(await render(fence('graph TD\n  A --> B')), 'div');
    expect(narrow?.properties['tabIndex']).toBeUndefined();
  });
});

describe("the site's pipeline", () => {
  it('leaves ```mermaid to the diagrams (Shiki is told to skip it) and highlights the other fences', async () => {
    const root = path.resolve(import.meta.dirname, '../..') + '/';
    // The pipeline keeps drawings under BLOG_CACHE_DIR: a folder of this test's, not the project's.
    const saved = process.env['BLOG_CACHE_DIR'];
    process.env['BLOG_CACHE_DIR'] = newCache();
    const processor = markdownProcessor({ root, base: '/', origins: [SITE.url] });
    if (saved === undefined) delete process.env['BLOG_CACHE_DIR'];
    else process.env['BLOG_CACHE_DIR'] = saved;
    const renderBody = await createBodyRenderer(processor, {
      ...markdownConfigDefaults,
      syntaxHighlight,
      shikiConfig: { ...markdownConfigDefaults.shikiConfig, ...shikiConfig },
    });
    const body = `${fence('graph TD\n  A --> B', 'title="T"')}\n\n\`\`\`js\nlet a = 1;\n\`\`\``;
    const { html } = await renderBody({ body, frontmatter: {}, filePath: path.join(newCache(), 'post.md') });
    expect(svgsOf(html)).toHaveLength(1);
    expect(elements(html, 'figcaption').map((node) => toHtml(node.children))).toEqual(['T']);
    expect(elements(html, 'pre').map((pre) => pre.properties['dataLanguage'])).toEqual(['js']);
  });
});

describe('the diagram cache', () => {
  const code = 'graph TD\n  Cached --> Drawing';
  const entries = (dir: string) => readdirSync(path.join(dir, DIAGRAM_CACHE_FOLDER)).filter((name) => name.endsWith('.json'));

  it('draws a diagram once: a second render takes it from disk, and gives the same page', async () => {
    const dir = newCache();
    const before = { ...drawCounts };
    const first = await render(fence(code), dir);
    expect(drawCounts.drawn - before.drawn).toBe(1);
    const second = await render(fence(code), dir);
    expect(drawCounts.drawn - before.drawn).toBe(1);
    expect(drawCounts.kept - before.kept).toBe(1);
    expect(second).toBe(first);
    expect(entries(dir)).toHaveLength(1);
  });

  it.each([
    ['cut short', (text: string) => text.slice(0, text.length / 2)],
    ['a changed byte in the SVG', (text: string) => text.replace('Drawing', 'Drawinx')],
    ['not JSON', () => 'junk'],
    ['sealed, but for another source', (text: string) => text.replaceAll(/"key\\":\\"[0-9a-f]+/g, '"key\\":\\"0000')],
  ])('draws again, and counts the damage, when an entry is %s', async (_damage, damage) => {
    const dir = newCache();
    const clean = await render(fence(code), dir);
    const [name] = entries(dir);
    const file = path.join(dir, DIAGRAM_CACHE_FOLDER, name!);
    writeFileSync(file, damage(readFileSync(file, 'utf8')));
    const drawn = drawCounts.drawn;
    const damaged = damageFound()['diagram'] ?? 0;
    expect(await render(fence(code), dir)).toBe(clean);
    expect(drawCounts.drawn).toBe(drawn + 1);
    expect(damageFound()['diagram']).toBe(damaged + 1);
  });

  it('keeps a diagram that cannot be drawn with its message, so the checker and the build try it once', async () => {
    const dir = newCache();
    const drawn = drawCounts.drawn;
    expect(await diagramProblems(fence('pie\n  "a": 1'), dir)).toHaveLength(1);
    expect(await render(fence('pie\n  "a": 1'), dir)).toContain('could not be drawn');
    expect(drawCounts.drawn).toBe(drawn + 1);
  });
});

describe('the check of diagrams', () => {
  it.each([
    ['no diagram', 'Just text about mermaid tails.\n\n```js\nlet mermaid = 1;\n```', []],
    ['a good diagram', `Intro.\n\n${fence('graph TD\n  A --> B')}`, []],
    ['an unknown kind on line 3', `Intro.\n\n${fence('pie\n  "a": 1')}`, [3]],
    ['an empty diagram', `${fence('')}`, [1]],
    ['two bad ones', `${fence('gantt')}\n\nText.\n\n- a list:\n\n  ${fence('pie').replaceAll('\n', '\n  ')}`, [1, 9]],
    ['a fence with a title', `A\n\nB\n\n${fence('flowchart XX\n  A --> B', 'title="T"')}\n\n${fence('nope', 'title="T"')}`, [5, 10]],
    ['a diagram shown as text', '```text\npie\n```', []],
  ])('reports each fence that cannot be drawn on its line: %s', async (_form, body, lines) => {
    const problems = await diagramProblems(body, newCache());
    expect(problems.map((problem) => problem.line)).toEqual(lines);
    for (const problem of problems) expect(problem.message).toMatch(/^has (a|an empty) ```mermaid diagram/);
  });

  it("names the library's message and the fix", async () => {
    const [problem] = await diagramProblems(fence('pie\n  "a": 1'), newCache());
    expect(problem?.message).toBe(
      'has a ```mermaid diagram that cannot be drawn: Invalid mermaid header: "pie". Expected "graph TD", "flowchart LR", "stateDiagram-v2", etc. ' +
        '(drawn here: flowchart (graph), sequenceDiagram, classDiagram, stateDiagram-v2 and erDiagram). Fix the diagram, or write ```text to show it as code',
    );
  });
});
