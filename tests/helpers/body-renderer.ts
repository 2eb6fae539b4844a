/** A post body rendered as the site renders it, for unit tests: the one pipeline with the site's Shiki and highlighting settings, and no build. */
import { markdownConfigDefaults } from '@astrojs/markdown-remark';
import { markdownProcessor, shikiConfig, syntaxHighlight } from '#src/lib/markdown/pipeline.ts';
import { createBodyRenderer, type BodyRenderer } from '#src/lib/markdown/render-body.ts';
import { SITE } from '#src/site.config.ts';

/** The renderer astro.config.ts's settings make, for a project in `root` (with a trailing slash); `transformers` replaces Shiki's. */
export function siteBodyRenderer(root: string, options: { transformers?: typeof shikiConfig.transformers } = {}): Promise<BodyRenderer> {
  return createBodyRenderer(markdownProcessor({ root, base: '/', origins: SITE.origins }), {
    ...markdownConfigDefaults,
    syntaxHighlight,
    shikiConfig: {
      ...markdownConfigDefaults.shikiConfig,
      ...shikiConfig,
      ...(options.transformers ? { transformers: options.transformers } : {}),
    },
  });
}
