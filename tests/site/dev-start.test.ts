import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WARM_PAGES } from '../../integrations/dev-start.ts';
import { OLD_SITE_PREFIX } from '../../scripts/build-cleanup.ts';
import { poll, startDevServer, type DevServer } from '../../scripts/dev/bench/dev-server.ts';
import { fixtureProjectCopy } from '../helpers/fixture-site.ts';

/**
 * `npm run dev` prepares the pages an editor opens first before anyone asks for them, leaves
 * the work that can wait (warming the Markdown renderer) until a page has been sent, and does not
 * watch the old site a build left beside `dist/`. Seen in the server's own output: Vite's line per module transformed, the posts
 * loader's line when it has warmed the renderer, and Astro's `[watch]` line for each watched
 * page deleted.
 */
let root: string;
let server: DevServer;
/** The site a build just replaced, which its detached remover is still deleting when the server starts. */
let oldSite: string;

/** Waits until the server has printed what `done` looks for. */
async function printed(done: (output: string) => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!done(server.output())) {
    const failure = server.failure();
    if (failure) throw new Error(failure);
    if (Date.now() > until) throw new Error(`not printed within ${timeoutMs} ms:\n${server.output().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Modules Vite has transformed so far, by their path in the project ("/src/…"). */
const transformed = () => new Set([...server.output().matchAll(/vite:transform \S+ (\/src\/\S+)/g)].map((match) => match[1]!));

beforeAll(async () => {
  root = await fixtureProjectCopy('dev-start');
  oldSite = path.join(root, `${OLD_SITE_PREFIX}4242-1700000000000`);
  // A page the watcher does see (any folder but the site's and the builds'), for the test to delete after the old site.
  await writeFile(path.join(root, 'watched-page.html'), '<!doctype html><title>seen</title>');
  for (const page of ['index.html', 'tags/index.html', 'blog/a/index.html']) {
    await mkdir(path.dirname(path.join(oldSite, page)), { recursive: true });
    await writeFile(path.join(oldSite, page), '<!doctype html><title>old</title>');
  }
  server = await startDevServer(root, {
    env: { ...process.env, NO_COLOR: '1', ASTRO_TELEMETRY_DISABLED: '1' },
    // Astro prints its loggers' debug lines, and Vite its line per module transformed, only with --verbose.
    args: ['--verbose'],
  });
}, 60_000);

afterAll(async () => {
  await server?.stop();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('npm run dev, before and after the first page', () => {
  const article = '/src/pages/blog/[slug]/index.astro';
  // Imported by the article page: transformed early only because the page's imports are pre-transformed.
  const articleImports = ['/src/layouts/BaseLayout.astro', '/src/components/PostBody.astro', '/src/lib/taxonomy/related.ts'];

  it('transforms the first pages and their imports before any request, and warms the renderer only after a page is sent', async () => {
    expect(WARM_PAGES.map((page) => page.replace(/^\./, ''))).toContain(article);
    await printed((output) => output.includes('watching for file changes'), 120_000);
    await printed(() => [article, '/src/pages/index.astro', ...articleImports].every((file) => transformed().has(file)), 60_000);
    // Nothing has asked for a page yet, so the renderer is left alone. Seen by making the server
    // render the post it would warm on: a warm-up begun at start (seconds before the save) on the
    // same post and the same renderer would have printed its line before this reload's.
    const sample = (await readdir(path.join(root, 'src/content/blog'))).filter((name) => name.endsWith('.md')).sort()[0]!;
    const file = path.join(root, 'src/content/blog', sample);
    await writeFile(file, `${await readFile(file, 'utf8')}\nSaved before any page was asked for.\n`);
    await printed((output) => output.includes(`Reloaded data from ${sample}`), 60_000);
    expect(server.output().match(/renderer warmed.*/)?.[0]).toBeUndefined();

    await poll(`http://127.0.0.1:${server.port}/blog/alpha-post/`, (body) => body.includes('<h1'), server.failure, 60_000);
    await printed((output) => /renderer warmed on \S+\.md in \d+ ms/.test(output), 30_000);
  });

  it('leaves alone the old site a build is still deleting', async () => {
    await printed((output) => output.includes('watching for file changes'), 120_000);
    // Vite reloads the browser for each watched page deleted, and Astro prints "[watch] <file>": once it has
    // named the page deleted after the old site, it would have named the old site's pages too.
    await rm(oldSite, { recursive: true, force: true });
    await rm(path.join(root, 'watched-page.html'));
    await printed((output) => /\[watch\] \S*watched-page\.html/.test(output), 30_000);
    expect(server.output().match(/\[watch\] .*4242-1700000000000.*/)?.[0]).toBeUndefined();
  });
});
