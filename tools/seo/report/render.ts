/** The SEO report as one self-contained HTML file. */
import type { SiteConfig } from '#src/site.config.ts';
import type { AuditResult, PostReport } from '#tools/seo/audit/run.ts';
import { chartSpecs } from './chart-data.ts';
import { barChart } from './charts.ts';
import { escapeHtml } from './html.ts';
import { SORT_SCRIPT } from './sort-script.ts';
import { REPORT_CSS } from './style.ts';

export interface ReportOptions {
  site: SiteConfig;
  generated: Date;
}

const plural = (n: number, word: string) => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
const grade = (score: number) => (score >= 85 ? 'good' : score >= 60 ? 'fair' : 'poor');
const anchor = (index: number) => `post-${index + 1}`;
const scoreBadge = (score: number) => `<span class="score ${grade(score)}">${score}</span>`;

function row(post: PostReport, index: number): string {
  const { stats } = post;
  const coverage = stats.keywords === 0 ? 0 : Math.round((stats.keywordsUsed / stats.keywords) * 100);
  const reading = stats.readingStated === null ? `${stats.readingComputed}` : `${stats.readingStated} / ${stats.readingComputed}`;
  const findings = post.findings.length;
  return `<tr>
<td data-sort="${escapeHtml(post.title.toLowerCase())}"><a href="#${anchor(index)}">${escapeHtml(post.title)}</a>${post.published ? '' : ' <span class="meta">(not published)</span>'}<br><span class="file">${escapeHtml(post.file)}</span></td>
<td data-sort="${post.score}">${scoreBadge(post.score)}</td>
<td data-sort="${post.counts.error * 10_000 + post.counts.warning * 100 + post.counts.notice}">${findings === 0 ? '—' : `${post.counts.error} / ${post.counts.warning} / ${post.counts.notice}`}</td>
<td data-sort="${stats.words}">${stats.words.toLocaleString('en')}</td>
<td data-sort="${coverage}">${stats.keywordsUsed} of ${stats.keywords}</td>
<td data-sort="${stats.faqQuestions ?? -1}">${stats.faqQuestions ?? 'none'}</td>
<td data-sort="${post.linksOut}">${post.linksOut}</td>
<td data-sort="${post.linksIn}">${post.linksIn}</td>
<td data-sort="${stats.readingStated ?? stats.readingComputed}">${reading}</td>
<td data-sort="${escapeHtml(stats.pubDate)}">${escapeHtml(stats.pubDate.slice(0, 10))}</td>
</tr>`;
}

function card(post: PostReport, index: number): string {
  const items = post.findings.map(
    (finding) =>
      `<li class="${finding.severity}"><span class="badge ${finding.severity}">${finding.severity}</span><span class="rule">${escapeHtml(finding.rule)}</span> <code>${escapeHtml(`${finding.file}:${finding.line}`)}</code><br>${escapeHtml(finding.message)}<p class="fix">Fix: ${escapeHtml(finding.fix)}</p></li>`,
  );
  return `<article class="card" id="${anchor(index)}" aria-labelledby="${anchor(index)}-title">
<div class="card-head"><h3 id="${anchor(index)}-title">${escapeHtml(post.title)}</h3>${scoreBadge(post.score)}</div>
<p class="meta">${escapeHtml(post.file)} · /blog/${escapeHtml(post.slug)}/ · ${plural(post.stats.words, 'word')} · ${post.stats.faqQuestions === null ? 'no FAQ' : `FAQ with ${plural(post.stats.faqQuestions, 'question')}`}</p>
${items.length === 0 ? '<p class="clean">Nothing to improve.</p>' : `<ol class="findings">\n${items.join('\n')}\n</ol>`}
</article>`;
}

/**
 * The SEO report as one self-contained HTML file: totals, four inline SVG
 * charts, a table of posts by score (sortable with a small inline script,
 * readable without it) and a card per post with its findings. It refers to
 * no other file and no other host, so it opens offline from disk or CI.
 */
export function renderReport(result: AuditResult, options: ReportOptions): string {
  const posts = [...result.posts].sort((a, b) => a.score - b.score || a.file.localeCompare(b.file));
  const count = (severity: string) => result.findings.filter((finding) => finding.severity === severity).length;
  const average = posts.length === 0 ? 0 : Math.round(posts.reduce((sum, post) => sum + post.score, 0) / posts.length);
  const unreadable = result.findings.filter((finding) => finding.rule === 'unreadable');
  const when = options.generated.toISOString().replace('T', ' ').slice(0, 16);
  return `<!DOCTYPE html>
<html lang="${escapeHtml(options.site.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>SEO report: ${escapeHtml(options.site.title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header>
<h1>SEO report</h1>
<p class="meta">${escapeHtml(options.site.title)} · ${plural(posts.length, 'post')} audited · ${escapeHtml(when)} UTC · made by <code>npm run seo</code></p>
<ul class="totals">
<li><strong>${average}</strong> average score</li>
<li><strong>${count('error')}</strong> errors</li>
<li><strong>${count('warning')}</strong> warnings</li>
<li><strong>${count('notice')}</strong> notices</li>
</ul>
</header>
<main>
<h2>At a glance</h2>
<div class="charts">
${chartSpecs(posts, options.site.timeZone).map(barChart).join('\n')}
</div>
<h2 id="posts-heading">Posts</h2>
<p class="hint" hidden>Select a column heading to sort by it; select it again to reverse the order.</p>
<section class="table-wrap" aria-labelledby="posts-heading" tabindex="0">
<table class="posts">
<caption>Worst score first. Findings: errors / warnings / notices. Reading time: stated / computed minutes.</caption>
<thead><tr><th scope="col">Post</th><th scope="col" aria-sort="ascending">Score</th><th scope="col">Findings</th><th scope="col">Words</th><th scope="col">Keywords used</th><th scope="col">FAQ questions</th><th scope="col">Links out</th><th scope="col">Links in</th><th scope="col">Reading (min)</th><th scope="col">Published</th></tr></thead>
<tbody>
${posts.map(row).join('\n')}
</tbody>
</table>
</section>
<h2>Findings by post</h2>
<div class="cards">
${unreadable.length === 0 ? '' : `<article class="card" aria-labelledby="unreadable-title"><h3 id="unreadable-title">Posts not audited</h3><ol class="findings">${unreadable.map((finding) => `<li class="error"><span class="badge error">error</span><code>${escapeHtml(`${finding.file}:${finding.line}`)}</code><br>${escapeHtml(finding.message)}<p class="fix">Fix: ${escapeHtml(finding.fix)}</p></li>`).join('')}</ol></article>`}
${posts.map(card).join('\n')}
</div>
</main>
<script>${SORT_SCRIPT}</script>
</body>
</html>
`;
}
