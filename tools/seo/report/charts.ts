/** Bar charts as inline SVG, drawn when the report is written. */
import { escapeHtml } from './html.ts';

/** One bar: its label under the axis, its height, and the tooltip a pointer shows. */
export interface Bar {
  label: string;
  value: number;
  tooltip: string;
}

export interface ChartSpec {
  id: string;
  title: string;
  /** One sentence a screen reader reads for the whole chart. */
  summary: string;
  /** What a bar counts ("posts"). */
  unit: string;
  bars: Bar[];
}

const WIDTH = 480;
const HEIGHT = 240;
const PAD = { top: 16, right: 12, bottom: 40, left: 40 };

/** A round step for axis ticks: 1, 2 or 5 times a power of ten. */
export function niceStep(range: number, steps: number): number {
  const raw = Math.max(range / steps, 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((step) => step >= raw)!;
}

/**
 * A bar chart as inline SVG, drawn when the report is written: no script, no
 * library, no request. Colours come from the page's CSS, so it follows the
 * light and dark schemes; every bar carries a tooltip.
 */
export function barChart(spec: ChartSpec): string {
  const max = Math.max(1, ...spec.bars.map((bar) => bar.value));
  const step = niceStep(max, 4);
  const top = Math.ceil(max / step) * step;
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotWidth / Math.max(1, spec.bars.length);
  const gap = Math.min(6, slot * 0.2);
  const y = (value: number) => PAD.top + plotHeight - (value / top) * plotHeight;
  const ticks: string[] = [];
  for (let value = 0; value <= top; value += step) {
    ticks.push(
      `<line class="grid" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y(value).toFixed(1)}" y2="${y(value).toFixed(1)}"/>` +
        `<text class="tick" x="${PAD.left - 6}" y="${(y(value) + 4).toFixed(1)}" text-anchor="end">${value}</text>`,
    );
  }
  // At most about 8 labels under the axis; the tooltip names every bar.
  const labelEvery = Math.ceil(spec.bars.length / 8);
  const bars = spec.bars.map((bar, index) => {
    const x = PAD.left + index * slot + gap / 2;
    const barTop = y(bar.value);
    const label =
      index % labelEvery === 0
        ? `<text class="label" x="${(x + (slot - gap) / 2).toFixed(1)}" y="${HEIGHT - PAD.bottom + 16}" text-anchor="middle">${escapeHtml(bar.label)}</text>`
        : '';
    return (
      `<rect class="bar" x="${x.toFixed(1)}" y="${barTop.toFixed(1)}" width="${Math.max(1, slot - gap).toFixed(1)}" height="${(PAD.top + plotHeight - barTop).toFixed(1)}">` +
      `<title>${escapeHtml(bar.tooltip)}</title></rect>${label}`
    );
  });
  return `<figure class="chart">
<figcaption id="${spec.id}-caption"><strong>${escapeHtml(spec.title)}</strong><br><span class="chart-summary">${escapeHtml(spec.summary)}</span></figcaption>
<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="${spec.id}-title" aria-describedby="${spec.id}-caption"><title id="${spec.id}-title">${escapeHtml(spec.title)}</title>
${ticks.join('')}
<line class="axis" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${PAD.top + plotHeight}" y2="${PAD.top + plotHeight}"/>
${bars.join('\n')}
<text class="unit" x="${PAD.left}" y="${PAD.top - 4}">${escapeHtml(spec.unit)}</text>
</svg>
</figure>`;
}
