import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { shikiConfig } from '#src/lib/markdown/pipeline.ts';
import { siteBodyRenderer } from '../helpers/body-renderer.ts';

const root = path.resolve(import.meta.dirname, '../..') + '/';
const BODY =
  '```ts\nexport async function load(posts: string[]): Promise<Map<string, number>> { return new Map(posts.map((p, i) => [p, i])); }\nconst x = 1;\n```\n';

async function render(transformers: typeof shikiConfig.transformers) {
  const renderBody = await siteBodyRenderer(root, { transformers: transformers ?? [] });
  return (await renderBody({ body: BODY, frontmatter: {}, filePath: path.join(root, 'src/content/blog/x.md') })).html;
}

/** Every call to Date.now() a second later than the last: a machine far too busy for Shiki's 500 ms per line. */
function slowClock() {
  let now = Date.now();
  vi.spyOn(Date, 'now').mockImplementation(() => (now += 1000));
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the pipeline's Shiki settings", () => {
  it('colour a code block the same on a machine too busy for Shiki to finish a line in its time limit', async () => {
    const quiet = await render(shikiConfig.transformers);
    expect(quiet).toContain('cl-d73a49');
    slowClock();
    const busy = await render(shikiConfig.transformers);
    const busyWithoutTransformer = await render([]);
    vi.restoreAllMocks();
    expect(busy).toBe(quiet);
    // Without it, the same busy machine gives other colours: what the transformer prevents.
    expect(busyWithoutTransformer).not.toBe(quiet);
  });
});
