/**
 * `node scripts/dev/markdown-profile.ts [project] [posts]` (default: this project, every post)
 *
 * Renders the project's Markdown posts one after another on one thread with the site's pipeline
 * (src/lib/markdown/pipeline.ts, as a render worker builds it) and prints the milliseconds per
 * body, the first few apart (they load Shiki's grammars). Point it at a benchmark copy
 * (`npm run bench -- --keep`) for a large corpus; add `node --cpu-prof` to see where the time goes.
 */
import { glob, readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import path from 'node:path';
import { markdownConfigDefaults, parseFrontmatter, type AstroMarkdownOptions } from '@astrojs/markdown-remark';
import { markdownProcessor, shikiConfig } from '#src/lib/markdown/pipeline.ts';
import { createBodyRenderer } from '#src/lib/markdown/render-body.ts';
import { SITE } from '#src/site.config.ts';

const root = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '../..')) + path.sep;
const limit = process.argv[3] === undefined ? Infinity : Number(process.argv[3]);
if (!(limit > 0)) throw new Error(`the number of posts must be a positive number, not "${process.argv[3]}"`);

// What Astro hands the renderer (render-body.ts sharedMarkdownOptions): its defaults, which this
// site keeps, with the site's Shiki settings and no remote image domains.
const shared = {
  image: { domains: [], remotePatterns: [] },
  syntaxHighlight: markdownConfigDefaults.syntaxHighlight,
  shikiConfig,
  gfm: markdownConfigDefaults.gfm,
} as AstroMarkdownOptions;
const render = await createBodyRenderer(markdownProcessor({ root, base: '/', origins: [SITE.url] }), shared);

const posts = path.join(root, 'src/content/blog');
const files: string[] = [];
for await (const file of glob('**/*.md', { cwd: posts })) files.push(path.join(posts, file));
files.sort();
const chosen = files.slice(0, limit);
const WARM_UP = 3;
let steady = 0;
for (const [i, file] of chosen.entries()) {
  const { content, frontmatter } = parseFrontmatter(await readFile(file, 'utf8'), { frontmatter: 'empty-with-spaces' });
  const started = performance.now();
  await render({ body: content.trim(), frontmatter, filePath: file });
  if (i >= WARM_UP) steady += performance.now() - started;
}
const counted = chosen.length - WARM_UP;
console.log(
  JSON.stringify({
    posts: chosen.length,
    msPerBody: counted > 0 ? Math.round((steady / counted) * 10) / 10 : null,
    loadAverage: Math.round(loadavg()[0]! * 10) / 10,
  }),
);
