/**
 * How deep a post body nests, found by one pass over its lines before any
 * Markdown parser sees it: micromark, mdast/hast and their visitors recurse
 * once per level, so a list, quote, emphasis or `<div>` nested thousands deep
 * takes them minutes and then overflows the stack.
 */

/**
 * The deepest nesting a body may have: lists, quotes, emphasis and HTML
 * elements counted together. Real posts nest a handful of levels; a list 100
 * deep still renders in about half a second, one 1,000 deep takes 46 s and
 * one 5,000 deep overflows the stack (measured through the site's pipeline).
 */
export const NESTING_LIMIT = 100;

/** Where a body first nests past the limit: its 1-based line, and what nests there. */
export interface TooDeep {
  line: number;
  message: string;
}

/** A list item (content from column `content` on) or a block quote (`content` is -1) open on the current line. */
interface Container {
  quote: boolean;
  content: number;
}

/** A block whose lines are not Markdown: a code fence, an HTML comment or a `<script>`/`<style>`/`<textarea>` block. */
interface SkippedBlock {
  /** Containers it lives in: when a line leaves them, the block has ended. */
  depth: number;
  /** Whether this line (what follows the containers' markers) ends it. */
  ends: (rest: string) => boolean;
}

const VOID_ELEMENTS = new Set(
  'area base br col embed hr img input link meta source track wbr param keygen basefont bgsound frame'.split(' '),
);
/** Elements whose end tag HTML lets a writer leave out: a second `<li>` closes the first, not nests in it. */
const CLOSED_BY: Record<string, string[]> = {
  li: ['li'],
  p: ['p'],
  dt: ['dt', 'dd'],
  dd: ['dt', 'dd'],
  td: ['td', 'th'],
  th: ['td', 'th'],
  tr: ['tr'],
  option: ['option'],
};
/** Block elements whose start closes an open `<p>` (the HTML parser's "close a p element"). */
const CLOSES_P = new Set(
  'address article aside blockquote details div dl fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr main nav ol pre section table ul'.split(
    ' ',
  ),
);
/** HTML blocks whose content is text to the HTML parser, so tags in them are no elements. */
const RAW_TEXT_BLOCK = /^<(script|style|textarea)(?:\s|>|$)/i;

const OPEN_TAG =
  /<([A-Za-z][A-Za-z0-9.-]*)(?:\s+(?:\{[^{}]*\}|[A-Za-z_:@][\w.:-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|\{[^{}]*\}|[^\s"'=<>`{}]+))?))*\s*(\/?)>/y;
/** The start of an opening tag that goes on past the end of the line (`<section` and its attributes, one a line). */
const UNFINISHED_TAG =
  /<([A-Za-z][A-Za-z0-9.-]*)(?:\s+(?:\{[^{}]*\}|[A-Za-z_:@][\w.:-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|\{[^{}]*\}|[^\s"'=<>`{}]+))?))*(?:\s+[A-Za-z_:@][\w.:-]*(?:\s*=\s*(?:"[^"]*|'[^']*|\{[^{}]*)?)?)?\s*$/y;
/** Longest tag carried over lines before it is taken as opened (a real one is a few lines long). */
const UNFINISHED_TAG_CAP = 4096;
const CLOSE_TAG = /<\/([A-Za-z][A-Za-z0-9.-]*)\s*>/y;
const LIST_MARKER = /(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)/y;
const THEMATIC_BREAK = /^([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
/** The same, from a position in a line (sticky: `- - -` is a rule, not three list items). */
const THEMATIC_BREAK_AT = /[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$/y;
const FENCE = /^(`{3,}|~{3,})(.*)$/;
const PUNCTUATION = /[\p{P}\p{S}]/u;

const isSpace = (ch: string | undefined) => ch === undefined || ch === ' ' || ch === '\t' || ch === '\u00a0';
/** Whether `line` holds only spaces and tabs from `pos` on (sticky, so no copy of the line is made). */
const BLANK_FROM = /[ \t]*$/y;
function blankFrom(line: string, pos: number): boolean {
  BLANK_FROM.lastIndex = pos;
  return BLANK_FROM.test(line);
}
const HEADING = /^#{1,6}(?:[ \t]|$)/;

/** What is open at the current point of the body. */
interface Open {
  containers: Container[];
  /** HTML elements, innermost last. */
  html: string[];
  /** Open `<svg>` and `<math>` elements, inside which `<x/>` closes itself. */
  foreign: number;
  /** Emphasis delimiters opened in the current paragraph and not closed. */
  emphasis: { '*': number; _: number };
  /** An opening tag whose attributes go on to the next line: its text so far. */
  unfinishedTag: string | null;
}

/** Takes an unfinished tag that never finished (a blank line, or too long) as an opened element. */
function openUnfinishedTag(open: Open): void {
  if (open.unfinishedTag === null) return;
  UNFINISHED_TAG.lastIndex = 0;
  const name = UNFINISHED_TAG.exec(open.unfinishedTag)?.[1] ?? 'div';
  if (!VOID_ELEMENTS.has(name.toLowerCase())) open.html.push(name);
  open.unfinishedTag = null;
}

const depthOf = (open: Open) => open.containers.length + open.html.length + open.emphasis['*'] + open.emphasis._;

/**
 * The first line where `body` nests more than `limit` deep, or null. Counts
 * what the parsers will build: list items by indentation (and `- - x`, several
 * on one line), `>` quotes (`> > x` and `>>x`), emphasis delimiters left open,
 * and HTML elements opened and not yet closed (void elements never; `<x/>`
 * only in MDX and SVG, since HTML's parser opens a `<span/>`). Code fences,
 * indented code, code spans, HTML comments and `<script>`/`<style>` blocks
 * are not nested content. Where Markdown is ambiguous it counts the deeper
 * reading, so no form slips through; a real post stays far below the limit.
 * One pass, no recursion: a 2 MB body takes milliseconds.
 */
export function tooDeepNesting(body: string, options: { mdx: boolean; limit?: number }): TooDeep | null {
  const limit = options.limit ?? NESTING_LIMIT;
  const open: Open = { containers: [], html: [], foreign: 0, emphasis: { '*': 0, _: 0 }, unfinishedTag: null };
  const { containers, emphasis } = open;
  const endParagraph = () => (emphasis['*'] = emphasis._ = 0);
  let skipped: SkippedBlock | null = null;
  let paragraph = false; // the last line was paragraph text, which the next may continue lazily

  const lines = body.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.endsWith('\r') ? lines[index]!.slice(0, -1) : lines[index]!;
    const at = { pos: 0, col: 0 };
    const matched = matchContainers(line, containers, at, skipped?.depth ?? containers.length);
    const blank = blankFrom(line, at.pos);

    if (skipped) {
      if (blank || matched >= skipped.depth) {
        if (!blank && skipped.ends(line.slice(at.pos))) skipped = null;
        continue;
      }
      // The line left the list or quote the block was in, which ends the block too.
      skipped = null;
    }
    if (blank) {
      paragraph = false;
      endParagraph();
      openUnfinishedTag(open);
      if (depthOf(open) > limit) return tooDeep(index, limit);
      continue;
    }

    const opened = openContainers(line, at, limit + 1 - matched);
    // Without new markers, text after paragraph text continues it lazily, inside every container it was in.
    if (opened.length > 0 || !paragraph) containers.length = matched;
    containers.push(...opened);
    if (opened.length > 0) {
      paragraph = false;
      endParagraph();
    }
    if (depthOf(open) > limit) return tooDeep(index, limit);
    if (blankFrom(line, at.pos)) continue; // "-" or ">" alone: an empty item or quote line

    const rest = line.slice(at.pos);
    const indent = leadingColumns(rest, 0, at.col);
    if (indent >= 4 && !paragraph) continue; // indented code
    const trimmed = rest.trimStart();
    const fence = indent < 4 ? FENCE.exec(trimmed) : null;
    if (fence && !(fence[1]![0] === '`' && fence[2]!.includes('`'))) {
      const closing = new RegExp(`^[ \\t]{0,3}${fence[1]![0]}{${fence[1]!.length},}[ \\t]*$`);
      skipped = { depth: containers.length, ends: (text) => closing.test(text) };
      paragraph = false;
      endParagraph();
      continue;
    }
    const block = !options.mdx && indent < 4 && !paragraph ? htmlTextBlock(trimmed) : null;
    if (block) {
      if (!block.ends(trimmed)) skipped = { depth: containers.length, ends: block.ends };
      continue;
    }
    if (THEMATIC_BREAK.test(trimmed)) {
      paragraph = false;
      endParagraph();
      continue;
    }
    const text = open.unfinishedTag === null ? rest : `${open.unfinishedTag}\n${rest}`;
    open.unfinishedTag = null;
    if (scanInline(text, open, options.mdx, limit)) return tooDeep(index, limit);
    paragraph = !HEADING.test(trimmed);
    if (!paragraph) endParagraph();
  }
  return null;
}

function tooDeep(index: number, limit: number): TooDeep {
  return {
    line: index + 1,
    message: `nests lists, quotes, emphasis or HTML elements more than ${limit} deep; a post needs a few levels: close each element you open (<div> with </div>) and flatten deeper lists into headings or separate lists`,
  };
}

/** The columns of leading whitespace in `text` from `pos`, which is at column `col` (tabs go to the next multiple of 4). */
function leadingColumns(text: string, pos: number, col: number): number {
  let end = col;
  for (let i = pos; i < text.length; i++) {
    if (text[i] === ' ') end += 1;
    else if (text[i] === '\t') end += 4 - (end % 4);
    else break;
  }
  return end - col;
}

/** Moves `at` over spaces and tabs while its column is below `upTo`. */
function skipSpaces(line: string, at: { pos: number; col: number }, upTo = Infinity): void {
  while (at.col < upTo && (line[at.pos] === ' ' || line[at.pos] === '\t')) {
    at.col += line[at.pos] === '\t' ? 4 - (at.col % 4) : 1;
    at.pos += 1;
  }
}

/** Moves `at` past a `>` and the one space after it. */
function passQuoteMarker(line: string, at: { pos: number; col: number }): void {
  at.pos += 1;
  at.col += 1;
  if (line[at.pos] === ' ') {
    at.pos += 1;
    at.col += 1;
  }
}

/** How many of the first `count` open containers this line continues, moving `at` past their markers and indentation. */
function matchContainers(line: string, containers: Container[], at: { pos: number; col: number }, count: number): number {
  let matched = 0;
  for (const container of containers.slice(0, count)) {
    const before = { ...at };
    if (container.quote) {
      skipSpaces(line, at);
      if (at.col - before.col > 3 || line[at.pos] !== '>') {
        Object.assign(at, before);
        break;
      }
      passQuoteMarker(line, at);
    } else {
      skipSpaces(line, at, container.content);
      // A blank line keeps a list item open; text must be indented to its content.
      if (at.col < container.content && !blankFrom(line, at.pos)) {
        Object.assign(at, before);
        break;
      }
    }
    matched += 1;
  }
  return matched;
}

/** Up to `max` list items and quotes this line opens (`- > 1. x` opens three), moving `at` to their content. */
function openContainers(line: string, at: { pos: number; col: number }, max: number): Container[] {
  const opened: Container[] = [];
  while (opened.length < max) {
    const before = { ...at };
    skipSpaces(line, at);
    if (at.col - before.col >= 4) {
      Object.assign(at, before);
      break;
    }
    if (line[at.pos] === '>') {
      opened.push({ quote: true, content: -1 });
      passQuoteMarker(line, at);
      continue;
    }
    THEMATIC_BREAK_AT.lastIndex = at.pos;
    LIST_MARKER.lastIndex = at.pos;
    const marker = THEMATIC_BREAK_AT.test(line) ? null : LIST_MARKER.exec(line);
    if (!marker) {
      Object.assign(at, before);
      break;
    }
    at.pos += marker[0].length;
    at.col += marker[0].length;
    const empty = blankFrom(line, at.pos);
    const spaces = leadingColumns(line, at.pos, at.col);
    // Five or more spaces after the marker start indented code inside the item, one column in.
    const content = empty || spaces >= 5 ? at.col + 1 : at.col + spaces;
    skipSpaces(line, at, content);
    opened.push({ quote: false, content });
    if (empty) break;
  }
  return opened;
}

/** An HTML block whose lines are not elements (a comment, a script), and what line ends it; null for others. */
function htmlTextBlock(text: string): Pick<SkippedBlock, 'ends'> | null {
  if (text.startsWith('<!--')) return { ends: (line) => line.includes('-->') };
  const raw = RAW_TEXT_BLOCK.exec(text);
  if (raw) {
    const end = new RegExp(`</${raw[1]}>`, 'i');
    return { ends: (line) => end.test(line) };
  }
  return null;
}

/**
 * Walks one line's inline text: HTML tags opened and closed, emphasis
 * delimiters opened and closed (by CommonMark's flanking rules), skipping code
 * spans, escapes and comments on the line. True once the depth passes `limit`.
 */
function scanInline(text: string, open: Open, mdx: boolean, limit: number): boolean {
  const { emphasis } = open;
  const codeSpanEnd = codeSpanEnds(text);
  for (let i = 0; i < text.length;) {
    const ch = text[i]!;
    if (ch === '\\' && i + 1 < text.length && PUNCTUATION.test(text[i + 1]!)) {
      i += 2;
    } else if (ch === '`') {
      let run = 1;
      while (text[i + run] === '`') run += 1;
      i = codeSpanEnd.get(i) ?? i + run;
    } else if (ch === '<') {
      i = htmlTag(text, i, open, mdx);
      if (depthOf(open) > limit) return true;
    } else if (ch === '*' || ch === '_') {
      let run = 1;
      while (text[i + run] === ch) run += 1;
      const before = text[i - 1];
      const after = text[i + run];
      const punctuationBefore = before !== undefined && PUNCTUATION.test(before);
      const punctuationAfter = after !== undefined && PUNCTUATION.test(after);
      const leftFlanking = !isSpace(after) && (!punctuationAfter || isSpace(before) || punctuationBefore);
      const rightFlanking = !isSpace(before) && (!punctuationBefore || isSpace(after) || punctuationAfter);
      // `_` inside a word (snake_case) neither opens nor closes.
      const canOpen = leftFlanking && (ch === '*' || !rightFlanking || punctuationBefore);
      const canClose = rightFlanking && (ch === '*' || !leftFlanking || punctuationAfter);
      if (canClose && emphasis[ch] > 0) emphasis[ch] = Math.max(0, emphasis[ch] - run);
      else if (canOpen) emphasis[ch] += run;
      if (depthOf(open) > limit) return true;
      i += run;
    } else {
      i += 1;
    }
  }
  return false;
}

/**
 * For each backtick run that opens a code span on this line, where the span
 * ends: after the next run of the same length. One pass from the right, so a
 * line of many unmatched runs stays linear.
 */
function codeSpanEnds(text: string): Map<number, number> {
  const ends = new Map<number, number>();
  if (!text.includes('`')) return ends;
  const runs: Array<[start: number, length: number]> = [];
  for (let i = 0; i < text.length;) {
    if (text[i] !== '`') {
      i += 1;
      continue;
    }
    let run = 1;
    while (text[i + run] === '`') run += 1;
    runs.push([i, run]);
    i += run;
  }
  const nextOfLength = new Map<number, number>();
  for (let k = runs.length - 1; k >= 0; k--) {
    const [start, length] = runs[k]!;
    const next = nextOfLength.get(length);
    if (next !== undefined) ends.set(start, next + length);
    nextOfLength.set(length, start);
  }
  return ends;
}

/** Reads the HTML tag at `i` (if it is one) into the open elements; returns where scanning goes on. */
function htmlTag(text: string, i: number, open: Open, mdx: boolean): number {
  const { html } = open;
  if (!mdx && text.startsWith('<!--', i)) {
    const end = text.indexOf('-->', i + 4);
    return end === -1 ? i + 4 : end + 3;
  }
  CLOSE_TAG.lastIndex = i;
  const close = CLOSE_TAG.exec(text);
  if (close) {
    const name = mdx ? close[1]! : close[1]!.toLowerCase();
    const at = html.lastIndexOf(name);
    if (at !== -1) {
      open.foreign -= html.slice(at).filter((tag) => tag === 'svg' || tag === 'math').length;
      html.length = at;
    }
    return CLOSE_TAG.lastIndex;
  }
  OPEN_TAG.lastIndex = i;
  const tag = OPEN_TAG.exec(text);
  if (!tag) {
    UNFINISHED_TAG.lastIndex = i;
    if (!UNFINISHED_TAG.test(text)) return i + 1;
    // The tag's attributes go on over the next lines: read with them.
    open.unfinishedTag = text.slice(i);
    if (open.unfinishedTag.length > UNFINISHED_TAG_CAP) openUnfinishedTag(open);
    return text.length;
  }
  const name = mdx ? tag[1]! : tag[1]!.toLowerCase();
  const selfClosing = tag[2] === '/' && (mdx || open.foreign > 0);
  if (selfClosing || VOID_ELEMENTS.has(name.toLowerCase())) return OPEN_TAG.lastIndex;
  const top = html.at(-1);
  if (top && (CLOSED_BY[name]?.includes(top) || (top === 'p' && CLOSES_P.has(name)))) html.pop();
  html.push(name);
  if (name === 'svg' || name === 'math') open.foreign += 1;
  return OPEN_TAG.lastIndex;
}
