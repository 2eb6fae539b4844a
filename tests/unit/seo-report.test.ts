import { readFileSync } from 'node:fs';
import path from 'node:path';
import { HtmlValidate } from 'html-validate';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderReport } from '#tools/seo/report/render.ts';
import { SITE } from '#src/site.config.ts';
import { PROJECT_ROOT } from '../helpers/project-copy.ts';
import { auditFixture } from '../helpers/seo-fixture.ts';

/** seo-report.html over the seeded fixture: valid HTML, self-contained, every post and finding in it. */
let html: string;
beforeAll(async () => {
  html = renderReport(await auditFixture(), { site: SITE, generated: new Date('2026-12-01T09:00:00Z') });
});

describe('seo-report.html', () => {
  it('is valid HTML (html-validate with .htmlvalidate.json)', async () => {
    const validator = new HtmlValidate(JSON.parse(readFileSync(path.join(PROJECT_ROOT, '.htmlvalidate.json'), 'utf8')) as object);
    const report = await validator.validateString(html, 'seo-report.html');
    const messages = report.results.flatMap((result) => result.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`));
    expect(messages).toEqual([]);
  });

  it('names no other file and no other host: no URL, no stylesheet or script file, nothing to fetch', () => {
    expect(html).not.toMatch(/[a-z][a-z0-9+.-]*:\/\//i);
    expect(html).not.toMatch(/\burl\(|@import|<link\b|<img\b|<iframe\b|\ssrc=/i);
    const { document } = parseHTML(html);
    const hrefs = [...document.querySelectorAll('[href]')].map((element) => element.getAttribute('href')!);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^#/);
  });

  it('has a row and a card for every audited post, each finding in its card, and the four charts', () => {
    const { document } = parseHTML(html);
    const rows = document.querySelectorAll('table.posts tbody tr');
    expect(rows.length).toBe(8);
    // Worst score first without the script.
    const scores = [...rows].map((row) => Number(row.querySelectorAll('td')[1]!.getAttribute('data-sort')));
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    const fields = [...document.querySelectorAll('.card')].find((card) => card.textContent.includes('blog/flawed-fields.md'))!;
    expect(fields.querySelectorAll('.findings li').length).toBe(13);
    expect(fields.textContent).toContain('blog/flawed-fields.md:4');
    expect(fields.textContent).toContain('Fix: shorten the slug');
    expect(document.body.textContent).toContain('blog/unreadable.md:1');
    const charts = [...document.querySelectorAll('figure.chart svg[role="img"]')];
    expect(charts.map((svg) => svg.querySelector('title')!.textContent)).toEqual([
      'Words per post',
      'Keyword coverage (keywords used in the text)',
      'Posts per month',
      'Links in from other posts',
    ]);
    // Posts per month: January to July 2026, one bar a month.
    expect(charts[2]!.querySelectorAll('rect.bar').length).toBe(7);
    expect([...charts[3]!.querySelectorAll('rect.bar title')].map((title) => title.textContent)[0]).toBe('0: 1 post');
  });
});
