/** Code highlighting that depends on the code alone, not on how busy the machine is. */
import type { ShikiConfig } from '@astrojs/markdown-remark';

type ShikiTransformer = NonNullable<ShikiConfig['transformers']>[number];

/**
 * Shiki stops tokenizing a line after 500 ms of wall-clock time (its `tokenizeTimeLimit`) and
 * leaves the rest of the line in the default colour. A line that takes 30 ms on a quiet machine
 * can pass 500 ms on a loaded one, so the same post came out with different token colours from
 * build to build (seen in pages and feeds under load). Astro's `shikiConfig` has no setting for
 * the limit; a transformer's `preprocess` receives the very options object Shiki tokenizes with,
 * and 0 means no limit. `tests/unit/shiki-time-limit.test.ts` checks this against the installed Shiki.
 */
export const shikiWithoutTimeLimit: ShikiTransformer = {
  name: 'blog:no-tokenize-time-limit',
  preprocess(code, options) {
    options.tokenizeTimeLimit = 0;
    return code;
  },
};
