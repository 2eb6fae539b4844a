/**
 * A large, realistic post set for timing `npm run check`: copies of the sample
 * posts (full bodies, body images, links between posts), each with its own
 * slug, hero file and links to two other generated posts.
 *
 * From the project root:
 *   ./node_modules/.bin/node tests/helpers/bench-posts.ts 1000
 * prints the folder of a project copy holding 1,000 posts; then
 *   cd <folder> && time npm run check
 */
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { splitFrontmatter } from '#src/lib/content/frontmatter.ts';
import { makeProjectCopy, PROJECT_ROOT } from './project-copy.ts';

const SAMPLES = path.join(PROJECT_ROOT, 'src/content/blog');

interface Sample {
  frontmatter: string;
  body: string;
  hero: string | null;
}

async function readSamples(): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (const entry of (await readdir(SAMPLES, { recursive: true })).sort()) {
    if (!/\.(md|mdx)$/.test(entry)) continue;
    const file = path.join(SAMPLES, entry);
    const split = splitFrontmatter(await readFile(file, 'utf8'));
    if (typeof split !== 'object') continue;
    const hero = /^heroImage:\s*"([^"]+)"/m.exec(split.frontmatter)?.[1] ?? null;
    samples.push({
      frontmatter: split.frontmatter.replace(/\r?\n$/, ''),
      body: split.body,
      hero: hero === null ? null : hero.startsWith('/') ? path.join(PROJECT_ROOT, 'public', hero) : path.resolve(path.dirname(file), hero),
    });
  }
  return samples.filter((sample) => !sample.body.includes('import ')); // MDX with imports depends on its folder
}

/** Writes `count` posts into a project's src/content/blog and their heroes into public/bench/. */
export async function writeBenchPosts(root: string, count: number): Promise<void> {
  const samples = await readSamples();
  if (samples.length === 0) throw new Error(`no sample posts in ${SAMPLES} to copy (npm run init removes them)`);
  const content = path.join(root, 'src/content/blog');
  await mkdir(path.join(root, 'public/bench'), { recursive: true });
  await mkdir(content, { recursive: true });
  const id = (n: number) => String(((n - 1 + count) % count) + 1).padStart(4, '0');
  for (let n = 1; n <= count; n += 1) {
    const sample = samples[n % samples.length]!;
    const extension = sample.hero ? path.extname(sample.hero) : '';
    if (sample.hero) await copyFile(sample.hero, path.join(root, `public/bench/hero-${id(n)}${extension}`));
    const frontmatter = sample.frontmatter
      .replace(/^title:\s*"(.*)"$/m, (_, title: string) => `title: "${title} (${id(n)})"`)
      .replace(/^slug:.*\n?/m, '')
      .replace(/^heroImage:.*$/m, `heroImage: "/bench/hero-${id(n)}${extension}"`)
      .replace(/^pubDate:.*$/m, `pubDate: "${new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10)}"`);
    let link = 0;
    const body = sample.body.replace(
      /https:\/\/blog\.example\.com\/blog\/[^/)\s]+\//g,
      () => `https://blog.example.com/blog/bench-${id(n + (link += 1) * 7)}/`,
    );
    const related = `\n\nRelated: [the next post](/blog/bench-${id(n + 1)}/) and [the previous one](https://blog.example.com/blog/bench-${id(n - 1)}/).\n`;
    await writeFile(path.join(content, `bench-${id(n)}.md`), `---\n${frontmatter}\n---\n${body.trimEnd()}${related}`);
  }
}

/** A project copy (node_modules shared) with `count` generated posts and the project's public files. */
export async function makeBenchProject(count: number): Promise<string> {
  const empty = await mkdtemp(path.join(tmpdir(), 'blog-bench-content-'));
  const root = await makeProjectCopy({ contentDir: empty, publicDir: path.join(PROJECT_ROOT, 'public'), name: `bench-${count}` });
  await rm(empty, { recursive: true });
  await writeBenchPosts(root, count);
  return root;
}

if (import.meta.main) {
  const count = Number(process.argv[2] ?? '1000');
  console.log(await makeBenchProject(count));
}
