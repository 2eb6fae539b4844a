import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTestImage } from '../helpers/fixture-site.ts';
import { makeProjectCopy, runScript } from '../helpers/project-copy.ts';

/**
 * A one-post edit costs what it changes: the build writes the pages that show
 * the edited text, re-indexes the search shard the post is in, and leaves every
 * other file in dist/ as it was: same bytes, same size and modification time
 * (a deploy that syncs by size and modification time uploads the changes alone;
 * a page copied from Astro's page cache is a new file with the time it had).
 * And the result is the site a cold build of the same posts makes.
 */
let root = '';

interface FileState {
  mtimeMs: number;
  sha1: string;
}
type Snapshot = Map<string, FileState>;

function snapshot(dir: string): Snapshot {
  const files: Snapshot = new Map();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const { mtimeMs } = statSync(file);
    files.set(path.relative(dir, file), { mtimeMs, sha1: createHash('sha1').update(readFileSync(file)).digest('hex') });
  }
  return files;
}

/** Files added, removed, or written again (new bytes or a new modification time, to the millisecond as file copies keep it). */
function changedFiles(before: Snapshot, after: Snapshot): string[] {
  const changed = [...after].filter(([file, now]) => {
    const then = before.get(file);
    return !then || then.sha1 !== now.sha1 || Math.abs(then.mtimeMs - now.mtimeMs) >= 1;
  });
  return [...changed.map(([file]) => file), ...[...before.keys()].filter((file) => !after.has(file))].sort();
}

const dist = () => path.join(root, 'dist');
const containing = (text: string) =>
  [...snapshot(dist()).keys()].filter((file) => readFileSync(path.join(dist(), file), 'utf8').includes(text));
const isSearchIndex = (file: string) => file.startsWith('pagefind/');

function build(): string {
  const result = runScript(root, 'build');
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

function post(slug: string, title: string, day: number, tags: string[], category: string): string {
  return `---\ntitle: "${title}"\ndescription: "About ${slug}."\npubDate: "2026-03-${String(day).padStart(2, '0')}"\nheroImage: "/hero.webp"\nheroImageAlt: "A hero"\ncategory: "${category}"\nkeywords: [${tags.join(',')}]\n---\n\nBody of ${slug}, a few words long.\n\n## A section\n\nMore words of ${slug}.\n`;
}

async function editPost(slug: string, edit: (text: string) => string): Promise<void> {
  const file = path.join(root, 'src/content/blog', `${slug}.md`);
  await writeFile(file, edit(readFileSync(file, 'utf8')));
}

beforeAll(async () => {
  const content = await mkdtemp(path.join(tmpdir(), 'blog-incremental-edit-content-'));
  await writeFile(path.join(content, 'alpha.md'), post('alpha', 'Alpha Post', 1, ['shared', 'alpha-only'], 'Notes'));
  await writeFile(path.join(content, 'beta.md'), post('beta', 'Beta Post', 2, ['shared'], 'Notes'));
  await writeFile(path.join(content, 'gamma.md'), post('gamma', 'Gamma Post', 3, ['other'], 'Elsewhere'));
  await writeFile(path.join(content, 'delta.md'), post('delta', 'Delta Post', 4, ['apart'], 'Elsewhere'));
  await writeFile(path.join(content, 'epsilon.md'), post('epsilon', 'Epsilon Post', 5, ['apart'], 'Further'));
  root = await makeProjectCopy({ contentDir: content, name: 'incremental-edit' });
  await rm(content, { recursive: true });
  await writeTestImage(path.join(root, 'public/hero.webp'), 800, 450, 90);
  build();
}, 600_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('a one-post edit', () => {
  it('rewrites no file when nothing changed', () => {
    const before = snapshot(dist());
    build();
    expect(changedFiles(before, snapshot(dist()))).toEqual([]);
  }, 300_000);

  it('rewrites the pages that show the edited body, the changed files of its search shard, and nothing else', async () => {
    const before = snapshot(dist());
    const paragraph = 'A paragraph the editor added to the body of beta.';
    await editPost('beta', (text) => text.replace('\n## A section', `\n${paragraph}\n\n## A section`));
    const output = build();
    const after = snapshot(dist());
    const changed = changedFiles(before, after);
    // The article and the feeds that carry the whole post: exactly the files that show the new words.
    expect(containing(paragraph).sort()).toEqual(['blog/beta/index.html', 'category/notes/rss.xml', 'rss.xml']);
    expect(changed.filter((file) => !isSearchIndex(file))).toEqual(['blog/beta/index.html', 'category/notes/rss.xml', 'rss.xml']);
    // Only beta's own page was rendered again; its shard (the only one here) was made again.
    expect(output).toContain('search index: 5 posts in 1 shard, 1 made and 0 copied');
    const fragments = changed.filter((file) => file.startsWith('pagefind/fragment/'));
    expect(fragments.filter((file) => after.has(file))).toHaveLength(1);
    expect(fragments.filter((file) => before.has(file))).toHaveLength(1);
    // Pagefind wrote the whole shard again; what it wrote with the same bytes is the file published before.
    for (const file of ['pagefind/pagefind.js', 'pagefind/pagefind-ui.js', 'pagefind/wasm.en.pagefind'])
      expect(changed, file).not.toContain(file);
    const unchangedFragments = [...after.keys()].filter((file) => file.startsWith('pagefind/fragment/') && !changed.includes(file));
    expect(unchangedFragments).toHaveLength(4);
  }, 300_000);

  it('rewrites every page that shows an edited title, and only those', async () => {
    const before = snapshot(dist());
    await editPost('alpha', (text) => text.replace('title: "Alpha Post"', 'title: "Alpha Post Renamed"'));
    build();
    const all = changedFiles(before, snapshot(dist()));
    // Its link-preview card shows the title: drawn again, under a new name.
    const cards = all.filter((file) => file.startsWith('_social/'));
    expect(cards).toEqual([
      expect.stringMatching(/^_social\/alpha-post-[\w-]+\.jpg$/),
      expect.stringMatching(/^_social\/alpha-post-renamed-[\w-]+\.jpg$/),
    ]);
    const changed = all.filter((file) => !isSearchIndex(file) && !cards.includes(file));
    const showing = containing('Alpha Post Renamed').filter((file) => !isSearchIndex(file));
    // Listings, feeds, its own page and the articles that show it as related or next.
    expect(showing).toEqual(expect.arrayContaining(['blog/alpha/index.html', 'blog/beta/index.html', 'tag/shared/index.html', 'rss.xml']));
    expect(changed).toEqual(showing.sort());
  }, 300_000);

  it('leaves the site a cold build of the same posts makes', async () => {
    const incremental = path.join(root, 'dist-incremental');
    await rename(dist(), incremental);
    await rm(path.join(root, '.cache'), { recursive: true, force: true });
    build();
    const cold = snapshot(dist());
    const warm = snapshot(incremental);
    expect([...warm.keys()].sort()).toEqual([...cold.keys()].sort());
    expect([...warm].filter(([file, state]) => cold.get(file)?.sha1 !== state.sha1).map(([file]) => file)).toEqual([]);
  }, 300_000);
});
