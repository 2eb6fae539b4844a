/**
 * The `dev` run of `npm run bench -- --dev`: `astro dev` (what `npm run dev` runs) started in the
 * project copy after its builds, so the content store, image variants and cards are warm. It
 * measures the seconds from start to the first response of an article, the seconds from saving an
 * edit to that post to a response of the page that shows it (the page polled every 50 ms, as a
 * reload after the live-reload message would fetch it), and the peak resident memory of the dev
 * server's process tree over both.
 */
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import path from 'node:path';
import { treeMemory } from './measure.ts';

export interface DevRow {
  /** Seconds from spawning the server to the first 200 response of the article. */
  firstArticleSeconds: number;
  /** Seconds from writing the edited file to the first response that contains the edit. */
  editShownSeconds: number;
  peakRssMB: number;
  loadBefore: number;
}

const POLL_MS = 50;
const TIMEOUT_MS = 600_000;
/** How long the server may answer with connect's own 404 before the run stops: Astro's page handler never came. */
const NO_ASTRO_MS = 20_000;
/** connect's final handler: an HTML page whose <pre> says "Cannot GET /path". */
const CONNECT_404 = /<pre>Cannot GET [^<]*<\/pre>|^Cannot GET /;

/**
 * The environment `npm run dev` would see from a shell. Vitest's variables go:
 * under `VITEST` Astro leaves its page handler out of the dev server (Vitest
 * runs Astro's Vite config itself), which then listens but answers every
 * request with connect's "Cannot GET"; that is what the bench test's dev run
 * met in CI. `NODE_ENV=test` (set by test runners) goes too.
 */
export function devEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('VITEST')));
  if (clean['NODE_ENV'] === 'test') delete clean['NODE_ENV'];
  return clean;
}

/** Astro's default port: `npm run dev` with no options listens there. */
const ASTRO_PORT = 4321;

/** A free loopback port: `wanted` when it is free, any otherwise. */
function freePort(wanted = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      wanted !== 0 && error.code === 'EADDRINUSE' ? resolve(freePort()) : reject(error),
    );
    server.listen(wanted, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

/** Resolves once a 200 response's body satisfies `done(body)`; throws what `failed()` returns when it returns a message. */
export async function poll(url: string, done: (body: string) => boolean, failed: () => string | null, timeoutMs: number): Promise<void> {
  const until = performance.now() + timeoutMs;
  let connect404Since: number | null = null;
  let last = 'no answer (not listening)';
  while (performance.now() < until) {
    const problem = failed();
    if (problem) throw new Error(problem);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(Math.min(60_000, timeoutMs)) });
      const body = await response.text();
      if (response.status === 200 && done(body)) return;
      last = `${response.status}: ${body.slice(0, 80).trim()}`;
      if (response.status === 404 && CONNECT_404.test(body)) {
        connect404Since ??= performance.now();
        if (performance.now() - connect404Since > NO_ASTRO_MS)
          throw new Error(
            `astro dev listens but answered ${url} with connect's 404 ("${/Cannot GET [^<\n]*/.exec(body)?.[0]}") for ${NO_ASTRO_MS / 1000} s: Astro's page handler is not in the server (Astro leaves it out when VITEST is set)`,
          );
      } else connect404Since = null;
    } catch (error) {
      if ((error as Error).message.startsWith('astro dev listens')) throw error;
      // not listening yet, or the request timed out
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`astro dev did not answer ${url} as expected within ${timeoutMs / 1000} s (last answer: ${last})`);
}

/** Adds a paragraph with a marker to the post's body, before its first `##` section. */
export function addParagraph(source: string, marker: string): string {
  const at = source.indexOf('\n## ');
  if (at === -1) throw new Error('the post has no ## section to put the edit before');
  return `${source.slice(0, at)}\n\n${marker}\n${source.slice(at)}`;
}

/** A running `astro dev` in its own process group, with what it has printed. */
export interface DevServer {
  port: number;
  pid: number | undefined;
  /** All it has printed so far, stdout and stderr together. */
  output(): string;
  /** Its last 30 lines of output. */
  lastLines(): string;
  /** Once it has exited: that, its exit code and its last lines; else null (poll's `failed`). */
  failure(): string | null;
  /** Stops it and whatever it started, and waits until it has exited. */
  stop(): Promise<void>;
}

/**
 * Starts `astro dev` (what `npm run dev` runs) in `root` on a free loopback port. With `asEditors`,
 * as an editor starts it (`npm run dev`, no options) when Astro's default port is free: Astro
 * records its server options with the content store and renders every post again when they differ
 * from the last start's (integrations/astro-internals/README.md, "Dev store seeded from the build").
 */
export async function startDevServer(
  root: string,
  options: { env: NodeJS.ProcessEnv; echo?: boolean; args?: string[]; asEditors?: boolean },
): Promise<DevServer> {
  const port = await freePort(options.asEditors ? ASTRO_PORT : 0);
  const where = options.asEditors && port === ASTRO_PORT ? [] : ['--host', '127.0.0.1', '--port', String(port)];
  const child = spawn(process.execPath, ['node_modules/astro/bin/astro.mjs', 'dev', ...where, ...(options.args ?? [])], {
    cwd: root,
    env: devEnvironment(options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so stopping it stops whatever it started.
    detached: true,
  });
  let output = '';
  let exited: number | null = null;
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      output += chunk;
      if (options.echo) process.stderr.write(chunk.replace(/^/gm, '    '));
    });
  }
  child.on('exit', (code) => (exited = code ?? -1));
  const lastLines = () => output.split('\n').slice(-30).join('\n');
  return {
    port,
    pid: child.pid,
    output: () => output,
    lastLines,
    failure: () => (exited === null ? null : `astro dev exited (${exited}):\n${lastLines()}`),
    async stop() {
      if (exited !== null || child.pid === undefined) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid, 'SIGTERM');
      await gone;
    },
  };
}

export async function measureDev(
  root: string,
  post: { slug: string; file: string },
  options: { env: NodeJS.ProcessEnv; echo?: boolean; timeoutMs?: number },
): Promise<DevRow> {
  const timeoutMs = options.timeoutMs ?? TIMEOUT_MS;
  const loadBefore = Math.round(loadavg()[0]! * 100) / 100;
  const started = performance.now();
  const server = await startDevServer(root, { ...options, asEditors: true });
  let peak = 0;
  const sampler = setInterval(() => {
    if (server.pid === undefined) return;
    const { sum, hwm } = treeMemory(server.pid);
    peak = Math.max(peak, sum, hwm);
  }, 100);
  let restore: (() => Promise<void>) | undefined;
  try {
    const url = `http://127.0.0.1:${server.port}/blog/${post.slug}/`;
    await poll(url, () => true, server.failure, timeoutMs);
    const firstArticleSeconds = (performance.now() - started) / 1000;

    const marker = `Edited by the benchmark at ${Date.now()}.`;
    const file = path.join(root, post.file);
    const source = await readFile(file, 'utf8');
    const saved = performance.now();
    restore = () => writeFile(file, source);
    await writeFile(file, addParagraph(source, marker));
    await poll(url, (body) => body.includes(marker), server.failure, timeoutMs);
    const editShownSeconds = (performance.now() - saved) / 1000;
    // Put back and seen by the server before it stops, so the next start finds its store up to date.
    await restore();
    restore = undefined;
    await poll(url, (body) => !body.includes(marker), server.failure, timeoutMs);
    return {
      firstArticleSeconds: round(firstArticleSeconds),
      editShownSeconds: round(editShownSeconds),
      peakRssMB: Math.round(peak / 2 ** 20),
      loadBefore,
    };
  } catch (error) {
    // One message: what the server answered, then its last lines.
    if (error instanceof Error && !error.message.startsWith('astro dev exited'))
      error.message += `\nastro dev's last lines:\n${server.lastLines()}`;
    throw error;
  } finally {
    await restore?.();
    clearInterval(sampler);
    await server.stop();
  }
}

const round = (n: number) => Math.round(n * 100) / 100;
