/**
 * Annotated code: the Shiki transformers that draw a fence's marks as classes (never `style`, which
 * the CSP forbids): marked lines and words, added and removed lines, line numbers, a terminal's
 * prompt, and the title that rehype-code-blocks.ts puts in the block's bar. The look is
 * src/styles/code.css; the copy script (CodeCopy.astro) leaves removed lines and prompts out.
 *
 * Notation comments in the code (`// [!code highlight]`, `# [!code ++]`, `<!-- [!code --] -->`,
 * `// [!code word:name]`) are @shikijs/transformers' own: they know each language's comments and
 * take the comment out of the code. The fence's meta (code-meta.ts) is drawn here, with the same
 * classes, because the library's meta readers take `{…}` and `/…/` anywhere in the meta, inside a
 * title too (`title="src/lib/a.ts"` marks the word "lib"), and its word marks are decorations,
 * which throw when a notation comment has taken a line out.
 */
import type { ShikiConfig } from '@astrojs/markdown-remark';
import {
  transformerNotationDiff,
  transformerNotationHighlight,
  transformerNotationWordHighlight,
  transformerRemoveNotationEscape,
} from '@shikijs/transformers';
import type { Element, ElementContent } from 'hast';
import { parseCodeMeta, type CodeMeta } from './code-meta.ts';

type ShikiTransformer = NonNullable<ShikiConfig['transformers']>[number];

/** The classes of marks, the library's names (so its notation and our meta share one stylesheet). */
export const CODE_MARK = {
  highlighted: 'highlighted',
  added: 'diff add',
  removed: 'diff remove',
  word: 'highlighted-word',
  prompt: 'code-prompt',
  numbered: 'line-numbers',
  hasHighlighted: 'has-highlighted',
  hasDiff: 'has-diff',
} as const;

/** Fence languages drawn in a terminal's frame, their `$ ` prompts set apart. */
export const TERMINAL_LANGUAGES: ReadonlySet<string> = new Set([
  'sh',
  'bash',
  'shell',
  'zsh',
  'fish',
  'console',
  'shellsession',
  'powershell',
  'ps1',
  'pwsh',
]);

/** The <pre>'s properties rehype-code-blocks.ts reads (and removes): the title, and the frame. */
export const TITLE_PROPERTY = 'dataCodeTitle';
export const FRAME_PROPERTY = 'dataCodeFrame';

const PROMPT = '$ ';
/** Each block's meta, read once: keyed on Shiki's scratch object, new for every block it highlights. */
const metas = new WeakMap<object, CodeMeta>();

function metaOf(context: { meta: object; options: { meta?: { __raw?: string | undefined } | undefined } }): CodeMeta {
  let meta = metas.get(context.meta);
  if (!meta) metas.set(context.meta, (meta = parseCodeMeta(context.options.meta?.__raw)));
  return meta;
}

/** An element's classes, which Shiki keeps as a string or, once a transformer has added one, a list. */
const classesOf = (node: Element): string[] => {
  const value = node.properties['class'] ?? node.properties['className'] ?? '';
  return Array.isArray(value) ? value.map(String) : String(value).split(/\s+/);
};

const isLine = (node: ElementContent): node is Element => node.type === 'element' && classesOf(node).includes('line');

/** A token: a <span> holding one text node (Shiki's); anything else is left whole. */
function tokenText(node: ElementContent): string | null {
  const only = node.type === 'element' && node.children.length === 1 ? node.children[0] : undefined;
  return only?.type === 'text' ? only.value : null;
}

const textOf = (node: ElementContent): string =>
  node.type === 'text' ? node.value : node.type === 'element' ? node.children.map(textOf).join('') : '';

const hasClass = (node: Element, name: string) => classesOf(node).includes(name);

/** Splits the token that straddles `offset` of the line's text in two, so a mark can start or end there. */
function splitAt(line: Element, offset: number): void {
  let position = 0;
  for (let index = 0; index < line.children.length; index++) {
    const child = line.children[index]!;
    const length = textOf(child).length;
    if (offset > position && offset < position + length) {
      const text = tokenText(child);
      if (text === null || child.type !== 'element') return;
      const cut = offset - position;
      const second: Element = { ...child, properties: { ...child.properties }, children: [{ type: 'text', value: text.slice(cut) }] };
      child.children = [{ type: 'text', value: text.slice(0, cut) }];
      line.children.splice(index + 1, 0, second);
      return;
    }
    position += length;
  }
}

/** Adds a class to every token of the line between two offsets (after splitAt has cut there). */
function markRange(line: Element, start: number, end: number, className: string, addClass: (node: Element, name: string) => void) {
  let position = 0;
  for (const child of line.children) {
    const length = textOf(child).length;
    if (position >= start && position + length <= end && length > 0 && child.type === 'element' && !hasClass(child, CODE_MARK.prompt))
      addClass(child, className);
    position += length;
  }
}

/** Marks every place a word appears in the line. */
function markWord(line: Element, word: string, addClass: (node: Element, name: string) => void): void {
  const text = textOf(line);
  for (let index = text.indexOf(word); index !== -1; index = text.indexOf(word, index + word.length)) {
    splitAt(line, index);
    splitAt(line, index + word.length);
    markRange(line, index, index + word.length, CODE_MARK.word, addClass);
  }
}

/** A terminal line's leading `$ ` as its own span, shown but not copied (code.css, CodeCopy.astro). */
function setPromptApart(line: Element): void {
  if (!textOf(line).startsWith(PROMPT)) return;
  splitAt(line, PROMPT.length);
  let taken = 0;
  while (taken < PROMPT.length) {
    const first = line.children[0];
    if (!first || tokenText(first) === null) return;
    taken += textOf(first).length;
    line.children.shift();
  }
  line.children.unshift({
    type: 'element',
    tagName: 'span',
    properties: { class: CODE_MARK.prompt },
    children: [{ type: 'text', value: PROMPT }],
  });
}

/** The frame a block is drawn in: a terminal for shell languages unless the meta says otherwise. */
export function frameOf(language: string, frame: CodeMeta['frame']): 'terminal' | 'code' | 'none' {
  if (frame === 'auto') return TERMINAL_LANGUAGES.has(language.toLowerCase()) ? 'terminal' : 'code';
  return frame;
}

/** `diff` fences: lines starting with + or - marked added or removed (a `--- a`/`+++ b` file header pair is not). */
function markDiffLines(lines: Element[], addClass: (node: Element, name: string) => void): boolean {
  const texts = lines.map(textOf);
  let marked = false;
  texts.forEach((text, index) => {
    const header =
      (text.startsWith('--- ') && texts[index + 1]?.startsWith('+++ ')) ||
      (text.startsWith('+++ ') && texts[index - 1]?.startsWith('--- '));
    if (header) return;
    if (text.startsWith('+')) addClass(lines[index]!, CODE_MARK.added);
    else if (text.startsWith('-')) addClass(lines[index]!, CODE_MARK.removed);
    else return;
    marked = true;
  });
  return marked;
}

/** Each block's lines holding a notation comment, seen before the notation transformers take the comments out. */
const notations = new WeakMap<object, WeakSet<Element>>();

function notationLines(context: { meta: object }): WeakSet<Element> {
  let lines = notations.get(context.meta);
  if (!lines) notations.set(context.meta, (lines = new WeakSet()));
  return lines;
}

/** Runs first: remembers which lines hold `[!code …]`, so their trailing space can go once the comment has. */
const transformerNotationLines: ShikiTransformer = {
  name: 'blog:notation-lines',
  code(code) {
    for (const line of code.children.filter(isLine)) if (textOf(line).includes('[!code ')) notationLines(this).add(line);
  },
};

/** The space that stood before a notation comment the library took out (`x = 1; // [!code ++]` leaves `x = 1; `). */
function trimEnd(line: Element): void {
  for (let index = line.children.length - 1; index >= 0; index--) {
    const child = line.children[index]!;
    const text = tokenText(child);
    if (text === null || child.type !== 'element') return;
    const trimmed = text.replace(/\s+$/, '');
    if (trimmed !== '') {
      child.children = [{ type: 'text', value: trimmed }];
      return;
    }
    line.children.splice(index, 1);
  }
}

/**
 * The fence's meta and the block's language drawn as classes: marked lines (counted as the
 * writer counts them in the fence, before notation comments take their own lines out), words,
 * line numbers (`data-line`, drawn by CSS), prompts, diff lines, and the title and frame for the bar.
 */
export const transformerCodeMeta: ShikiTransformer = {
  name: 'blog:code-meta',
  line(line, lineNumber) {
    const meta = metaOf(this);
    if (meta.highlighted.has(lineNumber)) this.addClassToHast(line, CODE_MARK.highlighted);
    if (meta.added.has(lineNumber)) this.addClassToHast(line, CODE_MARK.added);
    if (meta.removed.has(lineNumber)) this.addClassToHast(line, CODE_MARK.removed);
    if (TERMINAL_LANGUAGES.has(this.options.lang.toLowerCase())) setPromptApart(line);
  },
  code(code) {
    const meta = metaOf(this);
    const lines = code.children.filter(isLine);
    const addClass = (node: Element, name: string) => void this.addClassToHast(node, name);
    // The <pre>'s marks here, not in a `pre` hook: Astro's (which runs first) writes its classes back as one string.
    const pre = this.pre;
    if (meta.title) pre.properties[TITLE_PROPERTY] = meta.title;
    pre.properties[FRAME_PROPERTY] = frameOf(this.options.lang, meta.frame);
    if (meta.highlighted.size > 0) addClass(pre, CODE_MARK.hasHighlighted);
    if (meta.added.size + meta.removed.size > 0) addClass(pre, CODE_MARK.hasDiff);
    if (meta.lineNumbersFrom !== undefined) addClass(pre, CODE_MARK.numbered);
    if (this.options.lang === 'diff' && markDiffLines(lines, addClass)) addClass(pre, CODE_MARK.hasDiff);
    for (const line of lines) if (notationLines(this).has(line)) trimEnd(line);
    for (const word of meta.words) for (const line of lines) markWord(line, word, addClass);
    if (meta.lineNumbersFrom !== undefined) lines.forEach((line, index) => (line.properties['dataLine'] = meta.lineNumbersFrom! + index));
  },
};

/**
 * In order: the notation comments (each takes its comment out of the code), then the meta's
 * marks, which run after them so word marks and line numbers see the lines as shown.
 */
export const codeAnnotationTransformers: ShikiTransformer[] = [
  transformerNotationLines,
  transformerNotationHighlight(),
  transformerNotationDiff(),
  transformerNotationWordHighlight(),
  transformerRemoveNotationEscape(),
  transformerCodeMeta,
];
