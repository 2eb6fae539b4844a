/** The blog collection's loader: glob()'s files, ids, digests and entries, with Markdown bodies rendered on every core. */
import { glob, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import type { Loader, LoaderContext } from 'astro/loaders';
import pMap from 'p-map';
// Types only: the pipeline (our plugins and what they import) and the worker pool are loaded
// when many bodies are to be rendered. A dev server with its store renders none before its first
// page, and Vite's module runner would load their ~20 files one at a time before every content sync.
import type { PipelineOptions } from '#src/lib/markdown/pipeline.ts';
import {
  bodyError,
  createBodyRenderer,
  RenderError,
  sharedMarkdownOptions,
  withoutFunctions,
  type BodyJob,
  type RenderedBody,
} from '#src/lib/markdown/render-body.ts';
import type { RenderPool } from '#src/lib/markdown/render-pool.ts';
import { terminalSafe } from '#src/lib/build/terminal-safe.ts';
import { tooDeepNesting } from '#src/lib/markdown/nesting.ts';
import { quoted, resolveReadable } from '#src/lib/urls/safe-paths.ts';
import { basePathFromEnv } from '#src/lib/urls/site-paths.ts';
import { firstPageServed } from '#src/lib/content/dev-first-page.ts';
import { SITE } from '#src/site.config.ts';

const PATTERN = '**/*.{md,mdx}';
/**
 * Fewer bodies to render than this (an edit, a dev server) are rendered on
 * the main thread: starting a worker loads the whole pipeline again (about a
 * second), more than a handful of posts take.
 */
export const POOL_THRESHOLD = 24;

type Render = (job: BodyJob, file: string) => Promise<RenderedBody>;
type DataEntry = Parameters<LoaderContext['store']['set']>[0];

/** One post file read, before the schema: what glob() gets from Astro's entry types. */
interface Read {
  entry: string;
  absolute: string;
  /** Relative to the project, with forward slashes (the entry's `filePath`). */
  file: string;
  digest: string;
  data: Record<string, unknown>;
  body: string;
}

/** A plugin's name, to see that astro.config.ts's processor is the one the workers build. */
const pluginNames = (plugins: unknown[] = []) =>
  plugins.map((plugin) => {
    const fn: unknown = Array.isArray(plugin) ? plugin[0] : plugin;
    return typeof fn === 'function' ? fn.name : String(fn);
  });

/** Whether astro.config.ts's processor and Shiki transformers are pipeline.ts's, which the workers build. */
async function samePipeline(markdown: LoaderContext['config']['markdown'], pipeline: PipelineOptions): Promise<boolean> {
  const { markdownPlugins, shikiConfig } = await import('#src/lib/markdown/pipeline.ts');
  const { processor } = markdown;
  const configured = processor.options as { remarkPlugins?: unknown[]; rehypePlugins?: unknown[] };
  const ours = markdownPlugins(pipeline);
  const transformers = (list: Array<{ name?: string }> = []) => list.map((t) => t.name).join();
  return (
    processor.name === 'unified' &&
    transformers(markdown.shikiConfig.transformers) === transformers(shikiConfig.transformers) &&
    pluginNames(configured.remarkPlugins).join() === pluginNames(ours.remarkPlugins).join() &&
    pluginNames(configured.rehypePlugins).join() === pluginNames(ours.rehypePlugins).join()
  );
}

/** A path under the posts folder that the collection holds, as glob()'s entry ("a/b.md"), or null. */
function entryOf(baseDir: string, file: string): string | null {
  const entry = path.relative(baseDir, file).split(path.sep).join('/');
  if (entry.startsWith('../') || path.isAbsolute(entry) || !/\.mdx?$/.test(entry)) return null;
  return entry.split('/').some((segment) => segment.startsWith('.')) ? null : entry;
}

export interface PostsLoaderOptions {
  /** The posts folder, relative to the project. */
  base: string;
  /** Bodies to render from which they are rendered on worker threads. */
  poolThreshold?: number;
  /** Worker threads; default one per core. */
  poolSize?: number;
}

/** How long the dev server's watcher (chokidar) drops further change events for a file after one, plus a margin. */
const WATCHER_THROTTLE_MS = 50 + 50;
/** A file rewritten on every read stops being read again after this many tries; its next save reloads it. */
const MAX_RELOADS_PER_SAVE = 5;

/** A file's size and modification time as one comparable string ("gone" once deleted). */
async function fileState(file: string): Promise<string> {
  const info = await stat(file).catch(() => null);
  return info ? `${info.size}:${info.mtimeMs}` : 'gone';
}

/**
 * The posts in `base` (`**\/*.{md,mdx}`), each keyed by its path there, as
 * `glob({ base, pattern, generateId: ({ entry }) => entry, retainBody: false })`
 * stores them: the same ids, data (through the collection's schema), digests,
 * file paths, rendered HTML and metadata for `.md`, and `deferredRender` for
 * `.mdx`, which Astro's MDX integration compiles as before. Unchanged posts
 * (same digest) are left as they are, so warm builds render nothing.
 *
 * What differs is where `.md` bodies are rendered: when more than a few are
 * to be rendered (a cold build, a dev server started without its store), in
 * worker threads on every core, each with the pipeline of
 * src/lib/markdown/pipeline.ts, which astro.config.ts's `markdown` uses too;
 * glob() renders them one after another on the main thread. A few (an edit, a post saved in the dev server) are rendered here,
 * by Astro's configured processor, as glob() does. Bodies are not kept in the
 * store (posts.ts reads them from the files).
 */
export function postsLoader({ base, poolThreshold = POOL_THRESHOLD, poolSize }: PostsLoaderOptions): Loader {
  return {
    name: 'posts-loader',
    load: async ({ config, store, parseData, generateDigest, watcher, logger }: LoaderContext) => {
      const root = fileURLToPath(config.root);
      const baseDir = path.resolve(root, base);
      const pipeline: PipelineOptions = { root, base: basePathFromEnv(), origins: SITE.origins };
      const shared = sharedMarkdownOptions(config);
      let mainThread: Promise<Render> | undefined;
      const renderHere = (): Promise<Render> =>
        (mainThread ??= createBodyRenderer(config.markdown.processor, shared).then(
          (render) => (job: BodyJob, file: string) => render(job).catch((error: unknown) => Promise.reject(bodyError(file, error))),
        ));

      /** A post file, read and its frontmatter parsed when its digest is not the stored entry's; null when it is. */
      async function readChanged(entry: string): Promise<Read | null> {
        return readPost(entry, (digest) => {
          // Ids are file paths, so (unlike glob(), whose ids may come from a slug) an unchanged post needs no parsing.
          const existing = store.get(entry);
          if (!existing || existing.digest !== digest || !existing.filePath) return false;
          if (existing.deferredRender) store.addModuleImport(existing.filePath);
          return true;
        });
      }

      /** A post file, read and its frontmatter parsed; null when `unchanged(digest)` says it need not be. */
      async function readPost(entry: string): Promise<Read>;
      async function readPost(entry: string, unchanged: (digest: string) => boolean): Promise<Read | null>;
      async function readPost(entry: string, unchanged?: (digest: string) => boolean): Promise<Read | null> {
        const absolute = path.join(baseDir, entry);
        const file = path.relative(root, absolute).split(path.sep).join('/');
        const contents = await readFile(absolute, 'utf8').catch((error: Error) => {
          throw new Error(`${file}  file  could not be read: ${error.message}`, { cause: error });
        });
        const digest = generateDigest(contents);
        if (unchanged?.(digest)) return null;
        let parsed: ReturnType<typeof parseFrontmatter>;
        try {
          parsed = parseFrontmatter(contents, { frontmatter: 'empty-with-spaces' });
        } catch (error) {
          const yaml = error as { reason?: string; mark?: { line: number }; message: string };
          const line = yaml.mark ? `:${yaml.mark.line + 1}` : '';
          throw new Error(`${file}${line}  frontmatter  ${yaml.reason ?? yaml.message}`, { cause: error });
        }
        // Before any parser sees the body (they recurse once per level, and a body nested thousands deep
        // overflows the stack after minutes): the dev server renders posts the checker never saw.
        // The content keeps the file's line numbers (the frontmatter is blanked, not cut).
        const deep = tooDeepNesting(parsed.content, { mdx: entry.endsWith('.mdx') });
        if (deep) throw new RenderError(`${file}:${deep.line}  body  ${deep.message}`);
        return { entry, absolute, file, digest, data: parsed.frontmatter, body: parsed.content.trim() };
      }

      /** The store entry of one changed post: validated, and rendered when it is Markdown. */
      async function entryFor(post: Read, render: Render): Promise<DataEntry> {
        const data = await parseData({ id: post.entry, data: post.data, filePath: post.absolute });
        const common = { id: post.entry, data, filePath: post.file, digest: post.digest };
        if (post.entry.endsWith('.mdx')) return { ...common, deferredRender: true };
        const rendered = await render({ body: post.body, frontmatter: post.data, filePath: post.absolute }, post.file);
        // Astro imports each image path beside the post and publishes it: one that leads outside
        // src/content/ is refused here too, for the dev server and `astro build` run no post check.
        for (const image of rendered.metadata.localImagePaths) {
          const { problem } = resolveReadable(image, post.absolute, { root, publicDir: path.join(root, 'public') });
          if (problem !== undefined) throw new Error(`${post.file}  body  image ${quoted(image)} ${problem}`);
        }
        return { ...common, rendered, assetImports: rendered.metadata.imagePaths };
      }

      /** Validates and renders the posts whose digest changed. */
      async function sync(entries: string[]): Promise<void> {
        const changed = (await pMap(entries, readChanged, { concurrency: 16 })).filter((post) => post !== null);
        const bodies = changed.filter((post) => post.entry.endsWith('.md')).length;
        let pool: RenderPool | undefined;
        if (bodies >= poolThreshold && (await samePipeline(config.markdown, pipeline))) {
          // sharp's native library must be loaded by the main thread before a worker loads it (scripts/build.ts).
          await import('sharp');
          const { createRenderPool } = await import('#src/lib/markdown/render-pool.ts');
          pool = createRenderPool({ pipeline, shared: withoutFunctions(shared) }, poolSize === undefined ? {} : { size: poolSize });
        }
        const started = performance.now();
        try {
          const render = pool ? pool.render : await renderHere();
          const concurrency = pool ? pool.size * 4 : 10;
          const ready = await pMap(changed, (post) => entryFor(post, render), { concurrency });
          // In file order, whatever order the workers finished in.
          for (const entry of ready) store.set(entry);
        } finally {
          await pool?.close();
        }
        if (pool) {
          const seconds = ((performance.now() - started) / 1000).toFixed(1);
          logger.info(`${bodies} Markdown bodies rendered on ${pool.size} worker threads (${pool.counts().join(' + ')}) in ${seconds}s`);
        }
      }

      const entries: string[] = [];
      for await (const entry of glob(PATTERN, { cwd: baseDir })) entries.push(entry.split(path.sep).join('/'));
      entries.sort();
      if (entries.length === 0) logger.warn(`No files found matching "${PATTERN}" in directory "${path.relative(root, baseDir)}"`);
      const untouched = new Set(store.keys());
      for (const entry of entries) untouched.delete(entry);
      for (const id of untouched) store.delete(id);
      await sync(entries);

      if (!watcher) return;
      // The dev server: a saved, added or deleted post changes its entry, as with glob().
      watcher.add(baseDir);
      const reload = async (entry: string) => {
        const seen = performance.now();
        for (let attempt = 0; attempt < MAX_RELOADS_PER_SAVE; attempt++) {
          const before = await fileState(path.join(baseDir, entry));
          try {
            await sync([entry]);
            logger.info(terminalSafe(`Reloaded data from ${entry}`));
          } catch (error) {
            // A post's message and its file's name are the editor's text: one line, whatever they hold.
            logger.error(terminalSafe(`Failed to reload ${entry}: ${(error as Error).message}`));
          }
          // A save is often a truncation, then a write: the watcher reports the first, and drops a
          // second change to the same file within 50 ms (chokidar's throttle), so the read above may
          // have found the file empty or half-written with no event to follow. Past that window, a
          // later write brings its own event; within it, only a changed size or time tells.
          await new Promise((resolve) => setTimeout(resolve, Math.max(0, seen + WATCHER_THROTTLE_MS - performance.now())));
          if ((await fileState(path.join(baseDir, entry))) === before) return;
        }
      };
      // One save can come as two change events (the file emptied, then written): each reload of a
      // post waits for the one before, which then finds the file unchanged instead of rendering it twice.
      const reloads = new Map<string, Promise<void>>();
      const onChange = (changedPath: string) => {
        const entry = entryOf(baseDir, changedPath);
        if (!entry) return;
        const next = (reloads.get(entry) ?? Promise.resolve()).then(() => reload(entry));
        reloads.set(entry, next);
        void next.then(() => reloads.get(entry) === next && reloads.delete(entry));
      };
      // The first body rendered in a process is slow (modules loaded, Shiki's grammars compiled),
      // later ones fast: one post is rendered once the first page has been sent (begun beside the
      // server's start, it delayed that page), so the first saved post shows as fast as later ones.
      const warmRenderer = async (entry: string) => {
        await firstPageServed();
        const post = await readPost(entry);
        const started = performance.now();
        const render = await renderHere();
        await render({ body: post.body, frontmatter: post.data, filePath: post.absolute }, post.file);
        logger.debug(`renderer warmed on ${entry} in ${Math.round(performance.now() - started)} ms`);
      };
      const sample = entries.find((entry) => entry.endsWith('.md'));
      if (sample) void warmRenderer(sample).catch(() => undefined);
      watcher.on('change', onChange);
      watcher.on('add', onChange);
      watcher.on('unlink', (deletedPath: string) => {
        const entry = entryOf(baseDir, deletedPath);
        if (!entry) return;
        store.delete(entry);
      });
    },
  };
}
