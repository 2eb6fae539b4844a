/** TeX to MathML with Temml, made fit for the site's CSP: no `style` attribute survives (classes instead; styles/math.css). */
import type { Element, Root } from 'hast';
import { createRequire } from 'node:module';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';

/**
 * Temml writes some layout as `style` attributes, which the CSP blocks (`style-src-attr 'none'`).
 * Each declaration it writes for common TeX (accents, matrices, cases, arrays with rules, `\boxed`,
 * `\mathit` digits, numbered equations) becomes a class that src/styles/math.css defines. The few it
 * writes with measured values (`\raisebox`, `\mathllap`, `\arraystretch`) are dropped: the
 * formula stays readable, a little less finely spaced. tests/unit/math.test.ts renders a corpus
 * and fails on any declaration this table does not know.
 */
export const STYLE_CLASSES: Readonly<Record<string, string>> = {
  'math-depth:0': 'math-depth-0',
  'padding-left:0em': 'math-pl-0',
  'padding-left:0pt': 'math-pl-0',
  'padding-right:0em': 'math-pr-0',
  'padding-right:0pt': 'math-pr-0',
  'padding-left:1em': 'math-pl-1',
  'padding-left:5.9776pt': 'math-pl-col',
  'padding-right:5.9776pt': 'math-pr-col',
  'padding-right:0.4em': 'math-pr-sep',
  'padding-left:0.25em': 'math-pl-cd',
  'padding-right:0.25em': 'math-pr-cd',
  'height:1em': 'math-h-1',
  'border-top:0.06em solid': 'math-rule-top',
  'border-top:0.06em dashed': 'math-rule-top-dashed',
  'border-top:0.15em double': 'math-rule-top-double',
  'border-bottom:0.06em solid': 'math-rule-bottom',
  'border-bottom:0.06em dashed': 'math-rule-bottom-dashed',
  'border-bottom:0.15em double': 'math-rule-bottom-double',
  'border-left:0.06em solid': 'math-rule-left',
  'border-left:0.06em dashed': 'math-rule-left-dashed',
  'border-right:0.06em solid': 'math-rule-right',
  'border-right:0.06em dashed': 'math-rule-right-dashed',
  'padding:3pt': 'math-box',
  'border:1px solid': 'math-box',
  'padding:0.3em': 'math-pad',
  'padding:0': 'math-p-0',
  'width:100%': 'math-w-full',
  'width:50%': 'math-w-half',
  'width:7.5%': 'math-w-tag',
  'font-style:italic': 'math-italic',
  "font-family:cambria,'times new roman',serif": 'math-italic',
  'font-weight:bold': 'math-bold',
  'text-align:left': 'math-left',
  'transform:scalex(-1)': 'math-mirror',
};

/** Declarations that are MathML attributes of their own (MathML Core: `mathcolor`, `mathbackground`). */
const STYLE_ATTRIBUTES: Readonly<Record<string, string>> = { color: 'mathcolor', 'background-color': 'mathbackground' };
/** Colours as Temml writes them (`#ff0000`, a name); anything else is not copied into an attribute. */
const COLOUR = /^(?:#[\da-f]{3,8}|[a-z]+)$/i;
/** Said by the `<math>` element's `display="block"` (and math.css), so not needed as a style. */
const IMPLIED = new Set(['display:block math']);

/** One declaration as a key of STYLE_CLASSES: lower case, no spaces around `:` and `,`. */
const declarationKey = (declaration: string) =>
  declaration
    .trim()
    .toLowerCase()
    .replace(/\s*([:,])\s*/g, '$1')
    .replace(/\s+/g, ' ');

/** The declarations of a `style` attribute that no class or attribute stands for (what was dropped). */
export function unknownDeclarations(style: string): string[] {
  return style
    .split(';')
    .map(declarationKey)
    .filter((key) => key && !IMPLIED.has(key) && !STYLE_CLASSES[key] && !STYLE_ATTRIBUTES[key.split(':')[0]!]);
}

/** Moves an element's `style` into classes and MathML attributes. */
function replaceStyle(node: Element): void {
  const style = node.properties['style'];
  if (style === undefined) return;
  delete node.properties['style'];
  const classes = new Set((node.properties['className'] as string[] | undefined) ?? []);
  for (const declaration of String(style).split(';')) {
    const key = declarationKey(declaration);
    const className = STYLE_CLASSES[key];
    if (className) classes.add(className);
    const [property = '', value = ''] = key.split(/:(.*)/s);
    const attribute = STYLE_ATTRIBUTES[property];
    if (attribute && COLOUR.test(value)) node.properties[attribute] = value;
  }
  if (classes.size > 0) node.properties['className'] = [...classes];
}

/**
 * Temml's message without its pointer into the TeX ("Unsupported function name: \\foo at position 1:"
 * and a line with the command underlined): the check says where, on the post's line.
 */
const parserMessage = (message: string) =>
  message
    .split('\n')[0]!
    .replace(/\s*at (?:position \d+|end of input):.*$/, '')
    .trim()
    .replace(/\.$/, '');

type Temml = typeof import('temml').default;
let temml: Temml | undefined;

/**
 * Temml (480 KB of JavaScript), loaded for the first formula: most posts have none, and the
 * build's render workers, the dev server and the post checker would otherwise all parse it as
 * they start. Node's own require (Temml ships CommonJS): a dynamic import() here would go through
 * the Vite module runner that loaded astro.config.ts, which is closed by the time MDX renders.
 */
const loadTemml = (): Temml => (temml ??= createRequire(import.meta.url)('temml') as Temml);

/** Whether Temml has been loaded in this process (it is only for a formula). */
export const mathRendererLoaded = () => temml !== undefined;

export interface RenderedMath {
  /** The `<math>` element, or null when the TeX does not parse. */
  math: Element | null;
  /** The parser's message when it does not ("Undefined control sequence: \foo"). */
  error?: string;
  /** Where in the TeX the parser stopped (characters from its start), when it says. */
  position?: number;
}

/**
 * Renders one formula. `macros` is shared by the formulas of one post, so a `\gdef` in one is
 * known in the next, as in a LaTeX document. `trust` stays off: `\href`, `\url`, `\includegraphics`
 * and `\html…` are parse errors, so a post cannot put a link or a style into the MathML.
 * Temml's `annotate` keeps the TeX as an `<annotation>`, and `alttext` says it again for screen
 * readers and feed readers that do not read MathML.
 */
export function renderMath(tex: string, options: { display: boolean; macros: Record<string, unknown> }): RenderedMath {
  let markup: string;
  try {
    markup = loadTemml().renderToString(tex, {
      displayMode: options.display,
      annotate: true,
      throwOnError: true,
      macros: options.macros,
      trust: false,
      xml: false,
    });
  } catch (error) {
    const { message = String(error), position } = error as { message?: string; position?: number };
    return { math: null, error: parserMessage(message), ...(typeof position === 'number' ? { position } : {}) };
  }
  const tree: Root = fromHtml(markup, { fragment: true });
  const math = tree.children.find((child): child is Element => child.type === 'element' && child.tagName === 'math');
  if (!math) return { math: null, error: 'Temml gave no MathML' };
  visit(math, 'element', replaceStyle);
  math.properties['alttext'] = tex.trim();
  if (options.display) math.properties['display'] = 'block';
  return { math };
}
