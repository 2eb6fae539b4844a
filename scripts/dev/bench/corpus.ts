/**
 * A synthetic blog shaped like the contract's post (../shared/PRODUCT.md):
 * full frontmatter, ~2,000-word bodies with `##` sections, lists, a code
 * block in some posts, inline images, links to other posts as absolute URLs
 * on the site's domain, and a "Frequently Asked Questions" section of `###`
 * questions. Each post has 25-30 keywords drawn from one shared vocabulary
 * (Zipf-distributed, half of them from the post's category), so tags overlap
 * the way they do on real blogs: a few large tags, a long tail of small ones.
 *
 * Images: with `images: true` every post has its own 1600x900 hero and two
 * 1600x900 inline images; without, all posts share a pool of 12 heroes and
 * 12 inline images (page rendering is measured, image work stays small).
 * Generated images are cached in `<project>/.cache/bench/images/` by seed,
 * so the second run with the same size does not draw them again.
 */
import { copyFile, link, mkdir, readdir, rename, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import pMap from 'p-map';
import { mulberry32, writePhoto } from './photo.ts';

export const SHARED_IMAGES = 12;
export const INLINE_PER_POST = 2;
const SITE_URL = 'https://blog.example.com';

const CATEGORIES = [
  'Artificial Intelligence',
  'Web Development',
  'Finance & Crypto',
  'Mobile',
  'DevOps',
  'Security',
  'Data Engineering',
  'Design',
  'Hardware',
  'Careers',
  'Open Source',
  'Science',
];
const AUTHORS = [
  'HiFi Studio And Mobile',
  'Jonas Müller',
  'Amara Okafor',
  'Priya Raman',
  'Lucía Fernández',
  'Kenji Watanabe',
  'Sam Taylor',
  'Olga Ivanova',
  'Mateo Rossi',
  'Grace Chen',
];
const MODIFIERS = [
  'edge',
  'serverless',
  'open source',
  'local',
  'mobile',
  'secure',
  'distributed',
  'real-time',
  'static',
  'incremental',
  'low-latency',
  'private',
  'typed',
  'embedded',
  'scalable',
  'reactive',
  'offline',
  'automated',
  'quantized',
  'streaming',
  'multi-tenant',
  'zero-trust',
  'event-driven',
  'cloud',
  'hybrid',
  'federated',
  'accessible',
  'sustainable',
  'legacy',
  'modular',
  'on-device',
  'self-hosted',
  'headless',
  'vector',
  'cross-platform',
  'lightweight',
  'fault-tolerant',
  'cost-aware',
  'green',
  'verified',
];
const TOPICS = [
  'inference',
  'databases',
  'caching',
  'payments',
  'css layout',
  'image optimization',
  'web performance',
  'model quantization',
  'stablecoins',
  'portfolio risk',
  'kubernetes',
  'observability',
  'authentication',
  'encryption',
  'data pipelines',
  'etl',
  'typography',
  'design systems',
  'gpu benchmarks',
  'npu benchmarks',
  'battery life',
  'hiring',
  'code review',
  'licensing',
  'climate models',
  'genomics',
  'search',
  'embeddings',
  'rag pipelines',
  'fine-tuning',
  'compilers',
  'webassembly',
  'browsers',
  'accessibility audits',
  'ci pipelines',
  'build tools',
  'monorepos',
  'package managers',
  'static sites',
  'feeds',
];
const SPECIAL_TERMS = [
  'c++',
  'c#',
  'node.js',
  'ci/cd',
  'rust',
  'astro',
  'sqlite',
  'postgres',
  'webgpu',
  'llama.cpp',
  '日本語のタグ',
  'jonas müller',
];
const WORDS = (
  'the a of to and in that it is for on with as at by from this we you they be are was were have has had but not or ' +
  'more most less many few each every other some such only own same so than too very can will just should now then ' +
  'build team measure budget change cost time page image model server client cache data user test latency memory ' +
  'number result metric release choice trade-off baseline question answer reason problem approach practice system ' +
  'design layer network request response file folder process thread core queue batch window limit target profile ' +
  'faster slower smaller larger cheaper safer simpler clearer better worse early late first last next previous ' +
  'run ship write read keep drop add remove split merge check compare explain show learn decide track plan'
).split(' ');
const CODE = [
  '```ts\nexport async function build(posts: Post[]): Promise<void> {\n  for (const post of posts) await render(post);\n}\n```',
  '```python\ndef weight_bytes(params: float, bits: float) -> float:\n    return params * bits / 8\n```',
  '```sh\nnpm run build && npx serve dist\n```',
  '```css\n.card-grid {\n  display: grid;\n  grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr));\n}\n```',
];

type Rng = () => number;

export interface CorpusOptions {
  posts: number;
  images: boolean;
  /** Folder for generated images kept between runs. */
  imageCache: string;
  seed?: number;
}

export interface CorpusPost {
  slug: string;
  /** Path relative to the project root. */
  file: string;
  title: string;
  description: string;
  /** Publication time as an ISO string (the frontmatter spells it one of three ways). */
  date: string;
  keywords: string[];
  category: string;
  author: string;
  /** Site path of the hero image, as in the frontmatter. */
  hero: string;
  heroAlt: string;
}

function pick<T>(rng: Rng, list: readonly T[]): T {
  return list[Math.floor(rng() * list.length)]!;
}

const capitalise = (text: string) => text.replace(/(^|\s)(\p{Ll})/gu, (_, space: string, letter: string) => space + letter.toUpperCase());

/** The shared vocabulary: modifier x topic phrases, topics and special spellings, in a seeded order. */
function vocabulary(rng: Rng): string[] {
  const terms = new Set<string>([...TOPICS, ...SPECIAL_TERMS]);
  for (const modifier of MODIFIERS) for (const topic of TOPICS) terms.add(`${modifier} ${topic}`);
  const list = [...terms];
  for (let i = list.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rng() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

/** Draws from a list by Zipf rank (weight 1/rank). */
function zipfSampler(list: readonly string[], rng: Rng): () => string {
  const cumulative: number[] = [];
  let total = 0;
  for (let rank = 1; rank <= list.length; rank += 1) cumulative.push((total += 1 / rank));
  return () => {
    const target = rng() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return list[lo]!;
  };
}

function sentence(rng: Rng, terms: readonly string[]): string {
  const length = 9 + Math.floor(rng() * 12);
  const words: string[] = [];
  for (let i = 0; i < length; i += 1) words.push(i === Math.floor(length / 2) && rng() < 0.5 ? pick(rng, terms) : pick(rng, WORDS));
  const text = words.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}${rng() < 0.1 ? '?' : '.'}`;
}

function paragraph(rng: Rng, terms: readonly string[], sentences: number): string {
  return Array.from({ length: sentences }, () => sentence(rng, terms)).join(' ');
}

const TITLE_PATTERNS = [
  (a: string, b: string) => `${a} on a Budget: What Actually Fits in ${b}`,
  (a: string, b: string) => `A Field Guide to ${a} for ${b} Teams`,
  (a: string, b: string) => `${a} vs ${b}: Notes From Production`,
  (a: string, b: string) => `How We Cut ${a} Costs With ${b}`,
  (a: string, b: string) => `What Nobody Tells You About ${a} and ${b}`,
  (a: string, b: string) => `${a} in Practice: Lessons From ${b}`,
];

const DATE_FORMS = [
  (d: Date) =>
    `${d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' })} ${String(d.getUTCDate()).padStart(2, '0')} ${d.getUTCFullYear()}`,
  (d: Date) => d.toISOString().slice(0, 10),
  (d: Date) => `${d.toISOString().slice(0, 10)}T09:30:00+01:00`,
];

export function heroPath(n: number, images: boolean): string {
  return images ? `/bench/hero-${String(n).padStart(5, '0')}.webp` : `/bench/hero-${String(n % SHARED_IMAGES).padStart(2, '0')}.webp`;
}

export function inlinePath(n: number, k: number, images: boolean): string {
  return images
    ? `/bench/inline-${String(n).padStart(5, '0')}-${k}.webp`
    : `/bench/inline-${String((n * INLINE_PER_POST + k) % SHARED_IMAGES).padStart(2, '0')}.webp`;
}

/** Image seeds by site path, so each distinct picture is drawn once and cached. */
function imageSeeds(options: CorpusOptions): Map<string, number> {
  const seeds = new Map<string, number>();
  if (!options.images) {
    for (let n = 0; n < SHARED_IMAGES; n += 1) {
      seeds.set(heroPath(n, false), (n + 1) * 3);
      seeds.set(`/bench/inline-${String(n).padStart(2, '0')}.webp`, (n + 1) * 3 + 1);
    }
    return seeds;
  }
  for (let n = 0; n < options.posts; n += 1) {
    seeds.set(heroPath(n, true), (n + 1) * 3);
    for (let k = 0; k < INLINE_PER_POST; k += 1) seeds.set(inlinePath(n, k, true), (n + 1) * 3 + k + 1);
  }
  return seeds;
}

/** Draws (or takes from the cache) every image and links it into `publicDir`. */
async function writeImages(options: CorpusOptions, publicDir: string): Promise<number> {
  await mkdir(options.imageCache, { recursive: true });
  await mkdir(path.join(publicDir, 'bench'), { recursive: true });
  const cached = new Set(await readdir(options.imageCache));
  let drawn = 0;
  await pMap(
    imageSeeds(options),
    async ([sitePath, seed]) => {
      const name = `photo-${seed}.webp`;
      const source = path.join(options.imageCache, name);
      if (!cached.has(name)) {
        await writePhoto(`${source}.tmp.webp`, seed);
        await rename(`${source}.tmp.webp`, source);
        drawn += 1;
      }
      const target = path.join(publicDir, sitePath);
      await link(source, target).catch(() => copyFile(source, target));
    },
    { concurrency: availableParallelism() },
  );
  return drawn;
}

/** Writes the posts and images into a project copy; returns the posts in publication order. */
export async function writeCorpus(root: string, options: CorpusOptions): Promise<{ posts: CorpusPost[]; imagesDrawn: number }> {
  const rng = mulberry32(options.seed ?? 2026);
  const vocab = vocabulary(rng);
  const global = zipfSampler(vocab, rng);
  // Each category favours its own slice of the vocabulary, as real sections do.
  const slice = Math.floor(vocab.length / CATEGORIES.length);
  const byCategory = CATEGORIES.map((_, i) => zipfSampler(vocab.slice(i * slice, (i + 1) * slice), rng));

  const count = options.posts;
  const newest = Date.UTC(2026, 10, 20);
  const plans = Array.from({ length: count }, (_, n) => {
    const categoryIndex = Math.floor(rng() * CATEGORIES.length);
    const target = 25 + Math.floor(rng() * 6);
    const keywords = new Set<string>();
    while (keywords.size < target) keywords.add(keywords.size % 2 === 0 ? byCategory[categoryIndex]!() : global());
    const terms = [...keywords];
    const title = pick(rng, TITLE_PATTERNS)(capitalise(terms[0]!), capitalise(terms[1]!));
    // Oldest first, one post a day up to 2026-11-20.
    const at = new Date(newest - (count - 1 - n) * 86_400_000);
    const base = `${terms[0]} ${terms[1]}`
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 50)
      .replace(/-+$/, '');
    return {
      n,
      title,
      slug: `${base || 'post'}-${n + 1}`,
      terms,
      category: CATEGORIES[categoryIndex]!,
      author: pick(rng, AUTHORS),
      at,
      // Dates spread over the three accepted forms.
      date: pick(rng, DATE_FORMS)(at),
    };
  });

  const posts: CorpusPost[] = [];
  const contentDir = path.join(root, 'src/content/blog');
  for (const plan of plans) {
    const { n, terms } = plan;
    const postUrl = (other: number) => `${SITE_URL}/blog/${plans[((other % count) + count) % count]!.slug}/`;
    const linkTo = (other: number) => {
      const target = plans[((other % count) + count) % count]!;
      return `[Related: ${target.title}](${postUrl(other)})`;
    };
    const hero = heroPath(n, options.images);
    const lines: string[] = [];
    if (n % 3 === 0) lines.push(`# ${plan.title}`, '');
    if (n % 5 === 0) lines.push(`![${plan.title}](${hero})`, '');
    lines.push(paragraph(rng, terms, 6), '', `${paragraph(rng, terms, 3)} ${linkTo(n - 1)}.`, '');
    const sections = 7;
    for (let s = 0; s < sections; s += 1) {
      lines.push(`## ${capitalise(pick(rng, terms))}: ${sentence(rng, terms).replace(/[.?]$/, '')}`, '');
      lines.push(paragraph(rng, terms, 5), '');
      if (s % 2 === 0) {
        for (let i = 0; i < 5; i += 1) lines.push(`- **${pick(rng, terms)}**: ${sentence(rng, terms)}`);
        lines.push('');
      } else {
        for (let i = 1; i <= 4; i += 1) lines.push(`${i}. ${sentence(rng, terms)}`);
        lines.push('');
      }
      if (s === 1 || s === 4) {
        const k = s === 1 ? 0 : 1;
        lines.push(`![${capitalise(pick(rng, terms))} illustrated](${inlinePath(n, k, options.images)})`, '');
      }
      if (s === 3 && n % 2 === 0) lines.push(pick(rng, CODE), '');
      const other = n + 1 + Math.floor(rng() * 40) * (rng() < 0.5 ? -1 : 1);
      lines.push(`${paragraph(rng, terms, 5)} See ${linkTo(other)} for \`${pick(rng, terms)}\` in more depth.`, '');
    }
    lines.push('## Frequently Asked Questions', '');
    for (let q = 0; q < 4; q += 1) {
      lines.push(`### Is ${pick(rng, terms)} worth it for ${pick(rng, terms)}?`, '', paragraph(rng, terms, 3), '');
    }
    const description = sentence(rng, terms).replace(/"/g, '');
    const heroAlt = `${capitalise(terms[0]!)} shown as a photograph`;
    const frontmatter = [
      `title: "${plan.title}"`,
      `description: "${description}"`,
      `slug: "${plan.slug}"`,
      `keywords: [${terms.join(',')}]`,
      `pubDate: "${plan.date}"`,
      `heroImage: "${hero}"`,
      `heroImageAlt: "${heroAlt}"`,
      `category: "${plan.category}"`,
      `author: "${plan.author}"`,
      ...(n % 2 === 0 ? [`readingTime: "${9 + (n % 5)} min"`] : []),
    ];
    const year = plan.date.slice(-4).match(/^\d{4}$/) ? plan.date.slice(-4) : plan.date.slice(0, 4);
    const file = path.join('src/content/blog', year, `${plan.slug}.md`);
    await mkdir(path.join(contentDir, year), { recursive: true });
    await writeFile(path.join(root, file), `---\n${frontmatter.join('\n')}\n---\n\n${lines.join('\n')}`);
    posts.push({
      slug: plan.slug,
      file,
      title: plan.title,
      description,
      date: plan.at.toISOString(),
      keywords: terms,
      category: plan.category,
      author: plan.author,
      hero,
      heroAlt,
    });
  }
  const imagesDrawn = await writeImages(options, path.join(root, 'public'));
  return { posts, imagesDrawn };
}
