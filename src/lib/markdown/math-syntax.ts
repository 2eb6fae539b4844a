/** Where `$…$` is math and where it is money: micromark-extension-math's syntax with Pandoc's dollar rule for inline math. */
import { math } from 'micromark-extension-math';
import type { Code, Construct, Extension, State, TokenizeContext, Tokenizer } from 'micromark-util-types';

const DOLLAR = 36;
const BACKSLASH = 92;
const SPACE = 32;

/** micromark's codes: -5…-1 are line endings and tabs, null is the end; all count as white space here. */
const isBlank = (code: Code) => code === null || code < 0 || code === SPACE;
const isDigit = (code: Code) => code !== null && code >= 48 && code <= 57;
const isAsciiAlphanumeric = (code: Code) => code !== null && ((code >= 48 && code <= 57) || ((code | 0x20) >= 97 && (code | 0x20) <= 122));
const isLineEnding = (code: Code) => code !== null && code < -2;

// The block form (`$$` fences) and the resolver of inline math are micromark-extension-math's own.
const upstream = math();
const upstreamText = (upstream.text as Record<number, Construct>)[DOLLAR]!;
const upstreamFlow = (upstream.flow as Record<number, Construct>)[DOLLAR]!;

/** A line that is only `$$` (or more dollars) and spaces: the one opening fence writers use. */
function tokenizeBareFence(effects: Parameters<Tokenizer>[0], ok: State, nok: State): State {
  let size = 0;
  const sequence: State = (code) => {
    if (code === DOLLAR) {
      effects.consume(code);
      size++;
      return sequence;
    }
    effects.exit('mathFlowFenceSequence');
    return size >= 2 ? rest(code) : nok(code);
  };
  const rest: State = (code) => {
    if (code === null || isLineEnding(code)) return ok(code);
    if (!isBlank(code)) return nok(code);
    effects.enter('whitespace');
    effects.consume(code);
    effects.exit('whitespace');
    return rest;
  };
  return (code) => {
    effects.enter('mathFlowFenceSequence');
    return sequence(code);
  };
}

/**
 * micromark-extension-math's `$$` block, opened only by a line of bare dollars. Its own construct
 * also opens on `$$a +` (taking "a +" for a fence's meta) and then runs to the next `$$` line or
 * the end of the post; writers mean `$$a +⏎b$$` as one display formula, which the inline
 * construct below reads (and remark-math.ts displays, being alone in its paragraph).
 */
const mathFlow: Construct = {
  ...upstreamFlow,
  tokenize(effects, ok, nok) {
    return effects.check({ tokenize: tokenizeBareFence, partial: true }, upstreamFlow.tokenize.call(this, effects, ok, nok), nok);
  },
};

/**
 * Inline math as Pandoc reads it (`tex_math_dollars`), so prices stay prose: a single `$` opens
 * math only when a non-space follows it, and closes it only when a non-space precedes it and no
 * digit follows it. "costs $5 a month, or $50 a year", "$5–$10" and "between $3 and $4" are
 * therefore text, while "$x$", "$O(n^2)$" and "$n$-th" are math. One rule is added to Pandoc's:
 * a `$` right after an ASCII letter or digit opens nothing ("US$20", "C$5", "5$, then 10$"),
 * where no writer puts math. And a formula never holds a `$` of its own (TeX refuses one in math
 * too): a `$` that cannot close it ends the attempt, so in "costs $5 an hour, and runs in
 * $O(n)$" the formula is `O(n)`, not "5 an hour, and runs in $O(n)". Inside math a backslash
 * keeps the next character, so `$a \$ b$` is one formula. `$$…$$` in a line has no space rules
 * (nobody writes money that way). micromark-extension-math's own construct takes any pair of
 * dollars ("$5 a month, or $").
 */
function tokenizeMathText(this: TokenizeContext, effects: Parameters<Tokenizer>[0], ok: State, nok: State): State {
  const before = this.previous;
  let sizeOpen = 0;
  let size = 0;
  /** The code before the current one inside the formula: a closing `$` must not follow a space. */
  let last: Code = null;

  const start: State = (code) => {
    if (isAsciiAlphanumeric(before)) return nok(code);
    effects.enter('mathText');
    effects.enter('mathTextSequence');
    return sequenceOpen(code);
  };

  const sequenceOpen: State = (code) => {
    if (code === DOLLAR) {
      effects.consume(code);
      sizeOpen++;
      return sequenceOpen;
    }
    if (sizeOpen > 2) return nok(code);
    // "$ 5": a space after a single dollar opens nothing.
    if (sizeOpen === 1 && isBlank(code)) return nok(code);
    effects.exit('mathTextSequence');
    return between(code);
  };

  const between: State = (code) => {
    if (code === null) return nok(code);
    if (code === DOLLAR) {
      effects.enter('mathTextSequence');
      size = 0;
      return sequenceClose(code);
    }
    if (code === SPACE) {
      effects.enter('space');
      effects.consume(code);
      effects.exit('space');
      last = code;
      return between;
    }
    if (isLineEnding(code)) {
      effects.enter('lineEnding');
      effects.consume(code);
      effects.exit('lineEnding');
      last = code;
      return between;
    }
    effects.enter('mathTextData');
    return data(code);
  };

  const data: State = (code) => {
    if (code === null || code === SPACE || code === DOLLAR || isLineEnding(code)) {
      effects.exit('mathTextData');
      return between(code);
    }
    effects.consume(code);
    last = code;
    return code === BACKSLASH ? escaped : data;
  };

  // `\$`, `\ ` and `\\` inside math are TeX's: the character after a backslash never ends the formula.
  const escaped: State = (code) => {
    if (code === null || isLineEnding(code)) {
      effects.exit('mathTextData');
      return between(code);
    }
    effects.consume(code);
    last = code;
    return data;
  };

  const sequenceClose: State = (code) => {
    if (code === DOLLAR) {
      effects.consume(code);
      size++;
      return sequenceClose;
    }
    if (size !== sizeOpen || (sizeOpen === 1 && (isBlank(last) || isDigit(code)))) return nok(code);
    effects.exit('mathTextSequence');
    effects.exit('mathText');
    return ok(code);
  };

  return start;
}

const mathText: Construct = {
  name: 'mathText',
  tokenize: tokenizeMathText,
  resolve: upstreamText.resolve!,
  previous: upstreamText.previous!,
};

/** The micromark extension: `$$` blocks as micromark-extension-math reads them (opened by a bare `$$` line), inline math by the rule above. */
export function mathSyntax(): Extension {
  return { flow: { [DOLLAR]: mathFlow }, text: { [DOLLAR]: mathText } };
}
