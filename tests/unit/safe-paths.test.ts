import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePath, lineValue, outputFile, resolveReadable, sitePathProblem } from '#src/lib/urls/safe-paths.ts';

describe('site paths a post may ask the build to answer at (redirectFrom)', () => {
  it.each(['/old-slug/', '/old-slug', '/2019/05/old.html', '/caf%C3%A9/', '/café/', '/a.b/c..d/', '/old?ref=feed', '/日本語/'])(
    'accept %s',
    (sitePath) => expect(sitePathProblem(sitePath)).toBeNull(),
  );

  it.each([
    ['a parent segment into the project', '/../src/pages/planted.astro', /"\." or "\.\." segment/],
    ['a climb out of the machine', '/../../../../tmp/x.html', /"\." or "\.\." segment/],
    ['percent-encoded dots', '/%2e%2e/%2e%2e/tmp/x.html', /"\." or "\.\." segment/],
    ['upper-case encoded dots', '/a/%2E%2E/b/', /"\." or "\.\." segment/],
    ['a single dot segment', '/a/./b/', /"\." or "\.\." segment/],
    ['a newline adding a rule', '/a /blog/b/ 200\n/* https://evil.example 301!', /line break/],
    ['an encoded newline', '/a%0a/*%20https://evil.example%20301!', /line break/],
    ['a carriage return', '/a\r/b', /line break/],
    ['a space', '/old page/', /a space/],
    ['an encoded space', '/old%20page/', /a space/],
    ['a tab', '/old\tpage/', /a space/],
    ['a backslash', '/..\\..\\x', /backslash/],
    ['an encoded backslash', '/a%5c..%5cb', /backslash/],
    ['a bidi override', '/a\u202eb/', /control character/],
    ['a NUL', '/a%00/', /control character/],
    ['a malformed escape', '/%zz/', /malformed percent escape \("%zz"\)/],
    ['an escape that is not UTF-8', '/%ff/', /malformed percent escape \("%ff"\)/],
    ['no leading slash', 'old-slug/', /starting with one "\/"/],
    ['another host', '//evil.example/x', /starting with one "\/"/],
  ])('refuse %s', (_, sitePath, says) => expect(sitePathProblem(sitePath)).toMatch(says));
});

describe('files the build writes', () => {
  const out = path.resolve('/srv/site/dist');
  it.each([
    ['/old-slug/index.html', 'old-slug/index.html'],
    ['/caf%C3%A9/index.html', 'café/index.html'],
    ['/2019/05/old.html', '2019/05/old.html'],
  ])('put %s inside the output folder', (sitePath, file) => expect(outputFile(out, sitePath, 'a page')).toBe(path.join(out, file)));

  it.each(['/../src/pages/planted.astro', '/%2e%2e/x.html', '/a\n/b', '/', '/%zz/index.html'])('never write %j', (sitePath) => {
    expect(() => outputFile(out, sitePath, 'a page')).toThrow(/^a page: /);
  });
});

describe('values of line-based files', () => {
  it.each(['/a', 'https://example.com/a?b=c#d', '/a%0a'])('pass %j', (value) => expect(lineValue(value, 'x')).toBe(value));
  it.each(['/a\n/*', '/a\r', '/a\u2028', '/a\tb', '/a\x1b[2J'])('refuse %j', (value) => {
    expect(() => lineValue(value, 'src/content/blog/a.md:4  redirectFrom')).toThrow(
      /^src\/content\/blog\/a\.md:4 {2}redirectFrom: ".*" holds a line break or a control character/,
    );
  });
});

describe('percent escapes', () => {
  it.each([
    ['/a%20b.webp', '/a b.webp'],
    ['/%C3%A9.webp', '/é.webp'],
    ['/100%25.webp', '/100%.webp'],
  ])('decode %s', (written, decoded) => expect(decodePath(written)).toEqual({ path: decoded }));
  it.each([
    ['/%zz.webp', '%zz'],
    ['/50%.webp', '%.w'],
    ['/a%e9.webp', '%e9'],
  ])('name the malformed escape in %s', (written, escape) => {
    expect(decodePath(written).problem).toContain(`("${escape}")`);
  });
});

describe('files a post reads', () => {
  let root = '';
  let outside = '';
  const roots = () => ({ root, publicDir: path.join(root, 'public') });
  const post = () => path.join(root, 'src/content/blog/post.md');

  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'blog-safe-paths-'));
    outside = mkdtempSync(path.join(tmpdir(), 'blog-outside-'));
    for (const folder of ['public/img', 'src/content/blog/folder', 'src/pages']) mkdirSync(path.join(root, folder), { recursive: true });
    writeFileSync(path.join(outside, 'secret.png'), 'secret');
    writeFileSync(path.join(root, 'public/img/a.webp'), 'a');
    writeFileSync(path.join(root, 'src/content/blog/folder/b.webp'), 'b');
    writeFileSync(path.join(root, 'src/pages/page.png'), 'p');
    symlinkSync(path.join(outside, 'secret.png'), path.join(root, 'public/img/linked-out.png'));
    symlinkSync(path.join(outside, 'secret.png'), path.join(root, 'src/content/blog/hero.png'));
    symlinkSync(outside, path.join(root, 'public/outside-folder'));
    symlinkSync(path.join(root, 'public/img/a.webp'), path.join(root, 'public/img/linked-in.webp'));
    symlinkSync('loop-b.png', path.join(root, 'public/loop-a.png'));
    symlinkSync('loop-a.png', path.join(root, 'public/loop-b.png'));
  });
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it.each([
    ['/img/a.webp', 'public/img/a.webp'],
    ['/img/a.webp?v=2#x', 'public/img/a.webp'],
    ['./folder/b.webp', 'src/content/blog/folder/b.webp'],
    ['folder/b.webp', 'src/content/blog/folder/b.webp'],
    ['/img/linked-in.webp', 'public/img/linked-in.webp'],
    ['/img/missing.webp', 'public/img/missing.webp'],
  ])('find %s', (reference, file) => {
    expect(resolveReadable(reference, post(), roots())).toEqual({ file: path.join(root, file) });
  });

  it.each([
    ['a climb out of public/', '/../../outside/secret.png', /^points outside public\//],
    ['an encoded climb', '/%2e%2e/%2e%2e/secret.png', /^points outside public\//],
    ['a relative climb out of src/content/', '../../pages/page.png', /^points outside src\/content\//],
    ['an absolute file', '../../../../../../../etc/passwd', /^points outside src\/content\//],
    ['a link in public/ to a file outside', '/img/linked-out.png', /^is a link to ".*secret\.png", outside public\//],
    ['a file in a linked folder', '/outside-folder/secret.png', /^is a link to ".*secret\.png", outside public\//],
    ['a hero beside the post linked to outside', './hero.png', /^is a link to ".*secret\.png", outside src\/content\//],
    ['a malformed escape', '/%zz.webp', /^has a malformed percent escape \("%zz"\)/],
  ])('refuse %s', (_, reference, says) => {
    expect(resolveReadable(reference, post(), roots()).problem).toMatch(says);
  });

  it('leave a link loop to the existence check, which cannot read it', () => {
    expect(resolveReadable('/loop-a.png', post(), roots())).toEqual({ file: path.join(root, 'public/loop-a.png') });
  });
});
