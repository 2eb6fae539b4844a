import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NESTING_LIMIT } from '#src/lib/markdown/nesting.ts';
import { astroBuildAsync, makeProjectCopy, runScriptAsync } from '../helpers/project-copy.ts';
import { pngClaiming } from '../helpers/png-header.ts';

/**
 * Hostile input a guest editor can commit in a plain `.md` post, each built in a project copy
 * the way an editor builds: every one ends in one clear line naming the post, never a stack
 * trace, and nothing the post says reaches the terminal as a control character.
 */

const FIELDS = [
  'title: "A Hostile Post"',
  'description: "Written to break the build."',
  'keywords: [testing]',
  'pubDate: "2026-03-04"',
  'category: "Testing"',
];
/** A post with `extra` fields; its body starts on line FIELDS.length + extra.length + 4. */
const post = (body: string, extra: string[] = []) => `---\n${[...FIELDS, ...extra].join('\n')}\n---\n\n${body}`;
const BODY_LINE = FIELDS.length + 4;

let template = '';
const roots: string[] = [];

beforeAll(async () => {
  template = await mkdtemp(path.join(tmpdir(), 'blog-bad-input-'));
  await mkdir(path.join(template, 'blog'), { recursive: true });
  await mkdir(path.join(template, 'public'), { recursive: true });
  await writeFile(path.join(template, 'blog/good-post.md'), post('A valid post that the hostile one sits beside.\n'));
  // 69 bytes whose header claims 1.6 gigapixels.
  await writeFile(path.join(template, 'public/big.png'), pngClaiming(40_000, 40_000));
});

afterAll(async () => {
  if (process.env['KEEP_FIXTURES']) return;
  await Promise.all([template, ...roots].filter(Boolean).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function projectWith(text: string): Promise<string> {
  const root = await makeProjectCopy({
    contentDir: path.join(template, 'blog'),
    publicDir: path.join(template, 'public'),
    name: 'bad-input',
  });
  roots.push(root);
  await writeFile(path.join(root, 'src/content/blog/hostile.md'), text);
  return root;
}

/** Runs `script` in `root`, timed; the figure is printed, not asserted (machines differ). */
async function timed(root: string, script: string, label: string) {
  const started = performance.now();
  const result = await runScriptAsync(root, script);
  const seconds = (performance.now() - started) / 1000;
  console.log(`${label}: npm run ${script} answered in ${seconds.toFixed(1)} s`);
  return { ...result, output: `${result.stdout}${result.stderr}` };
}

/** `astro build` itself: the posts loader without the post check before it, as the dev server runs it. */
const astroBuild = async (root: string) => {
  const { stdout, stderr } = await astroBuildAsync(root);
  return `${stdout}${stderr}`;
};

/** `  file:line  field  message` lines of the checker's report. */
const problemLines = (output: string) =>
  output
    .split('\n')
    .filter((line) => /^ {2}\S+:\d+ {2}/.test(line))
    .map((line) => line.trim());

/** No stack frame, no "RangeError:", no "Stack trace:" anywhere in what a command printed. */
function expectNoStack(output: string) {
  expect(output).not.toMatch(/^\s+at /m);
  expect(output).not.toMatch(/\b\w*(Error|Exception)\b:|Stack trace|Maximum call stack/);
}

const DEEP = [
  { name: 'a list 10,000 deep', body: `${'- '.repeat(10_000)}item\n`, line: BODY_LINE },
  { name: 'a quote 10,000 deep', body: `${'> '.repeat(10_000)}quote\n`, line: BODY_LINE },
  { name: '<div>s 10,000 deep', body: '<div>\n'.repeat(10_000), line: BODY_LINE + NESTING_LIMIT },
];
const NESTS = new RegExp(`^nests lists, quotes, emphasis or HTML elements more than ${NESTING_LIMIT} deep; `);

describe('a post nested 10,000 deep', () => {
  it.concurrent.for(DEEP.flatMap((deep) => (['build', 'check:posts'] as const).map((script) => ({ ...deep, script }))))(
    '$name: npm run $script names its line, without a stack',
    async ({ name, body, line, script }) => {
      const root = await projectWith(post(body));
      const result = await timed(root, script, name);
      expect(result.status, result.output).toBe(1);
      const lines = problemLines(result.stderr);
      expect(lines, result.output).toHaveLength(1);
      const [where, field, message] = lines[0]!.split('  ');
      expect(where).toBe(`src/content/blog/hostile.md:${line}`);
      expect(field).toBe('body');
      expect(message).toMatch(NESTS);
      expectNoStack(result.output);
    },
  );

  it('stops `astro build` (no post check first, as in the dev server) with the same line', async () => {
    const root = await projectWith(post(DEEP[2]!.body));
    const output = await astroBuild(root);
    expect(output).toMatch(new RegExp(`^src/content/blog/hostile\\.md:${DEEP[2]!.line} {2}body {2}nests `, 'm'));
    expectNoStack(output);
  });
});

const TOO_LARGE = /"\/big\.png"(?::[^\n]*)? is too large \(40000×40000 pixels, limit 268 megapixels\); resize it/;

describe('an image of 40,000 × 40,000 pixels', () => {
  it.concurrent.for([
    { name: 'as the hero', text: post('Text.\n', ['heroImage: "/big.png"', 'heroImageAlt: "A huge picture"']), field: 'heroImage' },
    { name: 'as a body image', text: post('Look: ![A huge picture](/big.png)\n'), field: 'body' },
  ])('$name is "too large" in the check, not "damaged"', async ({ name, text, field }) => {
    const root = await projectWith(text);
    const result = await timed(root, 'build', name);
    expect(result.status, result.output).toBe(1);
    const lines = problemLines(result.stderr);
    expect(lines, result.output).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^src/content/blog/hostile\\.md:\\d+ {2}${field} {2}`));
    expect(lines[0]).toMatch(TOO_LARGE);
    expect(result.output).not.toMatch(/damaged/);
    expectNoStack(result.output);
  });

  it('as a reference-style body image ("![s][r]", "[r]: /big.png") is "too large" on one line from the build', async () => {
    const root = await projectWith(post('Look: ![A huge picture][big]\n\n[big]: /big.png\n'));
    const result = await timed(root, 'build', 'a reference-style image');
    expect(result.status, result.output).toBe(1);
    // Found by the check (once it reads images from the Markdown tree) or by the build's image
    // step: one line either way, naming the post and the image.
    const failed = result.stderr.split('\n').filter((line) => line.includes('hostile.md'));
    expect(failed, result.output).toHaveLength(1);
    expect(failed[0]).toMatch(/src\/content\/blog\/hostile\.md(?::\d+)? {2}body {2}image /);
    expect(failed[0]).toMatch(TOO_LARGE);
    expectNoStack(result.output);
  });
});

describe('post text in the terminal', () => {
  /** YAML strings: a newline and a GitHub annotation, then the screen-clearing escape or a bidi override. */
  const WITH_ESC = String.raw`edge\n::error file=x::pwned\e[2J`;
  const WITH_BIDI = String.raw`edge\n::error file=x::pwned\u202E`;

  /** Every line printed: none starts a workflow command, none holds a control character. */
  function expectSafeLines(output: string) {
    for (const line of output.split('\n')) {
      expect(line.trimStart().startsWith('::'), line).toBe(false);
      // eslint-disable-next-line no-control-regex -- finding control characters is what it is for
      expect(line, line).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    }
  }

  // The schema refuses ESC in a keyword (it names the code point); a newline and a bidi override it lets through.
  it('a keyword holding a newline, "::error" and a bidi override is printed escaped, on one line, by npm run seo', async () => {
    const root = await projectWith(post('Body text.\n').replace('keywords: [testing]', `keywords: ["${WITH_BIDI}", "testing"]`));
    const result = await runScriptAsync(root, 'seo');
    const output = `${result.stdout}${result.stderr}`;
    expect(output).toContain(String.raw`"edge\n::error file=x::pwned\u202e"`);
    expectSafeLines(output);
  });

  it('a hero path holding a newline, "::error" and ESC[2J is printed escaped, on one line, by npm run check:posts', async () => {
    const root = await projectWith(post('Text.\n', [`heroImage: "/${WITH_ESC}.webp"`, 'heroImageAlt: "A picture"']));
    const result = await runScriptAsync(root, 'check:posts');
    expect(result.status).toBe(1);
    const lines = problemLines(result.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(String.raw`edge\n::error file=x::pwned\x1b[2J.webp`);
    expectSafeLines(`${result.stdout}${result.stderr}`);
  });
});
