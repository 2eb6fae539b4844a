/** What a writer says about a diagram besides drawing it: a title in the fence, Mermaid's accTitle and accDescr lines. */

/** A ```mermaid fence as the writer wrote it. */
export interface DiagramSource {
  /** The fence's contents. */
  code: string;
  /** The rest of the fence's first line after "mermaid" (`title="How a request flows"`), or null. */
  meta: string | null;
  /** The fence's line in the body (1-based), for messages. */
  line: number;
}

/** What the source says about itself, and the source without those lines (beautiful-mermaid does not know them). */
export interface DiagramWords {
  /** `title="…"` (or `title='…'`) on the fence: shown as the figure's caption. */
  title: string | undefined;
  /** Mermaid's `accTitle: …`: the diagram's accessible name. */
  accTitle: string | undefined;
  /** Mermaid's `accDescr: …` or `accDescr { … }` (several lines): its description. */
  accDescr: string | undefined;
  /** The source with the accTitle and accDescr lines left out, for the library. */
  drawn: string;
}

const TITLE = /(?:^|\s)title=(?:"([^"]*)"|'([^']*)')/;
const ACC_LINE = /^\s*(accTitle|accDescr)\s*:\s*(.*)$/;
const ACC_BLOCK_START = /^\s*accDescr\s*\{\s*(.*)$/;

const clean = (text: string | undefined) => {
  const value = text?.replace(/\s+/g, ' ').trim();
  return value ? value : undefined;
};

/** Reads the fence title and the accessibility lines; `drawn` keeps every other line, so line numbers in messages still count. */
export function diagramWords(code: string, meta: string | null): DiagramWords {
  const match = meta ? TITLE.exec(meta) : null;
  let accTitle: string | undefined;
  let accDescr: string | undefined;
  const drawn: string[] = [];
  let block: string[] | undefined;
  for (const line of code.split('\n')) {
    if (block) {
      const end = line.indexOf('}');
      block.push(end === -1 ? line : line.slice(0, end));
      if (end !== -1) {
        accDescr = block.join(' ');
        block = undefined;
      }
      drawn.push('');
      continue;
    }
    const single = ACC_LINE.exec(line);
    const opened = single ? null : ACC_BLOCK_START.exec(line);
    if (single) {
      if (single[1] === 'accTitle') accTitle = single[2];
      else accDescr = single[2];
      drawn.push('');
    } else if (opened) {
      const rest = opened[1] ?? '';
      const end = rest.indexOf('}');
      if (end === -1) block = [rest];
      else accDescr = rest.slice(0, end);
      drawn.push('');
    } else {
      drawn.push(line);
    }
  }
  const source = drawn.join('\n');
  return {
    title: clean(match?.[1] ?? match?.[2]),
    accTitle: clean(accTitle),
    accDescr: clean(accDescr),
    drawn: drawnForm(source),
  };
}

/** The source in the forms beautiful-mermaid reads (see the two functions below). */
function drawnForm(source: string): string {
  const kind = diagramKind(source);
  if (kind === 'Flowchart') return normalizedFlowchart(source);
  if (kind === 'Entity-relationship diagram') return normalizedEr(source);
  return source;
}

/**
 * An ER diagram with Mermaid's left-hand "zero or more", `}o--`, written `o{--`: beautiful-mermaid
 * 1.1.3 knows only the right-hand spelling and drops the whole relationship without a word
 * (er/parser.ts parseCardinality sorts the characters, and "o}" is not among its cases).
 * The meaning is the same: the library reads a side's cardinality whatever the order.
 */
export function normalizedEr(code: string): string {
  return code.replace(/(\s)\}o(--|\.\.)/g, '$1o{$2');
}

/** A link in a flowchart: `-->`, `---`, `==>`, `-.->`, `<-->` (Mermaid's operators; a single `-` is part of a name). */
const LINK = /<?(?:-{2,}|={2,}|-\.+-)>?/g;

/**
 * A flowchart as beautiful-mermaid reads it, with two forms Mermaid accepts and it does not:
 * `graph LR; A-->B; B-->C`, where `;` ends a statement (GitHub's own examples are written
 * so), becomes one statement a line; and `A-->B` gets spaces around its link, since the
 * library reads `A--` as a node's name and draws no link (lukilabs/beautiful-mermaid#140,
 * open; remove this part when it is fixed). Labels, inside quotes, a shape's brackets or an
 * edge's `|…|`, are left exactly as written.
 */
export function normalizedFlowchart(code: string): string {
  let out = '';
  let outside = '';
  let quote = false;
  let depth = 0;
  let pipe = false;
  // A space where none is, on either side; none before an edge's `|label|`, which the library reads only right after the link.
  const flush = (next = '') => {
    out += outside.replace(LINK, (link: string, at: number, whole: string) => {
      const after = whole[at + link.length] ?? next;
      const before = at > 0 && !/\s/.test(whole[at - 1]!) ? ' ' : '';
      return `${before}${link}${after === '' || after === '|' || /\s/.test(after) ? '' : ' '}`;
    });
    outside = '';
  };
  for (const char of code) {
    const inLabel = quote || depth > 0 || pipe;
    if (char === '\n') {
      flush();
      quote = false;
      depth = 0;
      pipe = false;
      out += char;
      continue;
    }
    if (!inLabel && char === ';') {
      flush();
      out += '\n';
      continue;
    }
    if (char === '"') quote = !quote;
    else if (!quote && !pipe && '[({'.includes(char)) depth += 1;
    else if (!quote && !pipe && depth > 0 && '])}'.includes(char)) depth -= 1;
    else if (!quote && depth === 0 && char === '|') pipe = !pipe;
    if (inLabel || quote || depth > 0 || pipe) {
      flush(char);
      out += char;
    } else {
      outside += char;
    }
  }
  flush();
  return out;
}

/** What kind of diagram the source is, from its first word, in the words a reader knows. */
export function diagramKind(code: string): string {
  const first = code
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line !== '' && !line.startsWith('%%'));
  const word = first?.split(/[\s;]/)[0]?.toLowerCase() ?? '';
  if (word === 'graph' || word === 'flowchart') return 'Flowchart';
  if (word === 'sequencediagram') return 'Sequence diagram';
  if (word === 'classdiagram') return 'Class diagram';
  if (word.startsWith('statediagram')) return 'State diagram';
  if (word === 'erdiagram') return 'Entity-relationship diagram';
  if (word.startsWith('xychart')) return 'Chart';
  return 'Diagram';
}
