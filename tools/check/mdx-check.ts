/** MDX bodies checked before the build: syntax, imports that resolve, no `style` attributes, TeX that parses. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Root } from 'mdast';
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx';
import { visit } from 'unist-util-visit';
import { isFile } from '#src/lib/urls/site-paths.ts';
import { mathTreeProblems, mayHaveMath } from './math-check.ts';

/** One mistake in an MDX body, on its line within the body (1-based). */
export interface MdxProblem {
  line: number;
  message: string;
}

// What a bare `import './Chart'` may mean: the file as written, or with one of
// the extensions Vite and Astro resolve.
const EXTENSIONS = ['', '.astro', '.tsx', '.jsx', '.ts', '.js', '.mjs', '.mdx', '.md', '.svelte', '.vue'];

async function resolves(file: string): Promise<boolean> {
  const candidates = [...EXTENSIONS.map((ext) => `${file}${ext}`), ...EXTENSIONS.slice(1).map((ext) => path.join(file, `index${ext}`))];
  for (const candidate of candidates) if (await isFile(candidate)) return true;
  return false;
}

/** "@scope/pkg/sub" -> "@scope/pkg", "pkg/sub" -> "pkg". */
const packageName = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

/**
 * What an import cannot reach: a relative file that does not exist, or a
 * package that is not installed. null when it resolves, or when it is a kind
 * of specifier this check does not follow (virtual `astro:` modules, Node
 * built-ins, path aliases).
 */
async function importProblem(specifier: string, postFile: string, root: string): Promise<string | null> {
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const target = specifier.startsWith('/') ? path.join(root, specifier) : path.resolve(path.dirname(postFile), specifier);
    if (await resolves(target)) return null;
    return `imports "${specifier}", which does not exist (looked for ${path.relative(root, target)}); check the path and the capitals in the file name`;
  }
  if (/^(?:astro|node|virtual):/.test(specifier) || /^[@~#]\//.test(specifier)) return null;
  const name = packageName(specifier);
  if (existsSync(path.join(root, 'node_modules', name, 'package.json'))) return null;
  return `imports "${specifier}", but the package "${name}" is not installed; add it with npm install ${name}, or fix the name`;
}

/**
 * Elements and components given a `style` attribute. The pages' Content-Security-Policy forbids
 * style attributes (`style-src-attr 'none'`, src/lib/seo/csp.ts), so a browser would show the
 * element unstyled and log a violation. A Markdown post's raw HTML never gets that far (the
 * sanitiser drops `style`); MDX is not sanitised, so it is refused here, on its line, with what
 * to write instead. A component given `style` would put it on an element too.
 */
function styleAttributeProblems(tree: Root): MdxProblem[] {
  const problems: MdxProblem[] = [];
  visit(tree, (node) => {
    if (node.type !== 'mdxJsxFlowElement' && node.type !== 'mdxJsxTextElement') return;
    const element = node as MdxJsxFlowElement | MdxJsxTextElement;
    for (const attribute of element.attributes) {
      if (attribute.type !== 'mdxJsxAttribute' || attribute.name.toLowerCase() !== 'style') continue;
      const tag = element.name ?? '';
      problems.push({
        line: attribute.position?.start.line ?? element.position?.start.line ?? 1,
        message: `<${tag}> has a style attribute, which the site's Content-Security-Policy blocks (style-src-attr 'none'): browsers would ignore it. Give it a class instead (<${tag} class="…">) and style that class in a component's <style>, or use a component that does`,
      });
    }
  });
  return problems;
}

/**
 * Checks an MDX body with the parser @mdx-js/mdx itself uses: the first
 * syntax error (a stray `{`, an unclosed `<div>`), or else every import that
 * reaches nothing. Both are reported on their line, so an editor never sees
 * the bundler's report (colour codes, the import chain, a line in generated code).
 */
export async function checkMdxBody(body: string, options: { postFile: string; root: string }): Promise<MdxProblem[]> {
  // Loaded on first use: sites without .mdx posts do not pay for the parser.
  const [{ fromMarkdown }, { mdxFromMarkdown }, { mdxjs }, { mathFromMarkdown }, { mathSyntax }] = await Promise.all([
    import('mdast-util-from-markdown'),
    import('mdast-util-mdx'),
    import('micromark-extension-mdxjs'),
    import('mdast-util-math'),
    import('#src/lib/markdown/math-syntax.ts'),
  ]);
  let tree: Root;
  try {
    // With the math syntax the build reads MDX with (remark-math.ts), so braces in TeX (`$\text{a b}$`) are not expressions.
    tree = fromMarkdown(body, { extensions: [mdxjs(), mathSyntax()], mdastExtensions: [mdxFromMarkdown(), mathFromMarkdown()] });
  } catch (error) {
    const { reason = String(error), line = 1 } = error as { reason?: string; line?: number };
    // "Expected a closing tag for `<Aside>` (4:1-4:8) before …": the tag's own line is the one to fix.
    const opened = /\((\d+):\d+-\d+:\d+\)/.exec(reason);
    const hint = /comment/.test(reason)
      ? ''
      : '; in MDX, `{` starts an expression and `<` a component: close them, or write \\{ and \\< for the characters';
    return [
      {
        line: opened ? Number(opened[1]) : line,
        message: `is not valid MDX: ${reason.replace(/ \(\d+:\d+-\d+:\d+\)/, '').replace(/\s+/g, ' ')}${hint}`,
      },
    ];
  }
  const problems: MdxProblem[] = [...styleAttributeProblems(tree), ...(mayHaveMath(body) ? mathTreeProblems(tree, body) : [])];
  for (const node of tree.children) {
    if (node.type !== 'mdxjsEsm') continue;
    for (const statement of node.data?.estree?.body ?? []) {
      if (statement.type !== 'ImportDeclaration' || typeof statement.source.value !== 'string') continue;
      const problem = await importProblem(statement.source.value, options.postFile, options.root);
      if (problem) problems.push({ line: statement.loc?.start.line ?? node.position?.start.line ?? 1, message: problem });
    }
  }
  return problems;
}
