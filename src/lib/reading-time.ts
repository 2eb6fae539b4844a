import readingTime from 'reading-time';

/** The words a reader reads: code blocks, image syntax and link targets left out. */
function prose(body: string): string {
  return body
    .replace(/```[\s\S]*?```/g, ' ') // code is skimmed, not read word by word
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
}

/** Whole minutes to read a Markdown body, at least 1. */
export function computeReadingMinutes(body: string): number {
  return Math.max(1, Math.ceil(readingTime(prose(body)).minutes));
}

/** Words in a Markdown body, counted the same way (schema.org's wordCount). */
export function countWords(body: string): number {
  return readingTime(prose(body)).words;
}

const READING_TIME_FORM = /^(\d{1,3})\s*(?:m|mins?|minutes?)?(?:\s+read)?$/i;

/** Minutes from an editor's `readingTime` ("9 min", "9 minutes", 9), or null if unreadable. */
export function parseReadingTime(value: string | number): number | null {
  if (typeof value === 'number') return Number.isInteger(value) && value > 0 ? value : null;
  const match = READING_TIME_FORM.exec(value.trim());
  const minutes = match ? Number(match[1]) : 0;
  return minutes > 0 ? minutes : null;
}
