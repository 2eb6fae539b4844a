/**
 * Draws a build's social cards in a helper process started under `nice`.
 *
 * Cards are drawn while pages render (./card-drawer.ts). In the build's own
 * process the card work (text layout in JavaScript, then libvips) shared the
 * renderer's thread and came before Pagefind after it; in a helper at a
 * lower priority the renderer keeps its thread and Pagefind runs first. The
 * pages still render a few seconds slower beside the cards, at any niceness
 * (the cores share their cache and memory bandwidth): the gain is the cards
 * no longer left to draw after the pages (BENCHMARKS.md "Issue 18: social
 * cards drawn while pages render").
 *
 * The helper only turns a job into JPEG bytes; the build writes and records
 * the files as before. When the helper cannot start, or stops, the cards it
 * had not sent back (and every later one) are drawn in this process: a
 * slower build, never a failed one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cardBackdrops, renderSocialCard, type CardJob } from '#src/lib/seo/social-card.ts';
import type { CardReply, CardRequest } from './card-renderer-child.ts';

/** How much lower than the build the helper runs (19 measured no better: the gain is not priority). */
const NICENESS = 10;
const CHILD = fileURLToPath(new URL('./card-renderer-child.ts', import.meta.url));

interface Waiting {
  job: CardJob;
  resolve: (jpeg: Buffer) => void;
  reject: (error: Error) => void;
}

export interface CardRenderer {
  /** The card as JPEG bytes, the same bytes renderSocialCard makes. */
  render(job: CardJob): Promise<Buffer>;
  /** The helper's process id while one runs (the tests stop it part-way). */
  readonly helperPid: number | undefined;
  /** Stops the helper (its open channel would keep the build's process alive); cards still being drawn are finished here. */
  close(): void;
}

export function startCardRenderer(): CardRenderer {
  const backdrops = cardBackdrops();
  const waiting = new Map<number, Waiting>();
  let nextId = 0;
  let helper: ChildProcess | undefined;
  let started = false;

  const drawHere = ({ job, resolve, reject }: Waiting) => renderSocialCard(job, backdrops).then(resolve, reject);

  /** The helper is gone: what it held is drawn here, and so is everything after. */
  function giveUp() {
    if (!helper) return;
    const gone = helper;
    helper = undefined;
    gone.removeAllListeners();
    gone.on('error', () => undefined);
    if (gone.connected) gone.disconnect();
    for (const pending of waiting.values()) void drawHere(pending);
    waiting.clear();
  }

  /**
   * With no card in flight the helper must not keep this process alive: a build that failed
   * before astro:build:done (which closes it) still exits.
   */
  function idle(child: ChildProcess) {
    child.unref();
    child.channel?.unref();
  }

  /** Started by the first card, so a build whose cards are all in the cache starts no process. */
  function start(): ChildProcess | undefined {
    try {
      const child = spawn('nice', ['-n', String(NICENESS), process.execPath, CHILD], {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        serialization: 'advanced',
      });
      child.on('message', (reply: CardReply) => {
        const pending = waiting.get(reply.id);
        if (!pending) return;
        waiting.delete(reply.id);
        if ('error' in reply) pending.reject(new Error(reply.error));
        else pending.resolve(Buffer.from(reply.jpeg.buffer, reply.jpeg.byteOffset, reply.jpeg.byteLength));
        if (waiting.size === 0) idle(child);
      });
      // No `nice` on this machine, a helper that crashed or was killed: cards are drawn here.
      child.on('error', giveUp);
      child.on('exit', giveUp);
      idle(child);
      return child;
    } catch {
      return undefined;
    }
  }

  return {
    render(job) {
      return new Promise<Buffer>((resolve, reject) => {
        const pending = { job, resolve, reject };
        if (!started) {
          started = true;
          helper = start();
        }
        if (!helper?.connected) return void drawHere(pending);
        const id = nextId++;
        waiting.set(id, pending);
        helper.ref();
        helper.channel?.ref();
        helper.send({ id, job } satisfies CardRequest, (error) => {
          // The channel closed under this message: giveUp() draws it, unless it already has.
          if (error && waiting.delete(id)) void drawHere(pending);
        });
      });
    },
    close() {
      started = true; // none after this
      giveUp();
    },
    get helperPid() {
      return helper?.pid;
    },
  };
}
