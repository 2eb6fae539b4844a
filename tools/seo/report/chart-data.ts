/** The figures the SEO report's charts draw, binned from the audit. */
import type { PostReport } from '#tools/seo/audit/run.ts';
import { niceStep, type Bar, type ChartSpec } from './charts.ts';

const plural = (n: number, word: string) => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : Math.round((sorted[middle - 1]! + sorted[middle]!) / 2);
};

/** Posts counted into bins of round width, from 0 to the largest value: at most about 10 bars. */
function histogram(values: number[], format: (from: number, to: number) => string, integerStep = false): Bar[] {
  const max = Math.max(0, ...values);
  const width = integerStep && max < 10 ? 1 : niceStep(max + 1, 10);
  const bins = Math.floor(max / width) + 1;
  const counts = Array.from({ length: bins }, () => 0);
  for (const value of values) counts[Math.floor(value / width)]! += 1;
  return counts.map((count, index) => {
    const label = format(index * width, (index + 1) * width - 1);
    return { label, value: count, tooltip: `${label}: ${plural(count, 'post')}` };
  });
}

/** The month of a date in the site's time zone, "2026-03". */
const monthOf = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).format(new Date(iso)).slice(0, 7);

function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  let [year, month] = first.split('-').map(Number) as [number, number];
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    months.push(key);
    if (key >= last) return months;
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
}

/** The four charts of the report: words, keyword coverage, posts per month, inbound links. */
export function chartSpecs(posts: readonly PostReport[], timeZone: string): ChartSpec[] {
  const words = posts.map((post) => post.stats.words);
  const coverage = posts.map((post) => (post.stats.keywords === 0 ? 0 : Math.round((post.stats.keywordsUsed / post.stats.keywords) * 100)));
  const inbound = posts.map((post) => post.linksIn);
  const byMonth = Map.groupBy(posts, (post) => monthOf(post.stats.pubDate, timeZone));
  const months = byMonth.size === 0 ? [] : monthsBetween([...byMonth.keys()].sort()[0]!, [...byMonth.keys()].sort().at(-1)!);
  const busiest = months.reduce(
    (best, month) => ((byMonth.get(month)?.length ?? 0) > (byMonth.get(best)?.length ?? 0) ? month : best),
    months[0] ?? '',
  );
  return [
    {
      id: 'chart-words',
      title: 'Words per post',
      summary: `${plural(posts.length, 'post')}; median ${median(words).toLocaleString('en')} words, longest ${Math.max(0, ...words).toLocaleString('en')}.`,
      unit: 'posts',
      bars: histogram(words, (from, to) => `${from.toLocaleString('en')}–${to.toLocaleString('en')}`),
    },
    {
      id: 'chart-coverage',
      title: 'Keyword coverage (keywords used in the text)',
      summary: `Median coverage ${median(coverage)}%; ${plural(coverage.filter((share) => share === 100).length, 'post')} use every keyword.`,
      unit: 'posts',
      bars: Array.from({ length: 11 }, (_, index) => {
        const count = coverage.filter((share) => Math.min(10, Math.floor(share / 10)) === index).length;
        const label = index === 10 ? '100%' : `${index * 10}%`;
        const range = index === 10 ? '100%' : `${index * 10}–${index * 10 + 9}%`;
        return { label, value: count, tooltip: `${range} of keywords used: ${plural(count, 'post')}` };
      }),
    },
    {
      id: 'chart-months',
      title: 'Posts per month',
      summary:
        months.length === 0
          ? 'No posts.'
          : `${months[0]} to ${months.at(-1)}; the busiest month, ${busiest}, has ${plural(byMonth.get(busiest)?.length ?? 0, 'post')}.`,
      unit: 'posts',
      bars: months.map((month) => {
        const count = byMonth.get(month)?.length ?? 0;
        return { label: month, value: count, tooltip: `${month}: ${plural(count, 'post')}` };
      }),
    },
    {
      id: 'chart-inbound',
      title: 'Links in from other posts',
      summary: `${plural(inbound.filter((count) => count === 0).length, 'post')} with no link in (orphans); median ${median(inbound)} links in.`,
      unit: 'posts',
      bars: histogram(inbound, (from, to) => (from === to ? `${from}` : `${from}–${to}`), true),
    },
  ];
}
