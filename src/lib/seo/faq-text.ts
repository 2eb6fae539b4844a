/**
 * The wording rules of an FAQ section: which heading texts open one, and
 * what numbering and labels an editor puts around a question or an answer
 * that the FAQPage JSON-LD should not carry.
 */

const NAME = String.raw`(?:frequently\s+asked\s+questions?|faqs?|common(?:ly\s+asked)?\s+questions|questions\s+(?:and|&)\s+answers|q\s*&\s*a|q\s+and\s+a)`;
/** "(FAQ)", "(FAQs)" or "(Q&A)" after the name, as in "Frequently Asked Questions (FAQs)". */
const ABBREVIATION = String.raw`(?:\s*\(\s*(?:faqs?|q\s*&\s*a)\s*\))?`;
/**
 * A topic: "FAQ: Edge AI", "FAQ – Edge AI", "FAQs on Edge AI", "… About Edge AI".
 * A hyphen needs spaces around it, so "FAQ-driven support" is prose.
 */
const TOPIC = String.raw`(?:\s*[:–—|]\s*.*|\s+-\s+.*|\s+(?:about|on|for|regarding|concerning|around)\s+\S.*)?`;
/** A section number ("7. FAQ") or an emoji the editor put before or after the name. */
const LEAD = String.raw`^(?:\d{1,2}[.)]\s+)?[\p{Extended_Pictographic}\uFE0F\s]*`;
const TRAIL = String.raw`[\p{Extended_Pictographic}\uFE0F\s.!?]*$`;

const FAQ_HEADING = new RegExp(`${LEAD}${NAME}${ABBREVIATION}${TOPIC}${TRAIL}`, 'iu');

const squeeze = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * Whether a heading's text opens an FAQ section. The name must open the
 * heading, so a heading that only mentions FAQs in passing ("Why we stopped
 * answering FAQs by email") does not count.
 */
export function isFaqHeading(text: string): boolean {
  return FAQ_HEADING.test(squeeze(text));
}

/**
 * "Q1.", "Q1:", "Q1)", "Q.1", "Q 1 -", "Question 1:", "Q:", "1.", "1)", "(1)",
 * "1:", "1 -", "#1". A number needs a mark after it, so "Q3 earnings?" keeps
 * its quarter; a lone "Q" a space after its mark, so "Q-learning?" keeps its
 * Q; a bare number a space after its dot or bracket, so "1.5 million users?"
 * keeps it, and at most three digits, so a year ("2024: what changed?") stays.
 */
const NUMBERING =
  /^(?:(?:q(?:uestion)?|faq)(?:\.\s*\d{1,3}\s*[.:)\]\-–—]?|\s*#?\s*\d{1,3}\s*[.:)\]\-–—])\s*|q(?:uestion)?(?:\s*[.:)]|\s+[-–—])\s+|\(?\d{1,3}[.)]\s+|\d{1,3}\s*[:\-–—]\s+|#\d{1,3}[.:)]?\s+)/i;

/** "A:", "A.", "A1)", "Answer:", "Ans -" before an answer's text. */
const ANSWER_LABEL = /^(?:a(?:ns(?:wer)?)?)\s*\d{0,3}\s*[.:)\-–—]\s+/i;

/** A question as the JSON-LD carries it: without the editor's numbering. */
export function questionText(text: string): string {
  return squeeze(text).replace(NUMBERING, '');
}

/** An answer as the JSON-LD carries it: without an "A:" label. */
export function answerText(text: string): string {
  return squeeze(text).replace(ANSWER_LABEL, '');
}
