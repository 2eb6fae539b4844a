/** Finding a post's FAQ section cheaply before parsing any of it. */
import { isFaqHeading } from './faq-text.ts';

/**
 * Every article page looks for its FAQ. Parsing a 2,000-word post costs
 * ~15 ms; its FAQ section alone, under 1 ms; the line scan below, ~0.1 ms.
 * So the scan finds where the section can start, and only the part from there
 * on is parsed when the lines before it cannot change what that line is; a
 * post in which no line can open a section is not parsed at all.
 */

const MENTION = /faq|frequently\s+asked|common(?:ly\s+asked)?\s+questions|questions\s+(?:and|&|&amp;)\s+answers|q\s*(?:&|&amp;|and)\s*a/i;
const ATX = /^( {0,3})#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** HTML blocks that run to a closing marker (CommonMark types 1-5): the marker that ends one opening on this line. */
function rawHtmlEnd(line: string): string | undefined {
  const open = /^ {0,3}<(?:(script|pre|style|textarea)(?=[\s>]|$)|(!--)|(\?)|(!\[CDATA\[)|(![A-Za-z]))/i.exec(line);
  if (!open) return undefined;
  const end = open[1] ? `</${open[1].toLowerCase()}>` : open[2] ? '-->' : open[3] ? '?>' : open[4] ? ']]>' : '>';
  // A block that closes on its own first line leaves nothing open.
  return line.toLowerCase().includes(end, line.indexOf('<') + open[0].trimStart().length) ? '' : end;
}
/** HTML blocks that run to a blank line (types 6 and 7), taken broadly. */
const HTML_BLOCK = /^ {0,3}<\/?[A-Za-z]/;
const DEFINITION = /^ {0,3}\[[^\]\n]+\]:[ \t]*\S.*$/gm;

/** A heading line's text roughly as the Markdown tree will have it, for the FAQ test only. */
const looseText = (text: string) =>
  text
    .replace(/\]\([^)]*\)/g, '')
    .replace(/<[^>]*>/g, '')
    .replace(/&amp;/gi, '&')
    .replace(/[\\*_`~[\]]/g, '');

type Scan = { at: 'none' } | { at: 'whole' } | { at: 'line'; offset: number };

/** Characters a line must start with to be anything but paragraph text: space, tab, # ` ~ < = - and line ends. */
const BLOCK_START = new Set([32, 9, 35, 96, 126, 60, 61, 45, 13, 10]);

/**
 * Where an FAQ heading can be: nowhere; at a line that is a top-level ATX
 * heading for certain (no open code fence or HTML block before it, not
 * indented, so not inside a list item); or somewhere only a full parse can
 * tell (a setext heading, a heading line after an unclosed fence, …).
 */
function scan(markdown: string): Scan {
  let fence: { char: string; length: number } | undefined;
  let htmlEnd: string | undefined;
  let inHtmlBlock = false;
  /** Where the paragraph that a setext underline would make a heading began. */
  let paragraphStart = -1;
  for (let start = 0; start < markdown.length;) {
    const newline = markdown.indexOf('\n', start);
    const end = newline === -1 ? markdown.length : newline;
    const lineStart = start;
    start = end + 1;
    // Most lines are prose: they open nothing and close nothing but a raw HTML block.
    if (!htmlEnd && !BLOCK_START.has(markdown.charCodeAt(lineStart))) {
      if (paragraphStart === -1 && !fence && !inHtmlBlock) paragraphStart = lineStart;
      continue;
    }
    const line = markdown.slice(lineStart, markdown.charCodeAt(end - 1) === 13 ? end - 1 : end);
    const blank = line.trim() === '';
    const clean = !fence && !htmlEnd && !inHtmlBlock;

    const heading = ATX.exec(line);
    if (heading && isFaqHeading(looseText(heading[2] ?? ''))) {
      return clean && heading[1] === '' ? { at: 'line', offset: lineStart } : { at: 'whole' };
    }
    if (paragraphStart !== -1 && SETEXT_UNDERLINE.test(line) && isFaqHeading(looseText(markdown.slice(paragraphStart, lineStart)))) {
      return { at: 'whole' };
    }

    if (fence) {
      const marks = FENCE.exec(line)?.[1];
      // Only a bare run of the same mark, at least as long, closes a fence.
      if (marks?.startsWith(fence.char) && marks.length >= fence.length && line.trim() === marks) fence = undefined;
      continue;
    }
    if (htmlEnd) {
      if (line.toLowerCase().includes(htmlEnd)) htmlEnd = undefined;
      continue;
    }
    if (inHtmlBlock) {
      inHtmlBlock = !blank;
      continue;
    }
    const open = FENCE.exec(line);
    const rawEnd = open ? undefined : rawHtmlEnd(line);
    if (open) fence = { char: open[1]![0]!, length: open[1]!.length };
    else if (rawEnd !== undefined) htmlEnd = rawEnd || undefined;
    else if (HTML_BLOCK.test(line)) inHtmlBlock = true;
    else if (!blank && !heading) {
      if (paragraphStart === -1) paragraphStart = lineStart;
      continue;
    }
    paragraphStart = -1;
  }
  return { at: 'none' };
}

/**
 * The Markdown to look for the FAQ in: null when the post has none for
 * certain, the part from the FAQ heading on (after the link definitions,
 * which apply anywhere) when it is safe to cut there, or else the whole body.
 */
export function faqSource(markdown: string): string | null {
  if (!MENTION.test(markdown)) return null;
  const found = scan(markdown);
  if (found.at === 'none') return null;
  if (found.at === 'whole') return markdown;
  const definitions = markdown.slice(0, found.offset).match(DEFINITION) ?? [];
  const tail = markdown.slice(found.offset);
  return definitions.length > 0 ? `${definitions.join('\n')}\n\n${tail}` : tail;
}
