/** Worker threads that render Markdown bodies on every core, for the blog loader's cold syncs. */
import { availableParallelism } from 'node:os';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { imageRegistry } from '#src/lib/images/images.ts';
import { bodyError, RenderError, type BodyJob, type RenderedBody } from './render-body.ts';
import type { WorkerReply, WorkerRequest, WorkerSettings } from './render-worker.ts';

export interface RenderPool {
  readonly size: number;
  /** Bodies each worker has rendered so far. */
  counts(): number[];
  /** Renders one body; `file` (relative to the project) names the post in errors. */
  render(job: BodyJob, file: string): Promise<RenderedBody>;
  /** Stops every worker. Jobs still waiting fail. */
  close(): Promise<void>;
}

interface Pending {
  request: WorkerRequest;
  file: string;
  resolve: (rendered: RenderedBody) => void;
  reject: (error: Error) => void;
}

/**
 * Bodies in flight per worker: two, so one is highlighted while the other
 * waits on a body image's header being read. More only holds memory.
 */
const PER_WORKER = 2;

export interface PoolOptions {
  /** Worker threads; default one per core. */
  size?: number;
  /** Memory limits of each worker (the tests make one run out). */
  resourceLimits?: ResourceLimits;
}

export function createRenderPool(settings: WorkerSettings, options: PoolOptions = {}): RenderPool {
  const { size = availableParallelism(), resourceLimits } = options;
  const queue: Pending[] = [];
  const inFlight = new Map<Worker, Map<number, Pending>>();
  const done = new Map<Worker, number>();
  let nextJob = 0;
  let broken: RenderError | undefined;

  const fail = (pending: Pending, message: string) => pending.reject(bodyError(pending.file, message));

  /** A worker that died takes the pool with it: its posts and every waiting one fail, naming the post. */
  function stopAll(worker: Worker, reason: string) {
    const lost = [...(inFlight.get(worker)?.values() ?? [])];
    inFlight.delete(worker);
    const message = `the Markdown renderer stopped while rendering this post (${reason})`;
    broken ??= new RenderError(`${lost[0]?.file ?? 'a post'}  body  ${message}`);
    for (const pending of lost) fail(pending, message);
    for (const pending of queue.splice(0)) pending.reject(broken);
    void close();
  }

  /** Gives every worker one body before any gets a second, so none waits while another holds two. */
  function dispatch() {
    for (let level = 1; level <= PER_WORKER; level++) {
      for (const [worker, jobs] of inFlight) {
        if (jobs.size >= level || queue.length === 0) continue;
        const pending = queue.shift()!;
        try {
          worker.postMessage(pending.request);
        } catch (error) {
          fail(pending, `its frontmatter cannot be sent to a render worker (${(error as Error).message})`);
          continue;
        }
        jobs.set(pending.request.job, pending);
        worker.ref();
      }
    }
  }

  function onReply(worker: Worker, reply: WorkerReply) {
    const jobs = inFlight.get(worker);
    const pending = jobs?.get(reply.job);
    if (!jobs || !pending) return;
    jobs.delete(reply.job);
    // An idle worker must not keep the process alive (a build that failed elsewhere still exits).
    if (jobs.size === 0) worker.unref();
    if ('error' in reply) fail(pending, reply.error);
    else {
      done.set(worker, done.get(worker)! + 1);
      const registry = imageRegistry();
      for (const [name, job] of reply.images) if (!registry.has(name)) registry.set(name, job);
      pending.resolve(reply.rendered);
    }
    dispatch();
  }

  for (let i = 0; i < Math.max(1, size); i++) {
    const worker = new Worker(new URL('./render-worker.ts', import.meta.url), {
      workerData: settings,
      ...(resourceLimits && { resourceLimits }),
    });
    worker.unref();
    inFlight.set(worker, new Map());
    done.set(worker, 0);
    worker.on('message', (reply: WorkerReply) => onReply(worker, reply));
    worker.on('error', (error) => stopAll(worker, error.message));
    worker.on('exit', (code) => {
      if (inFlight.has(worker)) stopAll(worker, `exit code ${code}`);
    });
  }

  async function close() {
    const workers = [...inFlight.keys()];
    const waiting = [...queue.splice(0), ...[...inFlight.values()].flatMap((jobs) => [...jobs.values()])];
    inFlight.clear();
    for (const pending of waiting) pending.reject(broken ?? new RenderError(`${pending.file}  body  the render pool was closed`));
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  return {
    size: inFlight.size,
    counts: () => [...done.values()],
    render(job, file) {
      if (broken) return Promise.reject(broken);
      return new Promise((resolve, reject) => {
        queue.push({ request: { ...job, job: nextJob++ }, file, resolve, reject });
        dispatch();
      });
    },
    close,
  };
}
