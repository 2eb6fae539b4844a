/**
 * What in an SVG file could run script or reach another host when a reader
 * opens the file directly (a host with no headers, such as GitHub Pages,
 * serves it with no Content-Security-Policy), each with its line and the fix.
 *
 * Refused, not sanitised: a sanitiser would publish a file that differs from
 * the one the editor committed and reviewed, silently; a guest's SVG is a
 * small export whose fix is a re-export or one deleted line; and a rule that
 * refuses shows its misses in review instead of publishing them. The file is
 * read with a real XML parser (fast-xml-parser) and its styles with a real
 * CSS parser (css-tree), so case, namespaces, CDATA, entities and CSS escapes
 * are seen as a browser sees them.
 */
import * as csstree from 'css-tree';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface SvgFinding {
  line: number;
  message: string;
}

const XHTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';
/** Elements that run script, or carry HTML that can: `<handler>`/`<listener>` are SVG Tiny's event scripts. */
const SCRIPT_ELEMENTS = new Set(['script', 'foreignobject', 'handler', 'listener']);
const ANIMATIONS = new Set(['animate', 'set', 'animatemotion', 'animatetransform', 'animatecolor']);
/** Pixels only: an embedded bitmap (how Figma and Illustrator export photos) can neither run script nor load anything. */
const RASTER_DATA = /^data:image\/(?:png|jpeg|gif|webp|avif)[;,]/i;
/** A base no address of the file can reach, so anything resolving to another origin points off the site. */
const SAME_FILE = 'https://svg.invalid/folder/image.svg';

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  allowBooleanAttributes: true,
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  htmlEntities: true, // numeric references too, so "&#106;avascript:" is read as the browser reads it
  ignorePiTags: false,
  cdataPropName: '#cdata',
  commentPropName: '#comment',
  captureMetaData: true,
});

type XmlNode = Record<string, unknown> & { ':@'?: Record<string, string> };
/** Where each element starts in the text (its types say Symbol, the wrapper type, for the symbol it is). */
const POSITION = XMLParser.getMetaDataSymbol() as unknown as symbol;

const shown = (value: string) => JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}…` : value);

/** Every finding in one SVG file's text, in document order; none for a safe file. */
export function svgFindings(text: string): SvgFinding[] {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const reason = valid.err.msg.replace(/[\p{Cc}]/gu, ' ');
    return [{ line: valid.err.line, message: `is not well-formed XML (${reason}); open it in an SVG editor and save it again` }];
  }
  const findings: SvgFinding[] = [];
  const lineAt = (offset: number) => text.slice(0, offset).split('\n').length;
  // Entities declared in a DOCTYPE are expanded by browsers into markup this parser keeps as text,
  // so a script could hide in one; a literal "<!ENTITY" outside a DTD would have to be escaped.
  const entity = text.indexOf('<!ENTITY');
  if (entity !== -1)
    findings.push({
      line: lineAt(entity),
      message:
        'declares entities in its DOCTYPE (<!ENTITY …>), which can hide markup; remove the DOCTYPE, or export the image again as plain SVG',
    });
  const nodes = parser.parse(text) as XmlNode[];
  const root = nodes.find((node) => elementName(node) !== null);
  const rootName = root ? localName(elementName(root)!) : '';
  if (rootName.toLowerCase() !== 'svg') {
    return [{ line: 1, message: `is not an SVG image (its first element is <${rootName}>, not <svg>); save it with the extension it has` }];
  }
  walk(nodes, new Map(), 1, { findings, lineAt });
  return findings.sort((a, b) => a.line - b.line);
}

interface WalkState {
  findings: SvgFinding[];
  lineAt: (offset: number) => number;
}

/** The tag of an element node, null for text, CDATA, comments and processing instructions. */
function elementName(node: XmlNode): string | null {
  const name = Object.keys(node).find((key) => key !== ':@');
  return name && !name.startsWith('#') && !name.startsWith('?') ? name : null;
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

function walk(nodes: XmlNode[], namespaces: Map<string, string>, parentLine: number, state: WalkState): void {
  for (const node of nodes) {
    const meta = (node as Record<symbol, { startIndex?: number } | undefined>)[POSITION];
    const line = meta?.startIndex === undefined ? parentLine : state.lineAt(meta.startIndex);
    if ('?xml-stylesheet' in node) {
      state.findings.push({
        line,
        message:
          'links a stylesheet with <?xml-stylesheet?>, which can load from other hosts or run XSLT; put the styles in a <style> element',
      });
      continue;
    }
    const name = elementName(node);
    if (name === null) continue;
    const attributes = node[':@'] ?? {};
    const scope = new Map(namespaces);
    for (const [attribute, value] of Object.entries(attributes)) {
      if (attribute === 'xmlns') scope.set('', value);
      else if (attribute.startsWith('xmlns:')) scope.set(attribute.slice(6), value);
    }
    // A refused element is one line: what it holds would only repeat the finding.
    if (!checkElement(name, attributes, scope, line, state)) continue;
    const children = node[name] as XmlNode[];
    if (localName(name).toLowerCase() === 'style') checkCss(textOf(children), line, state.findings);
    walk(children, scope, line, state);
  }
}

function textOf(children: XmlNode[]): string {
  return children
    .map((child) => {
      if ('#text' in child) return String(child['#text']);
      if ('#cdata' in child) return textOf(child['#cdata'] as XmlNode[]);
      return '';
    })
    .join('');
}

/** Reports what is wrong with one element and its attributes; false when the element itself is refused. */
function checkElement(
  name: string,
  attributes: Record<string, string>,
  namespaces: Map<string, string>,
  line: number,
  state: WalkState,
): boolean {
  const report = (message: string) => state.findings.push({ line, message });
  const prefix = name.includes(':') ? name.slice(0, name.indexOf(':')) : '';
  const tag = localName(name);
  const lowerTag = tag.toLowerCase();
  // Any case and any prefix: "<SCRIPT>" and "<svg:script>" run when the SVG is pasted into HTML, which folds case.
  if (SCRIPT_ELEMENTS.has(lowerTag)) {
    const what = lowerTag === 'foreignobject' ? 'which can carry HTML and script' : 'which runs script';
    report(`has a <${name}> element, ${what}; SVG images on this site cannot run script: remove it`);
    return false;
  }
  if (namespaces.get(prefix) === XHTML_NAMESPACE) {
    report(`has an HTML element <${name}> inside the image, which can run script or load pages; draw it in SVG or remove it`);
    return false;
  }
  for (const [attribute, value] of Object.entries(attributes)) {
    const property = localName(attribute).toLowerCase();
    if (attribute === 'xmlns' || attribute.startsWith('xmlns:')) continue;
    if (property.startsWith('on')) report(`has an event handler ${attribute}="…" on <${name}>, which runs script; remove the attribute`);
    else if (property === 'href' || attribute === 'xml:base') {
      const problem = addressProblem(value, lowerTag);
      if (problem) report(`<${name}> ${attribute}=${shown(value)} ${problem}`);
    } else if (ANIMATIONS.has(lowerTag) && property === 'attributename' && /(?:^|:)(?:href|on.*)$/i.test(value))
      report(`<${name}> animates ${value}, which can turn a link or a handler into script; remove the animation`);
    // style, and presentation attributes (fill, filter, mask, clip-path, marker-*), which take url(…).
    else if (value.includes('(')) checkCss(value, line, state.findings);
  }
  return true;
}

/**
 * Why an address in the image may not be published, or null. Same-file
 * fragments and relative addresses stay on the site (a file they name is
 * checked in its own right); `<a>` may link out, as a page may; `<image>`
 * may embed a bitmap. The WHATWG URL parser reads the address as a browser
 * does (tabs and newlines dropped, "\\host" taken for "//host").
 */
function addressProblem(value: string, tag: string): string | null {
  let address: URL;
  try {
    address = new URL(value, SAME_FILE);
  } catch {
    return 'is not a valid address; fix or remove it';
  }
  if (address.origin === new URL(SAME_FILE).origin) return null;
  const scheme = address.protocol;
  if (scheme === 'javascript:' || scheme === 'vbscript:') return 'runs script when followed; remove it';
  if (tag === 'a' && ['http:', 'https:', 'mailto:'].includes(scheme)) return null;
  if (scheme === 'data:') {
    if (RASTER_DATA.test(address.href) && tag !== 'a') return null;
    return 'embeds data other than a PNG, JPEG, GIF, WebP or AVIF bitmap; embed a bitmap, or save the part as its own file';
  }
  return 'loads from another host; SVG images on this site must be self-contained: copy what it shows into the file or into public/';
}

/** CSS functions whose quoted arguments are addresses the browser loads. */
const ADDRESS_FUNCTIONS = new Set(['url', 'src', 'image', 'image-set', '-webkit-image-set']);

/**
 * `@import`, and the addresses of `url(…)`, `src("…")` and `image-set("…")`, in a stylesheet, a style attribute
 * or a presentation attribute (fill, filter, mask, clip-path, marker-*). Read as tokens, as the CSS syntax
 * defines them and browsers read them: a style that does not parse still loads what its tokens name, and names
 * are compared with their escapes decoded ("@\\69mport", "u\\72l(").
 */
function checkCss(css: string, line: number, findings: SvgFinding[]): void {
  const { tokenTypes: token } = csstree;
  const tokens: { type: number; text: string; start: number }[] = [];
  csstree.tokenize(css, (type, start, end) => tokens.push({ type, text: css.slice(start, end), start }));
  const lineOf = (start: number) => line + css.slice(0, start).split('\n').length - 1;
  const checkAddress = (address: string, start: number) => {
    const problem = addressProblem(address, 'style');
    if (problem) findings.push({ line: lineOf(start), message: `style url(${shown(address)}) ${problem}` });
  };
  let depth = 0; // inside an address function's parentheses
  let plainUrl = false; // that function is url() or src(), whose argument must be one quoted address
  for (const { type, text, start } of tokens) {
    if (type === token.AtKeyword && csstree.ident.decode(text.slice(1)).toLowerCase() === 'import')
      findings.push({
        line: lineOf(start),
        message: 'imports a stylesheet (@import), which loads another file; put the rules in the <style> itself',
      });
    else if (type === token.Url) checkAddress(csstree.url.decode(text), start);
    else if (type === token.BadUrl)
      findings.push({ line: lineOf(start), message: 'has a url(…) that is not valid CSS; write the address in quotes, url("#id")' });
    else if (depth > 0) {
      if (type === token.Function || type === token.LeftParenthesis) depth += 1;
      else if (type === token.RightParenthesis) depth -= 1;
      else if (type === token.String) checkAddress(csstree.string.decode(text), start);
      else if (plainUrl && type !== token.WhiteSpace && type !== token.Comment) {
        findings.push({
          line: lineOf(start),
          message: 'writes url( with CSS escapes, in a form this check cannot read; write it plainly, url("#id")',
        });
        plainUrl = false; // one line per address
      }
    } else if (type === token.Function) {
      const name = csstree.ident.decode(text.slice(0, -1)).toLowerCase();
      if (!ADDRESS_FUNCTIONS.has(name)) continue;
      depth = 1;
      plainUrl = name === 'url' || name === 'src';
    }
  }
}
