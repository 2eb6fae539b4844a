/**
 * Edits the values of the `defaults` object in src/site.config.ts in place, with TypeScript's own
 * parser: only the value of each property set is replaced, so every other field, comment and
 * line of the file (settings added later, by hand or by another feature) stays byte for byte.
 */
import ts from 'typescript';

export const SETTINGS_OBJECT = 'defaults';

function settingsObject(source: ts.SourceFile): ts.ObjectLiteralExpression {
  let found: ts.ObjectLiteralExpression | undefined;
  const visit = (node: ts.Node) => {
    if (found) return;
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === SETTINGS_OBJECT && node.initializer) {
      let value: ts.Expression = node.initializer;
      while (ts.isAsExpression(value) || ts.isSatisfiesExpression(value) || ts.isParenthesizedExpression(value)) value = value.expression;
      if (ts.isObjectLiteralExpression(value)) found = value;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (!found) throw new Error(`src/site.config.ts has no "const ${SETTINGS_OBJECT} = { … }" object, so npm run init cannot set its values`);
  return found;
}

const propertyName = (name: ts.PropertyName): string | null =>
  ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name) ? name.text : null;

const parse = (text: string) => ts.createSourceFile('site.config.ts', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);

/**
 * A TypeScript string literal of `value`. Quotes as Prettier would (single, unless the text holds
 * more single quotes than double), so the edited file stays formatted; a backslash, the quote,
 * line breaks, control characters and lone surrogates are escaped, everything else (accents,
 * CJK, emoji) is written as it is.
 */
export function tsString(value: string): string {
  const singles = value.split("'").length - 1;
  const doubles = value.split('"').length - 1;
  const quote = singles > doubles ? '"' : "'";
  const escaped = value.replace(/[\\\p{Cc}\p{Cs}\u2028\u2029]|['"]/gu, (char) => {
    if (char === '\\') return '\\\\';
    if (char === "'" || char === '"') return char === quote ? `\\${char}` : char;
    const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    return named[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  return `${quote}${escaped}${quote}`;
}

/** The string values of the settings object (`title`, `url`, …), as the file holds them now. */
export function readSettings(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const property of settingsObject(parse(text)).properties) {
    if (!ts.isPropertyAssignment(property)) continue;
    const name = propertyName(property.name);
    const value = property.initializer;
    if (name && (ts.isStringLiteral(value) || ts.isNoSubstitutionTemplateLiteral(value))) values[name] = value.text;
  }
  return values;
}

/**
 * `text` with each named property of the settings object set to the given TypeScript source
 * (`tsString('My Blog')`, `'{}'`, `'[]'`). A property the object lacks is added at its end, in
 * the indentation of the others.
 */
export function editSettings(text: string, values: Readonly<Record<string, string>>): string {
  const source = parse(text);
  const object = settingsObject(source);
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const missing = new Map(Object.entries(values));
  for (const property of object.properties) {
    const name = property.name ? propertyName(property.name) : null;
    if (name === null || !missing.has(name)) continue;
    const value = missing.get(name)!;
    missing.delete(name);
    if (ts.isPropertyAssignment(property)) {
      edits.push({ start: property.initializer.getStart(source), end: property.initializer.getEnd(), text: value });
    } else if (ts.isShorthandPropertyAssignment(property)) {
      edits.push({ start: property.getStart(source), end: property.getEnd(), text: `${name}: ${value}` });
    } else {
      throw new Error(`src/site.config.ts sets ${name} with a method or accessor; write it as "${name}: …" so npm run init can set it`);
    }
  }
  if (missing.size > 0) {
    const last = object.properties.at(-1);
    const indent = last ? /[ \t]*$/.exec(text.slice(0, last.getStart(source)))![0] : '  ';
    const added = [...missing]
      .map(([name, value]) => `\n${indent}${/^[A-Za-z_$][\w$]*$/.test(name) ? name : tsString(name)}: ${value},`)
      .join('');
    if (last) {
      const after = object.properties.hasTrailingComma ? text.indexOf(',', last.getEnd()) + 1 : last.getEnd();
      edits.push({ start: after, end: after, text: `${object.properties.hasTrailingComma ? '' : ','}${added}` });
    } else {
      const inside = object.getStart(source) + 1;
      edits.push({ start: inside, end: inside, text: `${added}\n` });
    }
  }
  let result = text;
  for (const edit of edits.sort((a, b) => b.start - a.start)) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return result;
}
