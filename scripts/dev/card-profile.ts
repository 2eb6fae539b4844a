/**
 * `node scripts/dev/card-profile.ts [cards]` (default 30)
 *
 * Where drawing a social card spends its CPU time, one card at a time, over cards like the
 * sample site's (its heroes in public/, its posts' titles and categories): laying the text out as
 * SVG paths, rasterising that SVG, decoding and cropping the hero (`position: 'attention'`),
 * compositing, and JPEG encoding; then the whole of `renderSocialCard` for comparison, alone and
 * as one batch that crops each of the heroes once (the sample site has fewer heroes than cards). CPU time
 * (process.cpuUsage, all of libvips' threads included) rather than wall time, so a busy machine
 * changes the figures less.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import yaml from 'js-yaml';
import sharp from 'sharp';
import { heroPipeline } from '#src/lib/seo/card-backdrop.ts';
import { CARD_HEIGHT, CARD_JPEG, CARD_WIDTH, cardBackdrops, overlaySvg, renderSocialCard, type CardJob } from '#src/lib/seo/social-card.ts';
import { SITE } from '#src/site.config.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const count = Number(process.argv[2] ?? 30);
if (!Number.isInteger(count) || count < 1) throw new Error(`the number of cards must be a whole number, not "${process.argv[2]}"`);

const heroes = readdirSync(path.join(ROOT, 'public'))
  .filter((name) => name.endsWith('.webp'))
  .map((name) => path.join(ROOT, 'public', name));
const posts = readdirSync(path.join(ROOT, 'src/content/blog'), { recursive: true, encoding: 'utf8' })
  .filter((file) => /\.mdx?$/.test(file))
  .map((file) => {
    const text = readFileSync(path.join(ROOT, 'src/content/blog', file), 'utf8');
    return yaml.load(/^---\n([\s\S]*?)\n---/.exec(text)![1]!) as { title: string; category: string };
  });
const jobs: CardJob[] = Array.from({ length: count }, (_, i) => ({
  title: posts[i % posts.length]!.title,
  kicker: posts[i % posts.length]!.category,
  heroFile: heroes[i % heroes.length],
  siteName: SITE.title,
}));

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const spent = { textLayout: 0, rasterise: 0, heroCrop: 0, composite: 0, jpeg: 0, wholeCard: 0, cardOfABatch: 0 };
const time = async <T>(stage: keyof typeof spent, work: () => Promise<T>): Promise<T> => {
  const start = cpuMs();
  const result = await work();
  spent[stage] += cpuMs() - start;
  return result;
};

await renderSocialCard(jobs[0]!); // loads the fonts
for (const job of jobs) {
  const svg = await time('textLayout', () => overlaySvg(job, true));
  const overlay = await time('rasterise', () => sharp(Buffer.from(svg)).raw().toBuffer({ resolveWithObject: true }));
  const hero = await time('heroCrop', () =>
    heroPipeline(job.heroFile!, CARD_WIDTH, CARD_HEIGHT).raw().toBuffer({ resolveWithObject: true }),
  );
  const composed = await time('composite', () =>
    sharp(hero.data, { raw: hero.info })
      .composite([{ input: overlay.data, raw: overlay.info }])
      .flatten({ background: '#14233a' })
      .raw()
      .toBuffer({ resolveWithObject: true }),
  );
  await time('jpeg', () => sharp(composed.data, { raw: composed.info }).jpeg(CARD_JPEG).toBuffer());
  await time('wholeCard', () => renderSocialCard(job));
}
// As the build draws them: one batch, each hero cropped once for all the cards that show it.
const backdrops = cardBackdrops();
for (const job of jobs) await time('cardOfABatch', () => renderSocialCard(job, backdrops));
const perCard = Object.fromEntries(Object.entries(spent).map(([stage, ms]) => [stage, Math.round((ms / count) * 10) / 10]));
console.log(JSON.stringify({ cards: count, cpuMsPerCard: perCard, loadAverage: Math.round(loadavg()[0]! * 10) / 10 }, null, 2));
