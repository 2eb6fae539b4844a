import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { svgFindings } from '#tools/check/svg-safety.ts';

/** An SVG as editors export it, with `inner` on its second line and `attributes` on the root. */
const svg = (inner: string, attributes = '') =>
  `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"${attributes}>\n${inner}\n</svg>\n`;

/** Forms that run script or load from another host when the file is opened, as they are written in the wild. */
const REFUSED: { name: string; text: string; line: number; says: RegExp }[] = [
  { name: 'a script element', text: svg('<script>alert(1)</script>'), line: 2, says: /^has a <script> element, which runs script/ },
  { name: 'an uppercase <SCRIPT>', text: svg('<SCRIPT>alert(1)</SCRIPT>'), line: 2, says: /^has a <SCRIPT> element/ },
  {
    name: 'a namespaced <svg:script>',
    text: '<svg:svg xmlns:svg="http://www.w3.org/2000/svg">\n<svg:script>alert(1)</svg:script>\n</svg:svg>',
    line: 2,
    says: /^has a <svg:script> element/,
  },
  {
    name: 'a script in CDATA',
    text: svg('<script type="text/ecmascript"><![CDATA[ if (1 < 2) alert(1) ]]></script>'),
    line: 2,
    says: /^has a <script> element/,
  },
  { name: 'onload on the root', text: svg('<rect/>', ' onload="alert(1)"'), line: 1, says: /^has an event handler onload="…" on <svg>/ },
  { name: 'an uppercase ONCLICK', text: svg('<rect ONCLICK="alert(1)"/>'), line: 2, says: /^has an event handler ONCLICK="…" on <rect>/ },
  {
    name: 'a javascript: link',
    text: svg('<a href="javascript:alert(1)"><text>x</text></a>'),
    line: 2,
    says: /^<a> href="javascript:alert\(1\)" runs script when followed/,
  },
  {
    name: 'an entity-encoded javascript: xlink:href, with a tab',
    text: svg('<a xlink:href="&#106;ava&#x09;script&#58;alert(1)"><text>x</text></a>'),
    line: 2,
    says: /^<a> xlink:href=".*" runs script when followed/,
  },
  {
    name: 'a <use> of another host',
    text: svg('<use href="https://evil.example/sprite.svg#icon"/>'),
    line: 2,
    says: /^<use> href="https:\/\/evil\.example\/sprite\.svg#icon" loads from another host/,
  },
  { name: 'a protocol-relative <use>', text: svg('<use xlink:href="//evil.example/s.svg#i"/>'), line: 2, says: /loads from another host/ },
  { name: 'a backslashed host', text: svg('<use href="\\\\evil.example/s.svg#i"/>'), line: 2, says: /loads from another host/ },
  {
    name: 'an <image> from another host',
    text: svg('<image href="https://tracker.example/p.png"/>'),
    line: 2,
    says: /loads from another host/,
  },
  {
    name: 'an <image> of SVG data',
    text: svg('<image href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4="/>'),
    line: 2,
    says: /embeds data other than a PNG, JPEG, GIF, WebP or AVIF bitmap/,
  },
  { name: 'a link to HTML data', text: svg('<a href="data:text/html,&lt;script&gt;"><text>x</text></a>'), line: 2, says: /embeds data/ },
  {
    name: '<foreignObject> with HTML',
    text: svg('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><iframe src="https://evil.example/"/></div></foreignObject>'),
    line: 2,
    says: /^has a <foreignObject> element, which can carry HTML and script/,
  },
  {
    name: 'an HTML element in the XHTML namespace',
    text: svg('<g><h:iframe xmlns:h="http://www.w3.org/1999/xhtml" src="javascript:alert(1)"/></g>'),
    line: 2,
    says: /^has an HTML element <h:iframe>/,
  },
  {
    name: '@import in a <style>',
    text: svg('<style>\n@import url(https://evil.example/x.css);\n</style>'),
    line: 3,
    says: /^imports a stylesheet \(@import\)/,
  },
  { name: 'an escaped @\\69mport', text: svg('<style>@\\69mport "x.css";</style>'), line: 2, says: /^imports a stylesheet/ },
  {
    name: 'url() of another host in a <style> CDATA',
    text: svg('<style><![CDATA[ rect { fill: url("https://evil.example/p.svg#g") } ]]></style>'),
    line: 2,
    says: /^style url\("https:\/\/evil\.example\/p\.svg#g"\) loads from another host/,
  },
  {
    name: 'url() in a style attribute',
    text: svg('<rect style="fill:url(https://evil.example/a)"/>'),
    line: 2,
    says: /loads from another host/,
  },
  { name: 'url() in a fill attribute', text: svg('<rect fill="url(https://evil.example/#g)"/>'), line: 2, says: /loads from another host/ },
  {
    name: 'a url( written with escapes',
    text: svg('<rect style="fill:u\\72l(https://evil.example/a)"/>'),
    line: 2,
    says: /^writes url\( with CSS escapes/,
  },
  {
    name: 'image-set() of another host',
    text: svg('<style>g{mask-image:image-set("https://e.example/a.png" 1x)}</style>'),
    line: 2,
    says: /loads from another host/,
  },
  {
    name: 'an xml-stylesheet instruction',
    text: `<?xml-stylesheet type="text/xsl" href="x.xsl"?>\n${svg('<rect/>')}`,
    line: 1,
    says: /^links a stylesheet with <\?xml-stylesheet\?>/,
  },
  {
    name: 'entities declared in the DOCTYPE',
    text: `<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY s "<script>alert(1)</script>">]>\n${svg('<text>&s;</text>')}`,
    line: 2,
    says: /^declares entities in its DOCTYPE/,
  },
  {
    name: 'an animation that turns a link into script',
    text: svg('<a><set attributeName="href" to="javascript:alert(1)"/><text>x</text></a>'),
    line: 2,
    says: /^<set> animates href/,
  },
  {
    name: 'an xml:base of another host',
    text: svg('<g xml:base="https://evil.example/"><use href="s.svg#i"/></g>'),
    line: 2,
    says: /loads from another host/,
  },
  {
    name: 'XML that is not well-formed',
    text: svg('<g><rect></g>'),
    line: 2,
    says: /^is not well-formed XML \(Expected closing tag 'rect'/,
  },
  { name: 'an empty file', text: '', line: 1, says: /^is not well-formed XML/ },
  {
    name: 'an HTML page named .svg',
    text: '<html><body><script>alert(1)</script></body></html>',
    line: 1,
    says: /^is not an SVG image \(its first element is <html>/,
  },
];

/** What editors' tools export, and the site's own images: none may be refused. */
const ACCEPTED: { name: string; text: string }[] = [
  { name: "the site's favicon", text: readFileSync(path.join(import.meta.dirname, '../../public/favicon.svg'), 'utf8') },
  {
    name: 'an Inkscape export (DOCTYPE, metadata, editor namespaces)',
    text: `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
  xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" inkscape:version="1.3" width="10" height="10">
  <metadata><rdf:RDF/></metadata>
  <defs><linearGradient id="g"><stop offset="0" style="stop-color:#fff;stop-opacity:1"/></linearGradient></defs>
  <rect transform="rotate(45)" fill="url(#g)" style="filter:url('#blur')"/>
</svg>`,
  },
  { name: 'a local <use> and xlink:href', text: svg('<defs><path id="p" d="M0 0h5"/></defs><use href="#p"/><use xlink:href="#p"/>') },
  { name: 'a <use> of a sprite on the site', text: svg('<use href="/icons/sprite.svg#star"/><use href="sprite.svg#star"/>') },
  { name: 'an embedded PNG', text: svg('<image href="data:image/png;base64,iVBORw0KGgo=" width="5" height="5"/>') },
  {
    name: 'a link out, as a page may have',
    text: svg('<a href="https://example.com/source"><text>source</text></a><a href="mailto:a@example.com"><text>mail</text></a>'),
  },
  {
    name: 'styles with local urls and fonts',
    text: svg('<style>text { font-family: "Source Serif"; fill: url(#g) } .a { mask: url(#m) }</style>'),
  },
  { name: 'a word like "onion" as a class', text: svg('<g class="onion" id="online"><text>on</text></g>') },
];

describe('svgFindings: refused forms', () => {
  it.each(REFUSED)('$name', ({ text, line, says }) => {
    const findings = svgFindings(text);
    expect(findings.length, JSON.stringify(findings)).toBeGreaterThan(0);
    expect(findings[0]!.line).toBe(line);
    expect(findings[0]!.message).toMatch(says);
    // One line each, with nothing raw from the file that could move a terminal's cursor.
    for (const finding of findings) expect(finding.message).not.toMatch(/[\p{Cc}]/u);
  });
});

describe('svgFindings: accepted images', () => {
  it.each(ACCEPTED)('$name', ({ text }) => {
    expect(svgFindings(text)).toEqual([]);
  });
});
