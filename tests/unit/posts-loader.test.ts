import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { markdownConfigDefaults } from '@astrojs/markdown-remark';
import type { LoaderContext } from 'astro/loaders';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { postsLoader } from '#src/lib/content/posts-loader.ts';
import { imageRegistry } from '#src/lib/images/images.ts';
import { markdownProcessor, shikiConfig } from '#src/lib/markdown/pipeline.ts';
import { createRenderPool } from '#src/lib/markdown/render-pool.ts';
import { SITE } from '#src/site.config.ts';
import { writeTestImage } from '../helpers/fixture-site.ts';

/**
 * The blog loader against Astro's own glob() loader, run on the same posts
 * with the same context: what each stores must be the same, entry for entry,
 * whether the loader renders on worker threads or on this one. Astro's
 * internals are imported by path here only, to compare with them.
 */
const ASTRO = path.resolve(import.meta.dirname, '../../node_modules/astro/dist');
const astro = async <T>(file: string) => (await import(pathToFileURL(path.join(ASTRO, file)).href)) as T;
const { glob } = await astro<typeof import('astro/loaders')>('content/loaders/glob.js');
type Store = {
  scopedStore(name: string): LoaderContext['store'];
  metaStore(name: string): LoaderContext['meta'];
};
const { MutableDataStore } = await astro<{ MutableDataStore: new () => Store }>('content/mutable-data-store.js');
const { markdownContentEntryType } = await astro<{ markdownContentEntryType: { getEntryInfo: unknown } }>(
  'vite-plugin-markdown/content-entry-type.js',
);

const BASE = './src/content/blog';
const POSTS: Record<string, string> = {
  'a.md': `---
title: "Alpha"
heroImage: "./hero.webp"
---

# Alpha

Intro with a [link to beta](${SITE.url}/blog/sub/b) and "quotes".

## Code

\`\`\`js
const answer = 42;
\`\`\`

| a | b |
| - | - |
| 1 | 2 |

![A picture](/images/inline.webp)

![Beside the post](./pic.webp)

<script>alert(1)</script>

**[Related: Beta](${SITE.url}/blog/b/)**
`,
  'sub/b.md': '---\ntitle: "Beta"\ntags: [x, y]\n---\n\nJust text.\n\n### A question?\n\nAn answer.\n',
  'c.mdx': '---\ntitle: "Gamma"\n---\n\nimport X from "./x.astro";\n\n# MDX\n',
  'd.md': '---\ntitle: "Delta"\n---\n\n```python\nprint("hi")\n```\n',
  '.drafts/hidden.md': '---\ntitle: "Hidden"\n---\nNot a post.\n',
  'notes.txt': 'Not a post.\n',
};

let root = '';

async function writePosts(dir: string, posts: Record<string, string>) {
  for (const [name, text] of Object.entries(posts)) {
    await mkdir(path.dirname(path.join(dir, BASE, name)), { recursive: true });
    await writeFile(path.join(dir, BASE, name), text);
  }
}

/** A loader context as Astro's content layer makes one (content-layer.js), over a fresh or given store. */
function context(dir: string, store: Store = new MutableDataStore(), extra: Partial<LoaderContext> = {}) {
  const logs: string[] = [];
  const validated: string[] = [];
  const log = (message: string) => void logs.push(message);
  const ctx = {
    collection: 'blog',
    store: store.scopedStore('blog'),
    meta: store.metaStore('blog'),
    logger: { info: log, warn: log, error: log, debug: log },
    config: {
      root: pathToFileURL(`${dir}/`),
      srcDir: pathToFileURL(`${dir}/src/`),
      markdown: {
        processor: markdownProcessor({ root: `${dir}/`, base: '/', origins: SITE.origins }),
        syntaxHighlight: markdownConfigDefaults.syntaxHighlight,
        shikiConfig: { ...markdownConfigDefaults.shikiConfig, ...shikiConfig },
        gfm: true,
        smartypants: true,
      },
      image: { domains: [], remotePatterns: [] },
      prerenderConflictBehavior: 'warn',
    },
    // A schema makes a new object, as this does.
    parseData: async ({ id, data }: { id: string; data: Record<string, unknown> }) => {
      validated.push(id);
      return structuredClone(data);
    },
    generateDigest: (data: unknown) =>
      createHash('sha1')
        .update(typeof data === 'string' ? data : JSON.stringify(data))
        .digest('hex'),
    entryTypes: new Map<string, object>([
      ['.md', markdownContentEntryType],
      ['.mdx', { extensions: ['.mdx'], getEntryInfo: markdownContentEntryType.getEntryInfo, contentModuleTypes: '' }],
    ]),
    ...extra,
  } as unknown as LoaderContext;
  return { ctx, store, logs, validated };
}

const entries = (store: Store) =>
  store
    .scopedStore('blog')
    .entries()
    .sort(([a], [b]) => a.localeCompare(b));

const takeImages = () => {
  const taken = [...imageRegistry()].sort(([a], [b]) => a.localeCompare(b));
  imageRegistry().clear();
  return taken;
};

/** What Astro's glob() stores for the posts, as the collection used it, and the image variants its plugins asked for. */
async function globStore(dir: string) {
  const run = context(dir);
  imageRegistry().clear();
  await glob({ base: BASE, pattern: '**/*.{md,mdx}', generateId: ({ entry }) => entry, retainBody: false }).load(run.ctx);
  return { entries: entries(run.store), images: takeImages() };
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'posts-loader-'));
  await writePosts(root, POSTS);
  await writeTestImage(path.join(root, 'public/images/inline.webp'), 1000, 600, 30);
  await writeTestImage(path.join(root, 'src/content/blog/pic.webp'), 900, 500, 90);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

beforeEach(() => imageRegistry().clear());

describe('postsLoader', () => {
  it.each([
    ['on worker threads', { poolThreshold: 1, poolSize: 2 }],
    ['on the main thread (few posts, or the dev server)', {}],
  ])('stores exactly what glob() stores, rendered %s', async (_where, options) => {
    const expected = await globStore(root);
    const run = context(root);
    await postsLoader({ base: BASE, ...options }).load(run.ctx);
    expect(entries(run.store)).toEqual(expected.entries);
    // The body image's variants reach this thread's registry, which the build hook encodes.
    expect(takeImages()).toEqual(expected.images);
    // The fixture goes through every plugin that shapes a body.
    const alpha = run.store.scopedStore('blog').get('a.md')!;
    for (const mark of [
      'code-block__bar',
      'heading-link',
      'class="cl-d73a49 cd-f97583"',
      'table-scroll',
      'href="/blog/sub/b/"',
      '_img/inline-',
      // The image beside the post gets the pipeline's variants (rehype-body-images.ts), not Astro's own <img>.
      '_img/pic-',
      'data-link-card',
    ])
      expect(alpha.rendered!.html).toContain(mark);
    expect(alpha.rendered!.html).not.toContain('__ASTRO_IMAGE_');
    expect(alpha.rendered!.metadata!.localImagePaths).toEqual([]);
    expect(alpha.rendered!.html).not.toContain('<script');
    // Highlighted code carries classes (src/lib/markdown/code-theme.ts), the same on either thread.
    expect(alpha.rendered!.html).not.toContain(' style=');
    expect(expected.images.length).toBeGreaterThan(0);
    expect(expected.entries.map(([id]) => id)).toEqual(['a.md', 'c.mdx', 'd.md', 'sub/b.md']);
  });

  it('renders on more than one worker thread', async () => {
    const run = context(root);
    await postsLoader({ base: BASE, poolThreshold: 1, poolSize: 2 }).load(run.ctx);
    const summary = run.logs.find((line) => line.includes('worker threads'));
    const [, first, second] = /on 2 worker threads \((\d+) \+ (\d+)\)/.exec(summary ?? '') ?? [];
    expect(Number(first)).toBeGreaterThan(0);
    expect(Number(second)).toBeGreaterThan(0);
  });

  it('leaves unchanged posts alone and drops deleted ones, so a warm build renders nothing', async () => {
    const first = context(root);
    const loader = postsLoader({ base: BASE, poolThreshold: 1, poolSize: 2 });
    await loader.load(first.ctx);
    const before = entries(first.store);
    const again = context(root, first.store);
    await loader.load(again.ctx);
    expect(again.validated).toEqual([]);
    expect(again.logs.some((line) => line.includes('worker threads'))).toBe(false);
    expect(entries(again.store)).toEqual(before);

    first.store.scopedStore('blog').set({ id: 'gone.md', data: {}, filePath: 'src/content/blog/gone.md', digest: 'x' });
    await loader.load(context(root, first.store).ctx);
    expect(first.store.scopedStore('blog').has('gone.md')).toBe(false);
  });

  it('follows posts saved, added and deleted in the dev server', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'posts-loader-dev-'));
    try {
      await writePosts(dir, { 'one.md': '---\ntitle: "One"\n---\n\nFirst.\n' });
      const watcher = Object.assign(new EventEmitter(), { add: () => undefined });
      const run = context(dir, undefined, { watcher } as unknown as Partial<LoaderContext>);
      await postsLoader({ base: BASE }).load(run.ctx);
      const blog = run.store.scopedStore('blog');
      const file = (name: string) => path.join(dir, BASE, name);
      const settled = async (line: string) => {
        for (let i = 0; i < 200 && !run.logs.includes(line); i++) await new Promise((resolve) => setTimeout(resolve, 25));
      };

      await writeFile(file('one.md'), '---\ntitle: "One"\n---\n\nSecond.\n');
      watcher.emit('change', file('one.md'));
      await settled('Reloaded data from one.md');
      expect(blog.get('one.md')!.rendered!.html).toBe('<p>Second.</p>');

      await writePosts(dir, { 'new/two.md': '---\ntitle: "Two"\n---\n\nNew.\n', 'two.txt': 'no' });
      watcher.emit('add', file('two.txt'));
      watcher.emit('add', file('new/two.md'));
      await settled('Reloaded data from new/two.md');
      expect(blog.keys().sort()).toEqual(['new/two.md', 'one.md']);

      await rm(file('one.md'));
      watcher.emit('unlink', file('one.md'));
      expect(blog.keys()).toEqual(['new/two.md']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reloads a post the watcher reported half-written, when the rest of the save brings no event of its own', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'posts-loader-save-'));
    try {
      await writePosts(dir, { 'one.md': '---\ntitle: "One"\n---\n\nFirst.\n' });
      const file = path.join(dir, BASE, 'one.md');
      const watcher = Object.assign(new EventEmitter(), { add: () => undefined });
      const logs: string[] = [];
      // The editor's write lands just after the loader read the emptied file: within chokidar's
      // 50 ms throttle, so no second change event comes.
      let writes = 0;
      const log = (message: string) => {
        logs.push(message);
        if (message === 'Reloaded data from one.md' && writes++ === 0) writeFileSync(file, '---\ntitle: "One"\n---\n\nThird.\n');
      };
      const run = context(dir, undefined, {
        watcher,
        logger: { info: log, warn: log, error: log, debug: log },
      } as unknown as Partial<LoaderContext>);
      await postsLoader({ base: BASE }).load(run.ctx);
      const blog = run.store.scopedStore('blog');

      await writeFile(file, '');
      watcher.emit('change', file);
      for (let i = 0; i < 200 && logs.filter((line) => line === 'Reloaded data from one.md').length < 2; i++)
        await new Promise((resolve) => setTimeout(resolve, 25));
      expect(blog.get('one.md')!.rendered!.html).toBe('<p>Third.</p>');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  const BROKEN = { 'broken.md': '---\ntitle: "Broken"\n---\n\n![x](/images/broken.webp)\n' };
  const NOT_AN_IMAGE = /^src\/content\/blog\/broken\.md {2}body {2}.*"\/images\/broken\.webp".*is not an image sharp can read/;
  it.each([
    ['a body image that is not an image, on a worker', BROKEN, NOT_AN_IMAGE, { poolThreshold: 1, poolSize: 2 }],
    ['a body image that is not an image, on the main thread', BROKEN, NOT_AN_IMAGE, {}],
    [
      'a list nested 2,000 deep, before any parser takes minutes on it',
      { 'deep.md': `---\ntitle: "Deep"\n---\n\nIntro.\n\n${Array.from({ length: 2_000 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n')}\n` },
      /^src\/content\/blog\/deep\.md:107 {2}body {2}nests lists, quotes, emphasis or HTML elements more than 100 deep; /,
      {},
    ],
    [
      '<div>s nested 10,000 deep in MDX',
      { 'deep.mdx': `---\ntitle: "Deep"\n---\n\n${'<div>\n'.repeat(10_000)}` },
      /^src\/content\/blog\/deep\.mdx:105 {2}body {2}nests lists, quotes, emphasis or HTML elements more than 100 deep; /,
      {},
    ],
    [
      'frontmatter that is not YAML',
      { 'bad.md': '---\ntitle: "Bad\n  x: [\n---\n\nBody.\n' },
      /^src\/content\/blog\/bad\.md:\d+ {2}frontmatter {2}\S/,
      {},
    ],
  ])('names the post, the field and what is wrong for %s, without a stack trace', async (_case, posts, message, options) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'posts-loader-bad-'));
    try {
      await writePosts(dir, { ...posts, 'fine.md': '---\ntitle: "Fine"\n---\n\nFine.\n' });
      await mkdir(path.join(dir, 'public/images'), { recursive: true });
      await writeFile(path.join(dir, 'public/images/broken.webp'), 'not a picture');
      const error = await postsLoader({ base: BASE, ...options })
        .load(context(dir).ctx)
        .then(
          () => null,
          (thrown: Error) => thrown,
        );
      expect(error?.message).toMatch(message);
      expect(error?.message).not.toMatch(/^\s+at /m);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('fails the post a worker was rendering when the worker dies, and the waiting ones', async () => {
    const pool = createRenderPool(
      { pipeline: { root: `${root}/`, base: '/', origins: [SITE.url] }, shared: {} },
      // Too little memory to load the pipeline: the worker dies as one would on a huge post.
      { size: 1, resourceLimits: { maxOldGenerationSizeMb: 8 } },
    );
    const job = { body: 'Text.', frontmatter: {}, filePath: path.join(root, BASE, 'a.md') };
    const results = await Promise.allSettled([pool.render(job, 'src/content/blog/a.md'), pool.render(job, 'src/content/blog/d.md')]);
    await pool.close();
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    const [first] = results as PromiseRejectedResult[];
    expect(String(first!.reason.message)).toMatch(
      /^src\/content\/blog\/a\.md {2}body {2}the Markdown renderer stopped while rendering this post \(/,
    );
  });
});
