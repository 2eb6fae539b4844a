import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { projectFileProblems } from '#tools/check/project-files.ts';
import { formatProblem } from '#tools/check/problems.ts';

/** Calls to node:fs's synchronous readers while `counting` is on, by name: what a walk of the project costs. */
const fsCalls = vi.hoisted(() => ({ counting: false, byName: {} as Record<string, number> }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const counted = <F extends (...args: never[]) => unknown>(name: string, read: F) =>
    Object.assign((...args: Parameters<F>) => {
      if (fsCalls.counting) fsCalls.byName[name] = (fsCalls.byName[name] ?? 0) + 1;
      return read(...args);
    }, read);
  const readers = {
    lstatSync: counted('lstatSync', fs.lstatSync),
    statSync: counted('statSync', fs.statSync),
    readdirSync: counted('readdirSync', fs.readdirSync),
    readFileSync: counted('readFileSync', fs.readFileSync),
    readlinkSync: counted('readlinkSync', fs.readlinkSync),
    realpathSync: counted('realpathSync', fs.realpathSync),
  };
  return { ...fs, ...readers, default: { ...fs, ...readers } };
});

/**
 * Links as a guest editor can commit them, each in a project of its own (a
 * temporary folder with public/, src/content/ and a secret beside them), and
 * the one line the checker prints for it.
 */
let base = '';

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'project-files-'));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

let count = 0;
/** A project whose files are made by `setUp` (paths relative to its root); returns its problems as printed lines. */
async function linesFor(setUp: (root: string) => Promise<void>): Promise<string[]> {
  const root = path.join(base, `project-${(count += 1)}`);
  await mkdir(path.join(root, 'public/images'), { recursive: true });
  await mkdir(path.join(root, 'src/content/blog/post'), { recursive: true });
  await mkdir(path.join(root, '.git'));
  await writeFile(path.join(root, '.git/config'), '[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n');
  await writeFile(path.join(root, 'public/favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>');
  await setUp(root);
  return projectFileProblems({ root, publicDir: path.join(root, 'public') }).map(formatProblem);
}

const at = (root: string, file: string) => path.join(root, file);

const CASES: { name: string; setUp: (root: string) => Promise<void>; lines: (string | RegExp)[] }[] = [
  {
    name: 'a file link to .git/config',
    setUp: (root) => symlink('../.git/config', at(root, 'public/gitconfig.txt')),
    lines: [
      'public/gitconfig.txt:1  file  is a link to "../.git/config", outside public/; copy the file into public/ instead of linking it',
    ],
  },
  {
    name: 'a file link by absolute path, deeper down',
    setUp: (root) => symlink(at(root, '.git/config'), at(root, 'public/images/config.webp')),
    lines: [/^public\/images\/config\.webp:1 {2}file {2}is a link to ".*\/\.git\/config", outside public\//],
  },
  {
    name: 'a folder link to outside the project',
    setUp: async (root) => {
      await mkdir(at(root, '../outside-secrets'), { recursive: true });
      await symlink(at(root, '../outside-secrets'), at(root, 'public/mirror'), 'dir');
    },
    lines: [/^public\/mirror:1 {2}file {2}is a link to ".*outside-secrets", outside public\/; copy the file into public\//],
  },
  {
    name: 'a hero beside a post linking outside',
    setUp: (root) => symlink('../../../../.git/config', at(root, 'src/content/blog/post/hero.webp')),
    lines: [
      'src/content/blog/post/hero.webp:1  file  is a link to "../../../../.git/config", outside src/content/; copy the file into src/content/ instead of linking it',
    ],
  },
  {
    name: 'a link from src/content/ into public/ (inside the project, outside its folder)',
    setUp: (root) => symlink('../../../public/favicon.svg', at(root, 'src/content/blog/icon.svg')),
    lines: [/^src\/content\/blog\/icon\.svg:1 {2}file {2}is a link to "\.\.\/\.\.\/\.\.\/public\/favicon\.svg", outside src\/content\//],
  },
  {
    name: 'a link to itself',
    setUp: (root) => symlink('loop', at(root, 'public/loop')),
    lines: ['public/loop:1  file  is a link to "loop" that loops back on itself; delete the link'],
  },
  {
    name: 'a folder link to the folder it sits in',
    setUp: (root) => symlink('..', at(root, 'public/images/again'), 'dir'),
    lines: [
      /^public\/images\/again:1 {2}file {2}is a link to "\.\.", a folder that leads back to the link itself, so copying public\/ would never end/,
    ],
  },
  {
    name: 'two folder links leading to each other',
    setUp: async (root) => {
      await mkdir(at(root, 'public/a'));
      await symlink('../images', at(root, 'public/a/to-images'), 'dir');
      await symlink('../a', at(root, 'public/images/to-a'), 'dir');
    },
    lines: [
      /^public\/a\/to-images:1 {2}file {2}is a link to "\.\.\/images", a folder that leads back/,
      /^public\/images\/to-a:1 {2}file {2}is a link to "\.\.\/a", a folder that leads back/,
    ],
  },
  {
    name: 'a dangling link',
    setUp: (root) => symlink('gone.webp', at(root, 'public/images/hero.webp')),
    lines: ['public/images/hero.webp:1  file  is a link to "gone.webp", which does not exist; delete the link, or copy the file here'],
  },
  {
    name: 'a name holding a newline and an escape',
    setUp: (root) => symlink('../.git/config', at(root, 'public/x\n::error file=a::\u001b[2J')),
    lines: [
      'public/x\\n::error file=a::\\u001b[2J:1  file  is a link to "../.git/config", outside public/; copy the file into public/ instead of linking it',
    ],
  },
  {
    name: 'public/ itself a link out of the project',
    setUp: async (root) => {
      await mkdir(at(root, '../elsewhere'), { recursive: true });
      await rm(at(root, 'public'), { recursive: true });
      await symlink(at(root, '../elsewhere'), at(root, 'public'), 'dir');
    },
    lines: [/^public\/:1 {2}file {2}is a link to ".*elsewhere", outside the project; make it a real folder/],
  },
  {
    name: 'an SVG with a script beside a post',
    setUp: (root) =>
      writeFile(at(root, 'src/content/blog/post/chart.svg'), '<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script>\n</svg>'),
    lines: [/^src\/content\/blog\/post\/chart\.svg:2 {2}svg {2}has a <script> element, which runs script/],
  },
  {
    name: 'an SVG with onload in public/, written .SVG',
    setUp: (root) => writeFile(at(root, 'public/images/logo.SVG'), '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
    lines: [/^public\/images\/logo\.SVG:1 {2}svg {2}has an event handler onload="…" on <svg>/],
  },
];

describe('projectFileProblems', () => {
  it.each(CASES)('$name', async ({ setUp, lines }) => {
    const printed = await linesFor(setUp);
    expect(printed).toHaveLength(lines.length);
    for (const [index, expected] of lines.entries()) expect(printed.toSorted()[index]).toMatch(expected);
    for (const line of printed) expect(line).not.toMatch(/[\p{Cc}]/u);
  });

  it('accepts links that stay inside their folder, and follows none of them', async () => {
    const printed = await linesFor(async (root) => {
      await writeFile(at(root, 'public/images/hero.webp'), 'pixels');
      await symlink('images/hero.webp', at(root, 'public/hero.webp'));
      await symlink('images', at(root, 'public/pictures'), 'dir');
      await writeFile(at(root, 'src/content/blog/post/diagram.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><use href="#a"/></svg>');
      await symlink('post/diagram.svg', at(root, 'src/content/blog/diagram.svg'));
    });
    expect(printed).toEqual([]);
  });

  it('walks 5,000 files by reading their folders: no call per file', async () => {
    const root = path.join(base, 'many');
    await mkdir(root);
    for (let folder = 0; folder < 50; folder += 1) {
      await mkdir(at(root, `public/images/${folder}`), { recursive: true });
      await Promise.all(Array.from({ length: 100 }, (_, index) => writeFile(at(root, `public/images/${folder}/${index}.webp`), '')));
    }
    fsCalls.byName = {};
    fsCalls.counting = true;
    try {
      expect(projectFileProblems({ root, publicDir: path.join(root, 'public') })).toEqual([]);
    } finally {
      fsCalls.counting = false;
    }
    // public/, public/images/ and its 50 folders; src/content/ does not exist here.
    expect(fsCalls.byName['readdirSync']).toBe(52);
    const perFile = Object.entries(fsCalls.byName).filter(([name]) => name !== 'readdirSync');
    expect(
      perFile.reduce((sum, [, calls]) => sum + calls, 0),
      JSON.stringify(fsCalls.byName),
    ).toBeLessThan(10);
  });
});
