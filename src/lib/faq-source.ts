import { isFaqHeading } from './faq-text.ts';

/**
 * Every article page looks for its FAQ. Parsing a 2,000-word post for its
 * last section costs ~10 ms; parsing the section alone a tenth of that. So a
 * line scan first finds where the section can start, and only the part from
 * there on is parsed when the lines before it cannot change what that line is.
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
  let paragraph: string[] = [];
  let offset = 0;
  for (const rawLine of markdown.split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    const lineOffset = offset;
    offset += rawLine.length + 1;
    const blank = line.trim() === '';
    const clean = !fence && !htmlEnd && !inHtmlBlock;

    const heading = ATX.exec(line);
    if (heading && isFaqHeading(looseText(heading[2] ?? ''))) {
      return clean && heading[1] === '' ? { at: 'line', offset: lineOffset } : { at: 'whole' };
    }
    if (SETEXT_UNDERLINE.test(line) && paragraph.length > 0 && isFaqHeading(looseText(paragraph.join(' ')))) return { at: 'whole' };

    if (fence) {
      const close = FENCE.exec(line);
      if (close?.[1]!.startsWith(fence.char) && close[1].length >= fence.length && line.trim() === close[1]) fence = undefined;
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
    if (open) {
      fence = { char: open[1]![0]!, length: open[1]!.length };
      paragraph = [];
      continue;
    }
    const rawEnd = rawHtmlEnd(line);
    if (rawEnd !== undefined) {
      htmlEnd = rawEnd || undefined;
      paragraph = [];
      continue;
    }
    if (HTML_BLOCK.test(line)) {
      inHtmlBlock = true;
      paragraph = [];
      continue;
    }
    paragraph = blank || heading ? [] : [...paragraph, line];
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
