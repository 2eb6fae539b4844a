/** YAML parse errors turned into the mistake an editor made, on the line where they made it. */
import type yaml from 'js-yaml';

const KEY_LINE = /^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(.*))?$/;

/** The file line of a frontmatter field (1 when the field is absent). */
export function fieldLine(frontmatter: string, field: string): number {
  const lines = frontmatter.split('\n');
  const index = lines.findIndex((line) => new RegExp(`^${field}\\s*:`).test(line));
  return index === -1 ? 1 : index + 2; // +1 for the opening ---, +1 for 1-based lines
}

/** A quoted value that is never closed on its line ("Unclosed), or null. */
function unclosedQuote(value: string): '"' | "'" | null {
  if (value.startsWith('"')) return /^"(?:[^"\\]|\\.)*"/.test(value) ? null : '"';
  if (value.startsWith("'")) return /^'(?:[^']|'')*'/.test(value) ? null : "'";
  return null;
}

/**
 * A tab, a quote never closed, a field given twice, a colon in an unquoted
 * value; js-yaml's own wording is the fallback.
 */
export function yamlProblem(frontmatter: string, error: yaml.YAMLException): { line: number; field: string; message: string } {
  const lines = frontmatter.split('\n');
  const errorIndex = Math.min(error.mark?.line ?? 0, Math.max(lines.length - 1, 0));
  const at = (index: number) => index + 2; // +1 for the opening ---, +1 for 1-based lines
  if (/\t/.test(lines[errorIndex] ?? '') || /tab/i.test(error.reason)) {
    return {
      line: at(errorIndex),
      field: 'frontmatter',
      message: 'is not valid YAML: it is indented with a tab; YAML allows only spaces for indentation',
    };
  }
  if (/duplicated mapping key/.test(error.reason)) {
    const key = KEY_LINE.exec(lines[errorIndex] ?? '')?.[1];
    const first = key ? lines.findIndex((line) => KEY_LINE.exec(line)?.[1] === key) : -1;
    if (key && first !== -1 && first < errorIndex) {
      return { line: at(errorIndex), field: key, message: `is given twice (lines ${at(first)} and ${at(errorIndex)}); keep one` };
    }
  }
  for (let index = 0; index <= errorIndex; index += 1) {
    const [, key, value = ''] = KEY_LINE.exec(lines[index] ?? '') ?? [];
    const quote = key ? unclosedQuote(value.trim()) : null;
    if (key && quote) {
      return {
        line: at(index),
        field: key,
        message: `opens a quote (${quote}) that is never closed; end the value with ${quote} on the same line`,
      };
    }
  }
  const [, key, value = ''] = KEY_LINE.exec(lines[errorIndex] ?? '') ?? [];
  if (key && /^[^"'[{].*:\s/.test(value)) {
    return {
      line: at(errorIndex),
      field: key,
      message: `has ": " in a value without quotes; put the whole value in double quotes: ${key}: "${value.trim()}"`,
    };
  }
  if (key && /^'(?:[^']|'')*'\s*\S/.test(value.trim())) {
    return {
      line: at(errorIndex),
      field: key,
      message: `has an apostrophe inside single quotes, which ends the value early; use double quotes around it: ${key}: "${value.trim().slice(1, -1)}"`,
    };
  }
  if (key && /^"(?:[^"\\]|\\.)*"\s*\S/.test(value.trim())) {
    return { line: at(errorIndex), field: key, message: 'has text after the closing quote; put the whole value inside one pair of quotes' };
  }
  return {
    line: at(errorIndex),
    field: 'frontmatter',
    message: `is not valid YAML: ${error.reason}; check quotes, colons and indentation on this line`,
  };
}
