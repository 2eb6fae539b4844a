import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { makeProjectCopy, PROJECT_ROOT } from './project-copy.ts';

/** A small deterministic picture: a gradient with circles, so webp has detail to encode. */
export async function writeTestImage(
  file: string,
  width: number,
  height: number,
  hue: number,
  format: 'webp' | 'png' | 'jpeg' = 'webp',
): Promise<void> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="hsl(${hue},70%,45%)"/><stop offset="1" stop-color="hsl(${(hue + 60) % 360},70%,25%)"/>
    </linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>
    ${Array.from({ length: 12 }, (_, i) => `<circle cx="${(i * 137) % width}" cy="${(i * 89) % height}" r="${40 + i * 9}" fill="hsla(${(hue + i * 20) % 360},80%,70%,0.35)"/>`).join('')}
  </svg>`;
  await mkdir(path.dirname(file), { recursive: true });
  const image = sharp(Buffer.from(svg));
  await (format === 'webp' ? image.webp({ quality: 60 }) : image.toFormat(format)).toFile(file);
}

const CATEGORIES = ['Web Development', 'Artificial Intelligence', 'Finance & Crypto'];
const VOCABULARY = ['web performance', 'image optimization', 'edge ai', 'astro', 'css', 'stablecoins', 'accessibility', 'rust'];

/** Filler posts that make the fixture a 36-post site with several listing pages. */
export async function writeFillerPosts(contentDir: string, count = 30): Promise<void> {
  for (let i = 1; i <= count; i += 1) {
    const day = String(i).padStart(2, '0');
    const keywords = [VOCABULARY[i % VOCABULARY.length], VOCABULARY[(i * 3) % VOCABULARY.length]];
    const hero = i % 4 === 0 ? `heroImage: "/hero-gamma.webp"\nheroImageAlt: "Filler hero ${i}"\n` : '';
    await writeFile(
      path.join(contentDir, `filler-${day}.md`),
      `---\ntitle: "Filler Post ${day}"\ndescription: "Filler post number ${i} for listing pages."\nkeywords: [${keywords.join(',')}]\npubDate: "2026-01-${day}"\n${hero}category: "${CATEGORIES[i % CATEGORIES.length]}"\n---\n\nFiller body ${i}. ${'Words to read. '.repeat(40 * i)}\n`,
    );
  }
}

/**
 * The fixture's scheduled post, dated 60 days after today: a post may be
 * scheduled at most a year ahead (a later date is taken for a mistyped year),
 * so a fixed far-future date would one day turn into a published post or an error.
 */
export async function writeScheduledPost(contentDir: string): Promise<void> {
  const date = new Date(Date.now() + 60 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  await writeFile(
    path.join(contentDir, 'future-post.md'),
    `---\ntitle: "Future Quokka Post"\ndescription: "Scheduled in the future: not published yet."\nkeywords: [quokka-future-only-tag]\npubDate: "${date}"\ncategory: "Futuristic Category"\n---\n\nNot yet.\n`,
  );
}

/** Images the hand-written fixture posts refer to, and the favicon every page links to. */
export async function writeFixtureImages(root: string): Promise<void> {
  await mkdir(path.join(root, 'public'), { recursive: true });
  await copyFile(path.join(import.meta.dirname, '../../public/favicon.svg'), path.join(root, 'public/favicon.svg'));
  await writeTestImage(path.join(root, 'public/hero-alpha.webp'), 1600, 900, 170);
  await writeTestImage(path.join(root, 'public/hero-gamma.webp'), 1600, 900, 280);
  await writeTestImage(path.join(root, 'public/images/inline.webp'), 1000, 600, 30);
  await writeTestImage(path.join(root, 'src/content/blog/beta-post/hero.webp'), 1200, 675, 20);
  // Body images beside a folder post (issue 38): a PNG wider than the largest variant, a JPEG with a space in its name.
  await writeTestImage(path.join(root, 'src/content/blog/toolkit-images/diagram.png'), 1800, 900, 200, 'png');
  await writeTestImage(path.join(root, 'src/content/blog/toolkit-images/img/cost chart.jpg'), 1000, 500, 320, 'jpeg');
  await writeTestImage(path.join(root, 'public/avatars/jonas.webp'), 400, 400, 120);
}

/** The fixture's X accounts; the author's is keyed by another spelling of "Jonas Müller" (same slug). */
export const FIXTURE_X = { site: '@sn_fixture', author: 'Jonas Mueller', authorHandle: '@jonas_fixture' } as const;

/**
 * Names X accounts in the fixture's copy of src/site.config.ts (the shipped
 * settings name none), so its pages carry twitter:site and twitter:creator.
 */
export async function writeFixtureSettings(root: string): Promise<void> {
  const file = path.join(root, 'src/site.config.ts');
  const text = await readFile(file, 'utf8');
  const from = 'twitter: { authors: {} },';
  if (!text.includes(from)) throw new Error(`${file} has no "${from}" to give the fixture its X accounts; update writeFixtureSettings`);
  const to = `twitter: { site: '${FIXTURE_X.site}', authors: { '${FIXTURE_X.author}': '${FIXTURE_X.authorHandle}' } },`;
  await writeFile(file, text.replace(from, to));
}

/** The fixture site's hand-written posts, profiles and category pages (tests/fixtures/site/content/). */
export const FIXTURE_POSTS = path.join(PROJECT_ROOT, 'tests/fixtures/site/content/blog');

/** A project copy holding the fixture's hand-written posts and the images they name: a valid site that owners' edits never change. */
export async function fixtureProjectCopy(name: string): Promise<string> {
  const root = await makeProjectCopy({ contentDir: FIXTURE_POSTS, name });
  await writeFixtureImages(root);
  return root;
}
