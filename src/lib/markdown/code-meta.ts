/**
 * A code fence's meta (the text after the language: ```` ```ts title="a.ts" {2-3} ````) read into
 * what the block shows: a title, marked lines, marked words, line numbers, its frame. One reader
 * for the renderer (code-annotations.ts, lenient: what it cannot read it leaves out) and the post
 * checker (tools/check/code-meta-check.ts, strict: what it cannot read is a problem for the editor).
 *
 * The forms are the ones writers bring from other tools:
 * - Shiki, VitePress, Docusaurus, rehype-pretty-code: `{1,4-6}`, `/word/`, `showLineNumbers`,
 *   `showLineNumbers=5`, `showLineNumbers{5}`, `lineNumbers`, `:line-numbers`, `title="…"`
 *   (Nextra's `filename="…"`).
 * - Expressive Code (Starlight): `title="…"`, `title='…'`, `{1, 4-6}`, `mark={2}`, `ins={4}`,
 *   `del={5}`, `"word"`, `frame="terminal"` (`code`, `none`, `auto`), `startLineNumber=5`.
 * Words it does not know (`wrap`, `collapse={1-5}`, `twoslash`…) are other tools' options and are
 * left alone.
 */

export type Frame = 'terminal' | 'code' | 'none' | 'auto';

export interface CodeMeta {
  title?: string;
  /** 1-based source lines, as the writer counts them in the fence. */
  highlighted: Set<number>;
  added: Set<number>;
  removed: Set<number>;
  words: string[];
  /** The first line's number when numbered, else undefined. */
  lineNumbersFrom?: number;
  frame: Frame;
  /** What the meta says that cannot be read, each a sentence for the editor (the renderer ignores them). */
  problems: string[];
}

const FRAMES: readonly Frame[] = ['terminal', 'code', 'none', 'auto'];

/** The line-list attributes: `{…}` alone marks lines, `mark=`, `ins=`, `del=` name their kind. */
const LINE_LISTS = { '': 'highlighted', mark: 'highlighted', highlight: 'highlighted', ins: 'added', del: 'removed' } as const;

/** Title text as it may reach the page: no control or bidi-override characters, spaces collapsed. */
const cleanTitle = (text: string) =>
  text
    .replace(/[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** The lines of `{1,4-6}` (the braces' inside), or a problem sentence. */
export function lineList(inside: string, written: string): number[] | string {
  const lines: number[] = [];
  for (const part of inside.split(',')) {
    const piece = part.trim();
    if (piece === '' && inside.trim() === '') continue;
    const range = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(piece);
    if (!range) return `"${written}" is not a list of lines ("${piece}" is not a line or a range); write lines as {2-3} or {1,4-6}`;
    const first = Number(range[1]);
    const last = range[2] === undefined ? first : Number(range[2]);
    if (first < 1) return `"${written}" marks line 0; lines count from 1`;
    if (last < first) return `"${written}" has the range ${piece} backwards; write the smaller line first`;
    if (last - first > 10_000) return `"${written}" marks more lines than a code block has`;
    for (let line = first; line <= last; line++) lines.push(line);
  }
  return lines;
}

/** Reads a quoted string starting at `start` (on its quote); its end (after the closing quote) and text, or null when unclosed. */
function quoted(meta: string, start: number): { text: string; end: number } | null {
  const quote = meta[start]!;
  let text = '';
  for (let i = start + 1; i < meta.length; i++) {
    const char = meta[i]!;
    if (char === '\\' && i + 1 < meta.length) {
      text += meta[++i];
      continue;
    }
    if (char === quote) return { text, end: i + 1 };
    text += char;
  }
  return null;
}

/** `/word/` with `\/` escapes: its end and text, or null when unclosed. */
const slashed = quoted;

/** Reads a fence's meta. `lineCount` (the block's lines) lets line marks past the end be reported. */
export function parseCodeMeta(meta: string | undefined, lineCount?: number): CodeMeta {
  const result: CodeMeta = { highlighted: new Set(), added: new Set(), removed: new Set(), words: [], frame: 'auto', problems: [] };
  if (!meta) return result;
  const problem = (message: string) => result.problems.push(message);
  const addLines = (kind: keyof typeof LINE_LISTS, inside: string, written: string) => {
    const lines = lineList(inside, written);
    if (typeof lines === 'string') {
      problem(lines);
      return;
    }
    const past = lineCount === undefined ? undefined : lines.find((line) => line > lineCount);
    if (past !== undefined) problem(`"${written}" marks line ${past}, but the block has ${lineCount} line${lineCount === 1 ? '' : 's'}`);
    for (const line of lines) result[LINE_LISTS[kind]].add(line);
  };
  const lineNumbers = (value: string | undefined, written: string) => {
    if (value === undefined || value === '') result.lineNumbersFrom ??= 1;
    else if (!/^\d+$/.test(value)) problem(`"${written}" needs a whole number to start from, e.g. showLineNumbers=5`);
    else result.lineNumbersFrom = Number(value);
  };
  let startLineNumber: number | undefined;
  /** Hugo's `{linenos=table,hl_lines=[8,"15-17"],linenostart=199}` (also `hl_lines="8 15-17"`). */
  const hugoOptions = (inside: string, written: string) => {
    for (const [, name = '', value = ''] of inside.matchAll(/([\w-]+)\s*=\s*(\[[^\]]*\]|"[^"]*"|[^,\s]*)/g)) {
      const key = name.toLowerCase();
      if (key === 'hl_lines')
        addLines(
          '',
          value
            .replace(/[[\]"]/g, '')
            .trim()
            .replace(/[\s,]+/g, ','),
          written,
        );
      else if (key === 'linenos' && value !== 'false') result.lineNumbersFrom ??= 1;
      else if (key === 'linenostart') lineNumbers(value, written);
    }
  };

  let i = 0;
  while (i < meta.length) {
    const char = meta[i]!;
    if (/\s/.test(char)) {
      i++;
      continue;
    }
    if (char === '{') {
      const close = meta.indexOf('}', i);
      if (close < 0) {
        problem(`"${meta.slice(i)}" has no closing "}"`);
        break;
      }
      const inside = meta.slice(i + 1, close);
      if (inside.includes('=')) hugoOptions(inside, meta.slice(i, close + 1));
      else addLines('', inside, meta.slice(i, close + 1));
      i = close + 1;
      continue;
    }
    if (char === '"' || char === "'") {
      const string = quoted(meta, i);
      if (!string) {
        problem(`${meta.slice(i)} has no closing ${char}`);
        break;
      }
      if (string.text !== '') result.words.push(string.text);
      i = string.end;
      continue;
    }
    if (char === '/') {
      const word = slashed(meta, i);
      if (!word) {
        problem(`${meta.slice(i)} has no closing "/"; mark a word as /word/`);
        break;
      }
      if (word.text !== '') result.words.push(word.text);
      i = word.end;
      continue;
    }
    // A word, maybe `name=value`, `name={…}`, `name="…"` or rehype-pretty-code's `showLineNumbers{5}`.
    const name = /^[^\s={"'/]+/.exec(meta.slice(i))![0];
    i += name.length;
    let value: string | undefined;
    let written = name;
    if (meta[i] === '=' || (meta[i] === '{' && /^showlinenumbers$/i.test(name))) {
      if (meta[i] === '=') i++;
      const start = i;
      const open = meta[i];
      if (open === '"' || open === "'") {
        const string = quoted(meta, i);
        if (!string) {
          problem(`${name}=${meta.slice(i)} has no closing ${open}`);
          break;
        }
        value = string.text;
        i = string.end;
      } else if (open === '{') {
        const close = meta.indexOf('}', i);
        if (close < 0) {
          problem(`${name}=${meta.slice(i)} has no closing "}"`);
          break;
        }
        value = meta.slice(i, close + 1);
        i = close + 1;
      } else {
        value = /^\S*/.exec(meta.slice(i))![0];
        i += value.length;
      }
      written = `${name}${meta[start - 1] === '=' ? '=' : ''}${meta.slice(start, i)}`;
    }
    const key = name.toLowerCase().replace(/^:/, '');
    if (key === 'title' || key === 'filename') {
      const title = cleanTitle(value ?? '');
      if (title !== '') result.title = title;
    } else if (key === 'mark' || key === 'highlight' || key === 'ins' || key === 'del') {
      // Expressive Code also takes strings and /regexes/ here: words, as marks of their kind are not drawn.
      if (value?.startsWith('{') && value.endsWith('}')) addLines(key, value.slice(1, -1), written);
      else if (value) result.words.push(value.replace(/^\/(.*)\/$/, '$1'));
    } else if (key === 'showlinenumbers' || key === 'linenumbers' || key === 'line-numbers') {
      lineNumbers(value?.replace(/^\{(.*)\}$/, '$1'), written);
    } else if (key === 'no-line-numbers') {
      delete result.lineNumbersFrom;
    } else if (key === 'startlinenumber') {
      if (value === undefined || !/^\d+$/.test(value)) problem(`"${written}" needs a whole number, e.g. startLineNumber=5`);
      else startLineNumber = Number(value);
    } else if (key === 'frame') {
      if (FRAMES.includes(value as Frame)) result.frame = value as Frame;
      else problem(`"${written}" is not a frame; write frame="terminal", "code", "none" or "auto"`);
    }
  }
  if (startLineNumber !== undefined) result.lineNumbersFrom = startLineNumber;
  return result;
}
