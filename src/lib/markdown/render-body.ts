/** One Markdown body to the HTML and metadata Astro stores for it, the way Astro's own `.md` entry type renders it. */
import { pathToFileURL } from 'node:url';
import type { AstroMarkdownOptions, MarkdownProcessor } from '@astrojs/markdown-remark';
import type { AstroConfig } from 'astro';

/** What a rendered entry keeps: Astro's `RenderedContent`, with plain data only (it crosses to and from workers). */
export interface RenderedBody {
  html: string;
  metadata: {
    headings: Array<{ depth: number; slug: string; text: string }>;
    localImagePaths: string[];
    remoteImagePaths: string[];
    frontmatter: Record<string, unknown>;
    imagePaths: string[];
  };
}

export interface BodyJob {
  /** The body after the frontmatter, trimmed (Astro's `entry.body`). */
  body: string;
  /** The frontmatter as parsed from the file, before the schema: plugins read and add to it. */
  frontmatter: Record<string, unknown>;
  /** The post's absolute path. */
  filePath: string;
}

export type BodyRenderer = (job: BodyJob) => Promise<RenderedBody>;

/**
 * A post that could not be rendered; the message is `file  body  what happened`. It carries no
 * stack: Astro prints an error's stack under its message (`astro build`, the dev server), and
 * this is the post's fault, told in full by the message.
 */
export class RenderError extends Error {
  override stack = '';
}

/** A render failure as a RenderError naming the post (Astro's own prefix, with the absolute path, dropped). */
export function bodyError(file: string, error: unknown): RenderError {
  const message = (error instanceof Error ? error.message : String(error)).replace(/^Failed to parse Markdown file "[^"]*":\n/, '').trim();
  // A body image's error names the post already ("src/content/blog/x.md body image …", with its
  // line when the plugin knows it: "x.md:12 body image …"): said once, as `file:line  body  …`.
  if (message.startsWith(file)) {
    const own = /^(:\d+)? body /.exec(message.slice(file.length));
    if (own) return new RenderError(`${file}${own[1] ?? ''}  body  ${message.slice(file.length + own[0].length)}`);
  }
  return new RenderError(`${file}  body  ${message}`);
}

/**
 * The options Astro hands `markdown.processor.createRenderer` (its `.md`
 * entry type, `getRenderFunction`), as plain data a worker can be sent.
 */
export function sharedMarkdownOptions(config: AstroConfig): AstroMarkdownOptions {
  const { markdown, image } = config;
  // As Astro passes them; its config types say `x?: T | undefined` where these say `x?: T`.
  return {
    // remarkCollectImages reads only these two of the image settings (the rest does not cross to a worker).
    image: { domains: image.domains, remotePatterns: image.remotePatterns },
    syntaxHighlight: markdown.syntaxHighlight,
    shikiConfig: markdown.shikiConfig,
    gfm: markdown.gfm,
    smartypants: markdown.smartypants,
  } as AstroMarkdownOptions;
}

/**
 * The same options as data a worker can be sent: Shiki's transformers are
 * functions, so they stay here and the worker adds pipeline.ts's own, the
 * ones astro.config.ts gives Astro (posts-loader.ts checks that they are).
 */
export function withoutFunctions(shared: AstroMarkdownOptions): AstroMarkdownOptions {
  return { ...shared, shikiConfig: { ...shared.shikiConfig, transformers: [] } };
}

const RENDER_FAILURE_LOG = 'Failed to parse Markdown file';
let renderLogsQuiet = false;

/**
 * @astrojs/markdown-remark's render() logs a failure with console.error, stack and all, before
 * it throws it; the failure is reported once, as a RenderError naming the post, so that one
 * log (an Error whose message starts "Failed to parse Markdown file") is left out. Workers
 * leave out every Error logged (render-worker.ts); here, on the build's own thread, only this.
 */
function quietRenderFailureLogs(): void {
  if (renderLogsQuiet) return;
  renderLogsQuiet = true;
  const log = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    if (args.length === 1 && args[0] instanceof Error && args[0].message.startsWith(RENDER_FAILURE_LOG)) return;
    log(...args);
  };
}

/** Astro's `.md` render function (astro/dist/vite-plugin-markdown/content-entry-type.js), for any processor. */
export async function createBodyRenderer(
  processor: Pick<MarkdownProcessor, 'createRenderer'>,
  shared: AstroMarkdownOptions,
): Promise<BodyRenderer> {
  const renderer = await processor.createRenderer(shared);
  quietRenderFailureLogs();
  return async ({ body, frontmatter, filePath }) => {
    const result = await renderer.render(body, { frontmatter, fileURL: pathToFileURL(filePath) });
    return {
      html: result.code,
      metadata: {
        ...result.metadata,
        imagePaths: result.metadata.localImagePaths.concat(result.metadata.remoteImagePaths),
      },
    };
  };
}
