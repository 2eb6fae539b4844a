import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import temml from 'temml';
import { unified } from 'unified';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { feedHtml } from '../../src/lib/feeds/feed-html.ts';
import { rehypeMath } from '../../src/lib/markdown/rehype-math.ts';
import { rehypeSanitizePost } from '../../src/lib/markdown/rehype-sanitize-post.ts';
import { remarkMath } from '../../src/lib/markdown/remark-math.ts';
import { renderMath, unknownDeclarations } from '../../src/lib/markdown/render-math.ts';
import { bodyMistakes } from '../../tools/check/body.ts';
import { damageFound } from '../../src/lib/build/cache-integrity.ts';
import { STYLE_CLASSES } from '../../src/lib/markdown/render-math.ts';
import { MathChecks } from '../../tools/check/math-cache.ts';
import { markdownMathProblems, mayHaveMath } from '../../tools/check/math-check.ts';
import { checkProject, newProject, writePosts } from '../helpers/check-project.ts';

describe('loading Temml', () => {
  it('happens for the first post with a formula, never for a post without one', async () => {
    vi.resetModules();
    const fresh = await import('../../src/lib/markdown/render-math.ts');
    const { rehypeMath: freshRehypeMath } = await import('../../src/lib/markdown/rehype-math.ts');
    const run = async (markdown: string) =>
      String(
        await unified().use(remarkParse).use(remarkMath).use(remarkRehype).use(freshRehypeMath).use(rehypeStringify).process(markdown),
      );
    expect(await run('No formula here, and $5 a month.')).toBe('<p>No formula here, and $5 a month.</p>');
    expect(fresh.mathRendererLoaded()).toBe(false);
    expect(await run('Let $x$ be.')).toContain('<math alttext="x">');
    expect(fresh.mathRendererLoaded()).toBe(true);
  });
});

/** A .md body through the parts of the pipeline that math passes: parse, sanitise, render. */
const html = (markdown: string, path = 'post.md') =>
  String(
    unified()
      .use(remarkParse)
      .use(remarkMath)
      .use(remarkRehype, { allowDangerousHtml: true })
      .use(rehypeSanitizePost)
      .use(rehypeMath)
      .use(rehypeStringify)
      .processSync({ value: markdown, path }),
  ).trim();

/** The TeX of each formula in the output, from its alttext, and whether it is displayed. */
const formulas = (output: string) =>
  [...output.matchAll(/<math( display="block")?[^>]*? alttext="([^"]*)"/g)].map((match) => ({
    display: Boolean(match[1]),
    tex: match[2]!.replaceAll('&#x26;', '&').replaceAll('&#x3C;', '<').replaceAll('&quot;', '"'),
  }));

describe('money stays prose', () => {
  it.each([
    ['costs $5 a month, or $50 a year', 'costs $5 a month, or $50 a year'],
    ['$5–$10', '$5–$10'],
    ['$5-$10 a seat', '$5-$10 a seat'],
    ['$5/$10 plans', '$5/$10 plans'],
    ['between $3 and $4', 'between $3 and $4'],
    ['from $3 to $4.', 'from $3 to $4.'],
    ['US$20 and US$30', 'US$20 and US$30'],
    ['C$5, A$7 and NZ$9', 'C$5, A$7 and NZ$9'],
    ['$1,000 or $2,500', '$1,000 or $2,500'],
    ['$1.5M seed, then a $12M series A', '$1.5M seed, then a $12M series A'],
    ['prices: $5, $10, and $20', 'prices: $5, $10, and $20'],
    ['($5) or ($10)', '($5) or ($10)'],
    ['5$ et 10$ par mois', '5$ et 10$ par mois'],
    ['cost 5$, then 10$.', 'cost 5$, then 10$.'],
    ['\\$5 and \\$6', '$5 and $6'],
    ['escaped \\$x\\$ is text', 'escaped $x$ is text'],
    ['a lone $ sign', 'a lone $ sign'],
    ['$ 5 and $ 6', '$ 5 and $ 6'],
    ['$x $ is not closed', '$x $ is not closed'],
    ['the $5 plan, the $10 plan', 'the $5 plan, the $10 plan'],
    ['Earn $100k–$150k a year', 'Earn $100k–$150k a year'],
    ['$$$ money', '$$$ money'],
    ['`$x$` in code', '<code>$x$</code> in code'],
  ])('%s', (markdown, expected) => {
    const output = html(markdown);
    expect(output).not.toContain('<math');
    expect(output).toBe(`<p>${expected}</p>`);
  });
});

describe('math renders inline', () => {
  it.each([
    ['$E = mc^2$', ['E = mc^2']],
    ['Let $x$ be real.', ['x']],
    ['the $n$-th term and $n$th', ['n', 'n']],
    ['$O(n^2)$ time', ['O(n^2)']],
    ['$\\frac{a}{b}$', ['\\frac{a}{b}']],
    ['$a < b$ and $b > c$', ['a < b', 'b > c']],
    ['$a \\$ b$: an escaped dollar inside', ['a \\$ b']],
    ['costs $5 an hour, and runs in $O(n)$.', ['O(n)']],
    ['the price $p$ is $5.', ['p']],
    ['$x$, $y$ and $z$', ['x', 'y', 'z']],
    ['($x$)', ['x']],
    ['设$x$为实数', ['x']],
    ['a $$x^2$$ in a sentence', ['x^2']],
    ['across\n$a +\nb$ lines', ['a +\nb']],
    ['**bold $x$** and _$y$_', ['x', 'y']],
    ['[link $x$](/a/)', ['x']],
  ])('%s', (markdown, expected) => {
    const found = formulas(html(markdown));
    expect(found.map((f) => f.tex)).toEqual(expected);
    expect(found.every((f) => !f.display)).toBe(true);
  });
});

describe('math renders as a display formula', () => {
  it.each([
    ['$$ fences', '$$\n\\sum_{i=1}^n i\n$$', '\\sum_{i=1}^n i'],
    ['$$ fences, indented', '  $$\n  x^2\n  $$', 'x^2'],
    ['one line $$…$$', '$$E = mc^2$$', 'E = mc^2'],
    ['one line $$ … $$ with spaces', '$$ a + b $$', 'a + b'],
    ['$$ starting a line, ending on another', '$$a +\nb$$', 'a +\nb'],
    ['```math (GitHub)', '```math\n\\frac{1}{2}\n```', '\\frac{1}{2}'],
    ['~~~math', '~~~math\nx\n~~~', 'x'],
    ['an aligned environment', '$$\n\\begin{aligned}a&=b\\\\c&=d\\end{aligned}\n$$', '\\begin{aligned}a&=b\\\\c&=d\\end{aligned}'],
    ['a numbered align', '$$\n\\begin{align}a&=b\\end{align}\n$$', '\\begin{align}a&=b\\end{align}'],
  ])('%s', (_form, markdown, tex) => {
    const output = html(markdown);
    expect(formulas(output)).toEqual([{ display: true, tex }]);
    expect(output).toMatch(/^<div class="math-display" tabindex="0"><math display="block"/);
    expect(output).not.toContain('<pre');
  });

  it('after a paragraph, with no blank line', () => {
    expect(formulas(html('The formula:\n$$\nx\n$$\nand after.'))).toContainEqual({ display: true, tex: 'x' });
  });
});

describe('what Temml writes is fit for the CSP', () => {
  const corpus = [
    '\\hat{x} + \\vec{v} + \\bar{x} + \\widehat{abc} + \\tilde{x}',
    '\\underbrace{a+b}_{n} + \\overbrace{a+b}^{n}',
    '\\begin{aligned}a&=b\\\\c&=d\\end{aligned}',
    '\\begin{cases}1 & x>0\\\\0 & \\text{else}\\end{cases}',
    '\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}',
    '\\begin{bmatrix}1&2\\\\3&4\\end{bmatrix}',
    '\\begin{array}{c|c}a&b\\\\\\hline c&d\\end{array}',
    '\\begin{array}{l:r}a&b\\\\\\hdashline c&d\\end{array}',
    '\\begin{align}a&=b\\tag{1}\\end{align}',
    '\\begin{gather}a\\\\b\\end{gather}',
    '\\begin{equation}x\\end{equation}',
    '\\begin{CD}A @>a>> B\\end{CD}',
    '\\boxed{x} + \\fbox{t} + \\cancel{x} + \\bcancel{y}',
    '\\color{red}{x} + \\textcolor{blue}{y} + \\colorbox{yellow}{z}',
    '\\mathit{12} + \\mathbf{x} + \\boldsymbol{\\alpha} + \\mathbb{R}',
    '\\sideset{_1^2}{_3^4}\\sum',
    '\\xrightarrow{f} \\overset{!}{=} \\stackrel{?}{=}',
    '\\sum_{i=1}^n \\int_0^\\infty \\prod \\lim_{x\\to 0} \\sqrt[3]{x}',
  ];

  it.each(corpus.flatMap((tex) => [[tex, false] as const, [tex, true] as const]))('%s (display: %s)', (tex, display) => {
    const environment = /\\begin\{(?:align|gather|equation|CD)\}|\\tag/.test(tex);
    if (environment && !display) return;
    // Every declaration Temml writes for this corpus has a class or an attribute.
    const raw = temml.renderToString(tex, { displayMode: display, annotate: true, throwOnError: true });
    const styles = [...raw.matchAll(/ style="([^"]*)"/g)].map((match) => match[1]!);
    expect(styles.flatMap(unknownDeclarations)).toEqual([]);
    const output = html(display ? `$$\n${tex}\n$$` : `$${tex}$`);
    expect(output).toContain('<math');
    expect(output).not.toMatch(/\sstyle=/);
  });

  it('finds the styles it is there to replace', () => {
    const raw = temml.renderToString('\\hat{x}\\color{red}{y}', { throwOnError: true });
    expect(raw).toMatch(/ style="/);
    const output = html('$\\hat{x}\\color{red}{y}$');
    expect(output).toContain('class="chr-sml wbk-sml-acc math-depth-0"');
    expect(output).toContain('mathcolor="#ff0000"');
  });

  it('gives every class it writes a rule in src/styles/math.css', () => {
    const css = readFileSync(path.resolve(import.meta.dirname, '../../src/styles/math.css'), 'utf8');
    const classes = [...new Set(Object.values(STYLE_CLASSES))];
    expect(classes.length).toBeGreaterThan(10);
    for (const name of classes) expect(css, name).toMatch(new RegExp(`\\.${name} \\{`));
  });

  it('reports a declaration it does not know', () => {
    expect(unknownDeclarations('math-depth:0; position: absolute;color:red')).toEqual(['position:absolute']);
  });
});

describe('accessibility', () => {
  it('keeps the TeX as alttext and as an annotation', () => {
    const output = html('$\\alpha^2$');
    expect(output).toContain('alttext="\\alpha^2"');
    expect(output).toContain('<annotation encoding="application/x-tex">\\alpha^2</annotation>');
  });
});

describe('math in a heading', () => {
  it('keeps the TeX in alttext only, so the heading reads once (ids, table of contents)', () => {
    expect(html('## The $O(n)$ bound')).toBe(
      '<h2>The <math alttext="O(n)"><semantics><mrow><mi>O</mi><mrow><mo fence="true" form="prefix" stretchy="false">(</mo><mi>n</mi><mo fence="true" form="postfix" stretchy="false">)</mo></mrow></mrow></semantics></math> bound</h2>',
    );
    expect(html('The $O(n)$ bound')).toContain('<annotation encoding="application/x-tex">O(n)</annotation>');
  });
});

describe('TeX that does not parse', () => {
  it.each([
    ['an unclosed brace', '$\\frac{1}{$', "Unexpected end of input in a macro argument, expected '}'"],
    ['an unknown command', '$\\foo$', 'Unsupported function name: \\foo'],
    ['a display-only environment inline', '$\\begin{align}a\\end{align}$', '{align} can be used only in display mode'],
    ['\\href, which stays untrusted', '$\\href{javascript:alert(1)}{x}$', 'Unsupported function name: \\href'],
    ['a macro that never ends', '$\\def\\a{\\a\\a}\\a$', 'Too many expansions'],
  ])('shows the source, marked, for %s', (_what, markdown, message) => {
    const output = html(markdown);
    expect(output).not.toContain('<math');
    expect(output).toContain('class="math-error"');
    expect(output).toContain(message.replaceAll("'", '&#x27;'));
  });

  it('in a display formula, as a marked block', () => {
    expect(html('$$\n\\frac{1}{\n$$')).toMatch(
      /^<div class="math-display math-error" title="TeX error: [^"]+">\$\$\n\\frac\{1\}\{\n\$\$<\/div>$/,
    );
  });

  it('gives the parser message and where it stopped', () => {
    expect(renderMath('a + \\frac{1}{', { display: false, macros: {} })).toMatchObject({ math: null, position: 13 });
  });
});

describe('macros', () => {
  it('a \\gdef holds in the formulas after it, in one post only', () => {
    expect(formulas(html('$\\gdef\\myset{\\mathbb{R}}$ and $x \\in \\myset$')).map((f) => f.tex)).toEqual([
      '\\gdef\\myset{\\mathbb{R}}',
      'x \\in \\myset',
    ]);
    expect(html('$x \\in \\myset$')).toContain('math-error');
  });
});

describe('feeds', () => {
  it('keep the MathML and its TeX, without classes', () => {
    const feed = feedHtml(html('Let $\\color{red}{x} = \\hat{y}$.\n\n$$\n\\frac{1}{2}\n$$'), 'https://example.com/blog/a/');
    expect(feed).toContain('<math alttext="\\color{red}{x} = \\hat{y}"><semantics><mrow><mi mathcolor="#ff0000">x</mi>');
    expect(feed).toContain('<math display="block" alttext="\\frac{1}{2}"><semantics><mfrac><mn>1</mn><mn>2</mn></mfrac>');
    expect(feed).toContain('<annotation encoding="application/x-tex">\\frac{1}{2}</annotation>');
    expect(feed).not.toContain('class=');
  });

  it('clean MathML written as raw HTML in a post', () => {
    const output = html(
      '<math><mi onclick="alert(1)" style="color:red" mathcolor="red;x:y">z</mi><maction actiontype="toggle"><mi>a</mi></maction></math>',
    );
    expect(output).toBe('<p><math><mi>z</mi><mi>a</mi></math></p>');
  });
});

describe('the post check', () => {
  it.each([
    ['no dollar, no fence', 'Just prose.\n\n```js\nx\n```\n', []],
    ['money only', 'It costs $5 a month, or $50 a year.\n', []],
    ['good math', 'Let $x$ be.\n\n$$\n\\frac12\n$$\n', []],
    ['an unknown command, inline', 'One.\n\nTwo $\\foo$ here.\n', [3]],
    ['an unclosed brace on the second line of a display', '$$\na\n\\frac{1}{\n$$\n', [3]],
    ['an error on the third line of a ```math fence', 'Intro.\n\n```math\na\nb\n\\foo\n```\n', [6]],
    ['a one-line display', '\n$$\\frac{1}{$$\n', [2]],
    ['a display-only environment inline', 'x $\\begin{align}a\\end{align}$\n', [1]],
    ['a macro used before it is defined', '$\\myset$ then $\\gdef\\myset{x}$ and $\\myset$\n', [1]],
    ['two in a body', '$\\foo$\n\n$\\bar{$\n', [1, 3]],
  ])('%s', async (_what, body, lines) => {
    const problems = await markdownMathProblems(body);
    expect(problems.map((p) => p.line)).toEqual(lines);
    for (const problem of problems) expect(problem.message).toMatch(/^has TeX that does not parse: .+ in \$/);
  });

  it('names the parser message and the formula', async () => {
    expect(await markdownMathProblems('$\\foo$')).toEqual([
      {
        line: 1,
        message:
          'has TeX that does not parse: Unsupported function name: \\foo in $\\foo$; fix the formula, or write \\$ for a dollar sign that is not math',
      },
    ]);
  });

  it('parses nothing when the body has no dollar and no math fence', () => {
    expect(mayHaveMath('No math here, just `code` and a ```js fence.')).toBe(false);
    expect(mayHaveMath('Some $x$.')).toBe(true);
    expect(mayHaveMath('```math\nx\n```')).toBe(true);
    expect(mayHaveMath('~~~ math\nx\n~~~')).toBe(true);
  });

  it('reads MDX with braces in TeX as math, and reports bad TeX in MDX', async () => {
    expect(await bodyMistakes('A $\\text{a b}$ and $\\frac{x}{y}$.\n', '/site/post.mdx', '/site')).toEqual([]);
    const problems = await bodyMistakes('Intro.\n\nA $\\foo{x y}$.\n', '/site/post.mdx', '/site');
    expect(problems).toEqual([{ line: 3, message: expect.stringContaining('Unsupported function name: \\foo') }]);
  });
});

describe('npm run check', () => {
  const roots: string[] = [];
  afterAll(() => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));
  const frontmatter = '---\ntitle: "Math"\ndescription: "Formulas."\nkeywords: [math]\npubDate: "Mar 04 2026"\ncategory: "Testing"\n---\n';

  it('reports bad TeX as file:line  body  message, counting lines in the file, in .md and .mdx', async () => {
    const root = await newProject('math');
    roots.push(root);
    await writePosts(root, {
      'bad-math.md': `${frontmatter}\nIt costs $5 a month, or $50 a year.\n\nThe ratio $\\frac{1}{$ is wrong.\n\n$$\na = b \\\\\n\\foo\n$$\n`,
      'bad-math-mdx.mdx': `${frontmatter}\nA $\\text{a b}$ and $\\foo{x y}$.\n`,
      'good-math.md': `${frontmatter}\nLet $x$ be.\n\n\`\`\`math\n\\frac12\n\`\`\`\n`,
    });
    const { lines } = await checkProject(root);
    expect(lines).toEqual([
      'src/content/blog/bad-math-mdx.mdx:9  body  has TeX that does not parse: Unsupported function name: \\foo in $\\foo{x y}$; fix the formula, or write \\$ for a dollar sign that is not math',
      "src/content/blog/bad-math.md:11  body  has TeX that does not parse: Unexpected end of input in a macro argument, expected '}' in $\\frac{1}{$; fix the formula, or write \\$ for a dollar sign that is not math",
      'src/content/blog/bad-math.md:15  body  has TeX that does not parse: Unsupported function name: \\foo in $$a = b \\\\ \\foo$$; fix the formula, or write \\$ for a dollar sign that is not math',
    ]);
  });
});

describe('the math check record', () => {
  const BODIES = ['Let $x$ be.', 'Bad $\\foo$ here.', 'No math at all.', '```math\n\\frac12\n```'];
  let cacheDir = '';
  const run = async (bodies: readonly string[]) => {
    const cache = new MathChecks(cacheDir);
    await cache.load();
    const found = [];
    for (const body of bodies) found.push(await cache.problems(body));
    await cache.save();
    return { found, checked: cache.checked };
  };

  it('checks each body with math once, and the next run only the bodies that changed', async () => {
    cacheDir = mkdtempSync(path.join(tmpdir(), 'blog-math-cache-'));
    try {
      const first = await run(BODIES);
      expect(first.checked).toBe(3);
      expect(first.found.map((problems) => problems.length)).toEqual([0, 1, 0, 0]);
      const again = await run([...BODIES.slice(0, 3), 'Now $\\bar{$ is bad.']);
      expect(again.checked).toBe(1);
      expect(again.found.map((problems) => problems.length)).toEqual([0, 1, 0, 1]);
      // A record changed by hand is not trusted: the bodies are checked again and the damage counted.
      const file = path.join(cacheDir, 'checked-math.json');
      writeFileSync(file, readFileSync(file, 'utf8').replace('Unsupported function name', 'Fine'));
      const before = damageFound()['math check record'] ?? 0;
      const damaged = await run(BODIES);
      expect(damaged.checked).toBe(3);
      expect(damaged.found[1]![0]!.message).toContain('Unsupported function name');
      expect(damageFound()['math check record']).toBe(before + 1);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});
