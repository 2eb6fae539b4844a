/** A worker thread of the render pool (render-pool.ts): renders Markdown bodies with the site's pipeline. */
import { parentPort, workerData } from 'node:worker_threads';
import type { AstroMarkdownOptions } from '@astrojs/markdown-remark';
import { imageRegistry } from '#src/lib/images/images.ts';
import { markdownProcessor, shikiConfig, type PipelineOptions } from './pipeline.ts';
import { createBodyRenderer, type BodyJob, type RenderedBody } from './render-body.ts';

export interface WorkerSettings {
  pipeline: PipelineOptions;
  shared: AstroMarkdownOptions;
}

export type WorkerRequest = BodyJob & { job: number };

/** One image variant a plugin asked for: its file name and what makes it. */
export type ImageJob = Parameters<ReturnType<typeof imageRegistry>['set']>;

export type WorkerReply = { job: number; rendered: RenderedBody; images: ImageJob[] } | { job: number; error: string };

const port = parentPort!;
// Astro's renderer logs a failure, stack and all, before it throws it; the
// pool reports it once, naming the post (render-pool.ts).
const logError = console.error.bind(console);
console.error = (...args: unknown[]) => {
  if (!args.some((arg) => arg instanceof Error)) logError(...args);
};
const { pipeline, shared } = workerData as WorkerSettings;
const render = createBodyRenderer(markdownProcessor(pipeline), {
  ...shared,
  shikiConfig: { ...shared.shikiConfig, transformers: shikiConfig.transformers ?? [] },
});

/**
 * The image variants this worker's plugins asked for since the last reply:
 * rehype-body-images records them in a registry the build hook on the main
 * thread encodes, so they travel back with the HTML.
 */
function takeImages(): ImageJob[] {
  const registry = imageRegistry();
  const taken = [...registry];
  registry.clear();
  return taken;
}

port.on('message', (request: WorkerRequest) => {
  const { job, ...body } = request;
  render
    .then((renderBody) => renderBody(body))
    .then(
      (rendered) => port.postMessage({ job, rendered, images: takeImages() } satisfies WorkerReply),
      (error: unknown) => port.postMessage({ job, error: error instanceof Error ? error.message : String(error) } satisfies WorkerReply),
    );
});
