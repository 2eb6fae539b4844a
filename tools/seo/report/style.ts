/** The report's stylesheet: system fonts, a light and a dark palette (both WCAG AA), nothing fetched. */
export const REPORT_CSS = `
:root { color-scheme: light dark; --bg: #f7f6f2; --panel: #ffffff; --text: #1c1d21; --muted: #555a63; --line: #d9d6cf;
  --accent: #1f5fa6; --bar: #2f6fb0; --grid: #e6e3dc; --error: #a4161a; --error-bg: #fde8e8; --warning: #7a4b00; --warning-bg: #fff1d1;
  --notice: #3d4754; --notice-bg: #e9edf2; --good: #1d6b3a; --good-bg: #e3f4e8; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #131519; --panel: #1c1f25; --text: #e9e7e3; --muted: #a9adb5; --line: #363a42; --accent: #8ab8ee; --bar: #6ea6e6;
    --grid: #2c3038; --error: #ffb4ae; --error-bg: #3b1618; --warning: #f6cf7d; --warning-bg: #33270f; --notice: #c9d1dc;
    --notice-bg: #262b33; --good: #9be0b1; --good-bg: #15311f; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
header, main { max-width: 1180px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 28px; }
h1 { font-size: 1.8rem; margin: 0 0 4px; letter-spacing: -0.01em; }
h2 { font-size: 1.25rem; margin: 32px 0 12px; }
h3 { font-size: 1.05rem; margin: 0; }
a { color: var(--accent); }
.meta, .chart-summary, .hint, .file { color: var(--muted); }
.totals { display: flex; flex-wrap: wrap; gap: 10px; list-style: none; padding: 0; margin: 16px 0 0; }
.totals li { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 10px 16px; min-width: 120px; }
.totals strong { display: block; font-size: 1.5rem; line-height: 1.2; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 16px; }
.chart { margin: 0; background: var(--panel); border: 1px solid var(--line); border-radius: 12px; padding: 14px 14px 6px; }
.chart svg { width: 100%; height: auto; display: block; margin-top: 8px; }
.chart .bar { fill: var(--bar); }
.chart .bar:hover { fill: var(--accent); }
.chart .grid { stroke: var(--grid); stroke-width: 1; }
.chart .axis { stroke: var(--muted); stroke-width: 1; }
.chart text { fill: var(--muted); font-size: 11px; }
.table-wrap { overflow-x: auto; background: var(--panel); border: 1px solid var(--line); border-radius: 12px; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
caption { text-align: left; padding: 12px 14px 4px; color: var(--muted); }
th, td { padding: 8px 12px; border-bottom: 1px solid var(--line); text-align: right; vertical-align: top; }
th:first-child, td:first-child { text-align: left; }
thead th { font-size: 0.85rem; white-space: nowrap; }
th button { font: inherit; font-weight: 700; color: inherit; background: none; border: 0; padding: 0; cursor: pointer; }
th button::after { content: " \\2195" / ""; color: var(--muted); }
th[aria-sort="ascending"] button::after { content: " \\2191" / ""; color: var(--text); }
th[aria-sort="descending"] button::after { content: " \\2193" / ""; color: var(--text); }
th button:focus-visible, a:focus-visible, .table-wrap:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
tbody tr:last-child td { border-bottom: 0; }
.score { display: inline-block; min-width: 2.6em; text-align: center; border-radius: 999px; padding: 1px 8px; font-weight: 700; }
.score.good { background: var(--good-bg); color: var(--good); }
.score.fair { background: var(--warning-bg); color: var(--warning); }
.score.poor { background: var(--error-bg); color: var(--error); }
.cards { display: grid; gap: 14px; margin-bottom: 48px; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 12px; padding: 16px 18px; }
.card-head { display: flex; justify-content: space-between; gap: 12px; align-items: baseline; }
.card .meta { margin: 4px 0 10px; font-size: 0.9rem; }
.findings { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
.findings li { border-left: 4px solid var(--line); padding: 4px 0 4px 12px; }
.findings li.error { border-color: var(--error); }
.findings li.warning { border-color: var(--warning); }
.findings li.notice { border-color: var(--notice); }
.badge { display: inline-block; font-size: 0.75rem; font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em; border-radius: 4px; padding: 0 6px; margin-right: 6px; }
.badge.error { background: var(--error-bg); color: var(--error); }
.badge.warning { background: var(--warning-bg); color: var(--warning); }
.badge.notice { background: var(--notice-bg); color: var(--notice); }
.rule { font-weight: 700; }
.fix { margin: 2px 0 0; color: var(--muted); font-size: 0.92rem; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.88em; }
.clean { color: var(--good); margin: 0; }
`;
