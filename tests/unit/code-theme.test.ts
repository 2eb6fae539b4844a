import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Element, Root } from 'hast';
import { bundledThemes } from 'shiki';
import { describe, expect, it } from 'vitest';
import { CODE_THEMES, transformerThemeClasses } from '#src/lib/markdown/code-theme.ts';
import { CODE_THEME_CSS_FILE, codeThemeCss } from '#src/lib/markdown/code-theme-css.ts';
import { siteBodyRenderer } from '../helpers/body-renderer.ts';

const root = path.resolve(import.meta.dirname, '../..') + '/';
const css = readFileSync(path.join(root, CODE_THEME_CSS_FILE), 'utf8');

/** Every class code-theme.css gives a rule: `.cl-d73a49`, `.f-i`, `.no-select`, … */
const styledClasses = new Set([...css.matchAll(/\.([a-z][a-z0-9-]*)(?=[\s,{.:)])/g)].map((match) => match[1]!));

const fence = (lang: string, code: string) => `\`\`\`${lang}\n${code}\n\`\`\`\n`;

/** Code in the languages posts use most, and the ones whose themes' scopes carry font styles, backgrounds or markers. */
const BODY = [
  fence('ts', `// A comment\nexport async function load(posts: string[], rate = 0.2): Promise<number> {\n  return posts.length * rate;\n}`),
  fence('js', `const link = 'https://example.com'; /* not a link */\nclass A extends B { #x = 1; get y() { return this.#x; } }`),
  fence('html', `<!-- a comment -->\n<a href="/blog/" class="more">All posts</a>`),
  fence('css', `.a:hover > b::before { color: #fff; margin: 0 !important; }`),
  fence('json', `{ "a": [1, true, null, "x"] }`),
  fence('python', `@decorator\ndef f(x: int) -> str:\n    """Doc."""\n    return f"{x!r}"`),
  fence('sh', `echo "$HOME" | grep -c x && exit 1`),
  // Markdown's scopes are the ones with italic, bold and strikethrough.
  fence('md', `# Title\n\n*italic* **bold** ~~struck~~ [link](https://example.com) \`code\`\n\n> quote`),
  // Astro marks a diff line's + and - with a style of its own.
  fence('diff', `--- a\n+++ b\n@@ -1 +1 @@\n- old\n+ new`),
  // ANSI colours, backgrounds, bold, underline, dim and reverse.
  fence('ansi', `\u001b[31mred\u001b[0m \u001b[1;4mbold\u001b[0m \u001b[2;32mdim\u001b[0m \u001b[7;33mrev\u001b[0m \u001b[44mbg\u001b[0m`),
  fence('', `plain text`),
].join('\n');

async function render(body: string): Promise<string> {
  const renderBody = await siteBodyRenderer(root);
  return (await renderBody({ body, frontmatter: {}, filePath: path.join(root, 'src/content/blog/x.md') })).html;
}

/** The classes of every element of the highlighted blocks, each once. */
const classesIn = (html: string) =>
  new Set(
    [...html.matchAll(/<pre class="astro-code[\s\S]*?<\/pre>/g)].flatMap((block) =>
      [...block[0].matchAll(/ class="([^"]*)"/g)].flatMap((match) => match[1]!.split(' ')),
    ),
  );

/** The classes the transformer writes, as opposed to Shiki's and Astro's own (astro-code, line, the theme names). */
const THEME_CLASS = /^(?:[cb][ld]-[0-9a-f]{6,8}|f[ld]?-[ibus]|no-select)$/;

describe('highlighted code', () => {
  it('has no style attribute, only classes, and code-theme.css has a rule for every one', async () => {
    const html = await render(BODY);
    expect(html.match(/<pre class="astro-code/g)).toHaveLength(11);
    expect(html).not.toMatch(/\sstyle=/);
    const classes = [...classesIn(html)].filter((name) => THEME_CLASS.test(name));
    // Both schemes' colours, font styles, backgrounds and the diff markers all appear.
    for (const expected of ['cl-d73a49', 'cd-f97583', 'cl-24292e', 'cd-e1e4e8', 'f-i', 'f-b', 'f-s', 'f-u', 'bl-', 'bd-', 'no-select'])
      expect(
        classes.some((name) => name.startsWith(expected)),
        expected,
      ).toBe(true);
    expect(classes.filter((name) => !styledClasses.has(name))).toEqual([]);
  });

  it("gives the <pre> its themes' foregrounds as classes and leaves their backgrounds to the site (--code-bg)", async () => {
    const html = await render(fence('ts', 'let x = 1;'));
    expect(html).toContain('<pre class="astro-code astro-code-themes github-light github-dark cl-24292e cd-e1e4e8" tabindex="0"');
    expect(css).toContain('.astro-code {\n  --code-light: #24292e;\n  --code-dark: #e1e4e8;\n}');
  });
});

describe('transformerThemeClasses', () => {
  const span = (style: string): Element => ({ type: 'element', tagName: 'span', properties: { style }, children: [] });
  const classesOf = (style: string) => {
    const tree: Root = { type: 'root', children: [span(style)] };
    transformerThemeClasses.root!.call({} as never, tree);
    const { properties } = tree.children[0] as Element;
    expect(properties['style']).toBeUndefined();
    return properties['class'];
  };

  it("writes a font style both themes share once, one that only one theme has for that theme, and nothing for Shiki's inherit", () => {
    expect(classesOf('--shiki-light:#FFF;--shiki-light-font-style:italic;--shiki-dark:inherit;--shiki-dark-font-style:italic')).toBe(
      'cl-ffffff f-i',
    );
    expect(
      classesOf(
        '--shiki-light:#005CC5;--shiki-light-font-weight:bold;--shiki-dark:#79B8FF;--shiki-dark-font-weight:inherit;--shiki-dark-text-decoration:underline line-through',
      ),
    ).toBe('cl-005cc5 cd-79b8ff fl-b fd-u fd-s');
    expect(classesOf('--shiki-light-bg:#28A745;--shiki-dark-bg:#34D05880')).toBe('bl-28a745 bd-34d05880');
  });

  it('stops on a style it has no class for, rather than publishing one the CSP blocks', () => {
    expect(() => classesOf('--shiki-light:#D73A49;color:red')).toThrow('Shiki wrote a style the code theme has no class for: "color:red"');
    expect(() => classesOf('--shiki-light:var(--x)')).toThrow('Shiki wrote a colour the code theme has no class for');
    expect(() => classesOf('--shiki-dark-font-style:oblique')).toThrow('Shiki wrote a font style the code theme has no class for');
  });
});

describe('src/styles/code-theme.css', () => {
  it('is what `npm run code-theme` makes from the installed themes (run it after a Shiki update)', async () => {
    expect(css).toBe(await codeThemeCss());
  });

  it("has a light and a dark rule for every colour of the themes' scopes, and every font style in both, one or the other scheme", async () => {
    const missing: string[] = [];
    for (const [scheme, name] of Object.entries(CODE_THEMES)) {
      const theme = (await bundledThemes[name]()).default;
      const colours = (theme.tokenColors ?? []).flatMap((rule) => (rule.settings.foreground ? [rule.settings.foreground] : []));
      expect(colours.length).toBeGreaterThan(10);
      for (const colour of [theme.colors!['editor.foreground']!, ...colours]) {
        const digits = colour.slice(1).toLowerCase();
        const full = digits.length <= 4 ? [...digits].map((digit) => digit + digit).join('') : digits;
        const rule = `.c${scheme[0]}-${full} {\n  --code-${scheme}: #`;
        if (!css.includes(rule)) missing.push(rule);
      }
    }
    for (const flag of ['i', 'b', 'u', 's'])
      for (const prefix of ['f', 'fl', 'fd']) if (!styledClasses.has(`${prefix}-${flag}`)) missing.push(`${prefix}-${flag}`);
    expect(missing).toEqual([]);
  });
});
