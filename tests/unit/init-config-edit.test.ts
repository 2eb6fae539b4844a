import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { editSettings, readSettings, tsString } from '../../scripts/init/config-edit.ts';

/**
 * `npm run init` edits the values of `defaults` in src/site.config.ts in place: other fields
 * (settings added after init was written, by hand or by another feature), comments and layout
 * survive byte for byte, and every value is written as a TypeScript string that means exactly
 * the text given.
 */

const PROJECT_CONFIG = readFileSync(path.join(import.meta.dirname, '../../src/site.config.ts'), 'utf8');

/** A settings file with fields init knows nothing about, nested objects, comments and a function. */
const WITH_EXTRA_FIELDS = `import type { Services } from './lib/services/settings.ts';

export interface SiteConfig { [key: string]: unknown }

// The navigation, added by another feature: init must leave it alone.
const navigation = [{ label: 'About', href: '/about/' }];

const defaults: SiteConfig = {
  url: 'https://blog.example.com',
  title: 'Signal & Noise', // the name in every <title>
  description: "Field notes on AI",
  language: 'en',
  navigation,
  footer: { text: 'Made with care', links: [{ label: 'RSS', href: '/rss.xml' }] },
  social: { github: 'https://github.com/example', mastodon: 'https://mastodon.social/@example' },
  defaultAuthor: 'HiFi Studio And Mobile',
  timeZone: 'America/New_York',
  /* the colours live in src/styles/ */
  twitter: { site: '@sample', authors: { 'HiFi Studio And Mobile': '@hifi' } },
  redirects: { '/about-us/': '/author/hifi-studio-and-mobile/' },
  removedUrls: ['/blog/gone/'],
  logo: 'favicon.svg',
  postsPerPage: 10,
};

export const SITE = { ...defaults };
`;

/** The value of a property of `defaults` in `text`, as TypeScript reads the literal. */
function literalOf(text: string, name: string): unknown {
  const source = ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, true);
  let found: unknown;
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && node.name.text === name) {
      const value = node.initializer;
      found = ts.isStringLiteral(value) ? value.text : value.getText(source);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Syntax errors TypeScript finds in `text` (none for a file init wrote). */
function syntaxErrors(text: string): string[] {
  const result = ts.transpileModule(text, { reportDiagnostics: true, compilerOptions: { target: ts.ScriptTarget.ESNext } });
  return (result.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('the settings edit', () => {
  it('sets the values and keeps every other field, comment and line as it was', () => {
    const edited = editSettings(WITH_EXTRA_FIELDS, {
      title: tsString('Zoë’s Notes'),
      url: tsString('https://notes.example.org'),
      twitter: '{ authors: {} }',
      redirects: '{}',
      removedUrls: '[]',
    });
    expect(syntaxErrors(edited)).toEqual([]);
    expect(literalOf(edited, 'title')).toBe('Zoë’s Notes');
    expect(literalOf(edited, 'url')).toBe('https://notes.example.org');
    expect(literalOf(edited, 'twitter')).toBe('{ authors: {} }');
    expect(literalOf(edited, 'redirects')).toBe('{}');
    expect(literalOf(edited, 'removedUrls')).toBe('[]');
    // Only the values changed: the file is the same once they are put back.
    const lines = (text: string) => text.split('\n');
    const changed = lines(edited).filter((line, i) => line !== lines(WITH_EXTRA_FIELDS)[i]);
    expect(changed).toEqual([
      "  url: 'https://notes.example.org',",
      "  title: 'Zoë’s Notes', // the name in every <title>",
      '  twitter: { authors: {} },',
      '  redirects: {},',
      '  removedUrls: [],',
    ]);
    for (const kept of [
      'navigation,',
      "footer: { text: 'Made with care'",
      "social: { github: 'https://github.com/example'",
      '/* the colours live in src/styles/ */',
    ])
      expect(edited).toContain(kept);
  });

  it('adds a field the object lacks at its end, in the indentation of the others', () => {
    const edited = editSettings(WITH_EXTRA_FIELDS, { defaultAuthor: tsString('Ana'), locale: tsString('en_GB') });
    expect(edited).toContain("  postsPerPage: 10,\n  locale: 'en_GB',\n};");
    expect(syntaxErrors(edited)).toEqual([]);
    const noTrailingComma = editSettings('const defaults = {\n    a: 1\n};\n', { b: '2' });
    expect(noTrailingComma).toBe('const defaults = {\n    a: 1,\n    b: 2,\n};\n');
  });

  it('sets a shorthand property, and finds the object behind "as" and "satisfies"', () => {
    expect(editSettings('const title = "x";\nconst defaults = { title, url: "u" } satisfies object;\n', { title: "'T'" })).toBe(
      'const title = "x";\nconst defaults = { title: \'T\', url: "u" } satisfies object;\n',
    );
    expect(editSettings('const defaults = ({ url: "u" }) as const;', { url: "'v'" })).toBe("const defaults = ({ url: 'v' }) as const;");
  });

  it('edits the real src/site.config.ts, changing the values alone', () => {
    const edited = editSettings(PROJECT_CONFIG, { title: tsString('My Notes'), timeZone: tsString('Europe/Berlin') });
    expect(syntaxErrors(edited)).toEqual([]);
    expect(readSettings(edited)).toMatchObject({
      title: 'My Notes',
      timeZone: 'Europe/Berlin',
      language: readSettings(PROJECT_CONFIG)['language'],
    });
    // Whatever the owner's values are (npm run init changes them): only the two values' lengths change.
    const before = readSettings(PROJECT_CONFIG);
    expect(edited.length - PROJECT_CONFIG.length).toBe(
      tsString('My Notes').length -
        tsString(before['title']!).length +
        tsString('Europe/Berlin').length -
        tsString(before['timeZone']!).length,
    );
  });

  it('says so when the file has no defaults object', () => {
    expect(() => editSettings('export const SITE = {};', { title: "'x'" })).toThrow(
      'src/site.config.ts has no "const defaults = { … }" object, so npm run init cannot set its values',
    );
  });

  it('reads the string values the file holds', () => {
    expect(readSettings(WITH_EXTRA_FIELDS)).toMatchObject({
      title: 'Signal & Noise',
      description: 'Field notes on AI',
      logo: 'favicon.svg',
    });
  });
});

describe('values written as TypeScript strings', () => {
  it.each([
    ['plain', "'plain'"],
    ["Zoë's Notes", '"Zoë\'s Notes"'],
    ['Zoë\'s "Field" Notes', "'Zoë\\'s \"Field\" Notes'"],
    ['say "hi"', '\'say "hi"\''],
    ['back\\slash', "'back\\\\slash'"],
    ['日本語のブログ 🚀', "'日本語のブログ 🚀'"],
    ['${not} a template', "'${not} a template'"],
    ['</script>', "'</script>'"],
  ])('%j as %s', (value, literal) => {
    expect(tsString(value)).toBe(literal);
  });

  it('round-trips any text, control characters, line separators and lone surrogates included', () => {
    const texts = [
      "it's",
      'a "b" \'c\'',
      'x\\y',
      'line\nbreak\r\ttab',
      'bell\u0007 nul\u0000',
      'ls\u2028ps\u2029',
      'lone \ud800 high',
      'Zoë’s 日本 🚀',
      "'''\"\"",
      "\\'",
    ];
    for (const text of texts) {
      const file = editSettings("const defaults = { title: 'x' };\n", { title: tsString(text) });
      expect(syntaxErrors(file), text).toEqual([]);
      expect(literalOf(file, 'title'), text).toBe(text);
      expect(file.split('\n')).toHaveLength(2); // one line, whatever the text
    }
  });
});
