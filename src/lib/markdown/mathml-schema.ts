/** The MathML that sanitised HTML may keep (sanitize-schema.ts): what Temml writes, so feeds carry formulas whole. */

/**
 * MathML Core's presentation elements, `semantics` and its TeX `annotation`. Not
 * `annotation-xml`, which may carry HTML, nor MathML 3's `maction`, whose `actiontype` could run.
 */
export const MATHML_TAGS = [
  'math',
  'semantics',
  'annotation',
  'mrow',
  'mi',
  'mn',
  'mo',
  'ms',
  'mtext',
  'mspace',
  'msub',
  'msup',
  'msubsup',
  'munder',
  'mover',
  'munderover',
  'mmultiscripts',
  'mprescripts',
  'none',
  'mfrac',
  'msqrt',
  'mroot',
  'mstyle',
  'mpadded',
  'mphantom',
  'menclose',
  'merror',
  'mtable',
  'mtr',
  'mtd',
] as const;

/** Layout attributes only: none holds a URL, a script or a style; a colour must look like one. */
const LAYOUT = [
  'dir',
  'displaystyle',
  'scriptlevel',
  'mathvariant',
  'mathsize',
  ['mathcolor', /^(?:#[\da-f]{3,8}|[a-z]+)$/i],
  ['mathbackground', /^(?:#[\da-f]{3,8}|[a-z]+)$/i],
] as const;

/** Attributes per MathML element, as hast names them (unknown to HTML, so as written). */
export const MATHML_ATTRIBUTES: Record<string, ReadonlyArray<string | readonly [string, RegExp]>> = {
  math: [...LAYOUT, 'display', 'alttext'],
  annotation: ['encoding'],
  mo: [
    ...LAYOUT,
    'fence',
    'form',
    'separator',
    'stretchy',
    'symmetric',
    'largeop',
    'movablelimits',
    'lspace',
    'rspace',
    'minsize',
    'maxsize',
  ],
  mover: [...LAYOUT, 'accent'],
  munder: [...LAYOUT, 'accentunder'],
  munderover: [...LAYOUT, 'accent', 'accentunder'],
  mfrac: [...LAYOUT, 'linethickness'],
  mspace: [...LAYOUT, 'width', 'height', 'depth'],
  mpadded: [...LAYOUT, 'width', 'height', 'depth', 'lspace', 'voffset'],
  menclose: [...LAYOUT, 'notation'],
  mtd: [...LAYOUT, 'columnspan', 'rowspan'],
  ...Object.fromEntries(
    [
      'semantics',
      'mrow',
      'mi',
      'mn',
      'ms',
      'mtext',
      'msub',
      'msup',
      'msubsup',
      'mmultiscripts',
      'msqrt',
      'mroot',
      'mstyle',
      'mphantom',
      'merror',
      'mtable',
      'mtr',
    ].map((tag) => [tag, LAYOUT]),
  ),
};
