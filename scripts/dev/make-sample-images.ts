/**
 * Generates the sample blog images (hero images and inline body images).
 *
 * Every image is drawn as an SVG string — gradients, geometric shapes and a
 * little texture, never any text — and encoded to WebP with sharp. A seeded
 * PRNG (keyed by the output path) makes the output identical on every run.
 *
 * Run from the project root:
 *   ./node_modules/.bin/node scripts/dev/make-sample-images.ts
 *
 * Only erasable TypeScript syntax is used so the pinned Node 24 can strip the types.
 */
import sharp from 'sharp';
import { mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32, type Rng } from './bench/photo.ts';

const ROOT: string = fileURLToPath(new URL('../..', import.meta.url));

const HERO_W = 1600;
const HERO_H = 900;
const BODY_W = 1200;
const BODY_H = 675;
const QUALITY = 70;

interface ImageSpec {
  /** Output path relative to the project root. */
  file: string;
  width: number;
  height: number;
  draw: (w: number, h: number, rnd: Rng) => string;
}

// ---------------------------------------------------------------------------
// Small deterministic helpers
// ---------------------------------------------------------------------------

/** FNV-1a hash of a string, used to seed the PRNG per image. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function between(rnd: Rng, min: number, max: number): number {
  return min + (max - min) * rnd();
}

/** Array access that fails loudly instead of yielding undefined. */
function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new RangeError(`index ${index} out of range (length ${items.length})`);
  return item;
}

function pick<T>(rnd: Rng, items: readonly T[]): T {
  return at(items, Math.floor(rnd() * items.length));
}

/** Format a number for SVG output (keeps the markup short and stable). */
function n(v: number): string {
  return (Math.round(v * 10) / 10).toString();
}

function hexToRgb(hex: string): [number, number, number] {
  const v = parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

function mix(a: string, b: string, t: number): string {
  const ca = hexToRgb(a);
  const cb = hexToRgb(b);
  const c = ca.map((x, i) => Math.round(x + (at(cb, i) - x) * t));
  return '#' + c.map((x) => x.toString(16).padStart(2, '0')).join('');
}

/** Sample a multi-stop palette at t in [0, 1]. */
function ramp(stops: readonly string[], t: number): string {
  const clamped = Math.min(1, Math.max(0, t));
  const scaled = clamped * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(scaled));
  return mix(at(stops, i), at(stops, i + 1), scaled - i);
}

// ---------------------------------------------------------------------------
// Shared SVG building blocks
// ---------------------------------------------------------------------------

function svgDoc(w: number, h: number, defs: string, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">` + `<defs>${defs}</defs>${body}</svg>`
  );
}

function linearBg(id: string, from: string, to: string, angle: 'diag' | 'vertical' | 'horizontal'): string {
  const coords =
    angle === 'diag' ? 'x1="0" y1="0" x2="1" y2="1"' : angle === 'vertical' ? 'x1="0" y1="0" x2="0" y2="1"' : 'x1="0" y1="0" x2="1" y2="0"';
  return `<linearGradient id="${id}" ${coords}><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient>`;
}

function radialGlowDef(id: string, color: string, opacity: number): string {
  return (
    `<radialGradient id="${id}">` +
    `<stop offset="0" stop-color="${color}" stop-opacity="${opacity}"/>` +
    `<stop offset="1" stop-color="${color}" stop-opacity="0"/>` +
    `</radialGradient>`
  );
}

function glow(id: string, cx: number, cy: number, r: number): string {
  return `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(r)}" fill="url(#${id})"/>`;
}

/** Soft film-grain texture; kept faint so WebP stays small. */
function grainDef(seed: number): string {
  return (
    `<filter id="grain" x="0" y="0" width="100%" height="100%">` +
    `<feTurbulence type="fractalNoise" baseFrequency="0.75" numOctaves="2" seed="${seed % 1000}" stitchTiles="stitch"/>` +
    `<feColorMatrix type="saturate" values="0"/>` +
    `</filter>`
  );
}

function grain(w: number, h: number, opacity: number): string {
  return `<rect width="${w}" height="${h}" filter="url(#grain)" opacity="${opacity}"/>`;
}

/** Regular dot grid as a pattern fill. */
function dotGridDef(id: string, spacing: number, radius: number, color: string, opacity: number): string {
  const c = spacing / 2;
  return (
    `<pattern id="${id}" width="${spacing}" height="${spacing}" patternUnits="userSpaceOnUse">` +
    `<circle cx="${c}" cy="${c}" r="${radius}" fill="${color}" fill-opacity="${opacity}"/>` +
    `</pattern>`
  );
}

function polygonPoints(points: Array<[number, number]>): string {
  return points.map(([x, y]) => `${n(x)},${n(y)}`).join(' ');
}

/** Smooth path through points using Catmull-Rom converted to cubic Béziers. */
function smoothPath(points: Array<[number, number]>): string {
  const first = at(points, 0);
  let d = `M${n(first[0])},${n(first[1])}`;
  for (let i = 0; i < points.length - 1; i++) {
    const p0 = at(points, Math.max(0, i - 1));
    const p1 = at(points, i);
    const p2 = at(points, i + 1);
    const p3 = at(points, Math.min(points.length - 1, i + 2));
    const c1x = p1[0] + (p2[0] - p0[0]) / 6;
    const c1y = p1[1] + (p2[1] - p0[1]) / 6;
    const c2x = p2[0] - (p3[0] - p1[0]) / 6;
    const c2y = p2[1] - (p3[1] - p1[1]) / 6;
    d += ` C${n(c1x)},${n(c1y)} ${n(c2x)},${n(c2y)} ${n(p2[0])},${n(p2[1])}`;
  }
  return d;
}

// ---------------------------------------------------------------------------
// Hero compositions
// ---------------------------------------------------------------------------

/** AI / edge inference: a layered neural network beside a tilted phone. */
function drawEdgeInference(w: number, h: number, rnd: Rng): string {
  const defs =
    linearBg('bg', '#0b1026', '#2b1458', 'diag') +
    radialGlowDef('g1', '#7c5cff', 0.55) +
    radialGlowDef('g2', '#00d4ff', 0.28) +
    radialGlowDef('node', '#b9a6ff', 0.9) +
    dotGridDef('dots', 28, 1.2, '#ffffff', 0.08) +
    grainDef(hashString('edge'));
  let body = `<rect width="${w}" height="${h}" fill="url(#bg)"/>`;
  body += `<rect width="${w}" height="${h}" fill="url(#dots)"/>`;
  body += glow('g1', 1180, 330, 620) + glow('g2', 260, 820, 520);

  const counts = [4, 6, 7, 6, 3];
  const layers: Array<Array<[number, number]>> = counts.map((count, li) => {
    const x = 170 + li * 210;
    const gap = 92;
    const top = h / 2 - ((count - 1) * gap) / 2 + between(rnd, -20, 20);
    return Array.from({ length: count }, (_, i) => [x, top + i * gap] as [number, number]);
  });
  let lines = '';
  for (let li = 0; li < layers.length - 1; li++) {
    for (const a of at(layers, li)) {
      for (const b of at(layers, li + 1)) {
        const hot = rnd() < 0.14;
        lines += `<line x1="${n(a[0])}" y1="${n(a[1])}" x2="${n(b[0])}" y2="${n(b[1])}" stroke="${hot ? '#7ee8ff' : '#a99cff'}" stroke-width="${hot ? 2.2 : 1}" stroke-opacity="${hot ? 0.75 : 0.16}"/>`;
      }
    }
  }
  body += lines;
  for (const layer of layers) {
    for (const [x, y] of layer) {
      body += `<circle cx="${n(x)}" cy="${n(y)}" r="26" fill="url(#node)" opacity="0.35"/>`;
      body += `<circle cx="${n(x)}" cy="${n(y)}" r="10" fill="#e9e3ff" stroke="#7c5cff" stroke-width="3"/>`;
    }
  }

  // Phone outline with a "chip" and a small power meter.
  const px = 1130;
  const py = 165;
  const pw = 310;
  const ph = 580;
  let phone = `<rect x="${px}" y="${py}" width="${pw}" height="${ph}" rx="46" fill="#ffffff" fill-opacity="0.05" stroke="#cbbcff" stroke-opacity="0.75" stroke-width="4"/>`;
  phone += `<rect x="${px + 120}" y="${py + 22}" width="70" height="10" rx="5" fill="#cbbcff" fill-opacity="0.5"/>`;
  const cx = px + pw / 2;
  const cy = py + 230;
  phone += `<rect x="${cx - 60}" y="${cy - 60}" width="120" height="120" rx="14" fill="#7c5cff" fill-opacity="0.35" stroke="#e9e3ff" stroke-width="3"/>`;
  for (let i = 0; i < 5; i++) {
    const o = -48 + i * 24;
    phone += `<line x1="${cx + o}" y1="${cy - 60}" x2="${cx + o}" y2="${cy - 84}" stroke="#e9e3ff" stroke-width="3" stroke-opacity="0.7"/>`;
    phone += `<line x1="${cx + o}" y1="${cy + 60}" x2="${cx + o}" y2="${cy + 84}" stroke="#e9e3ff" stroke-width="3" stroke-opacity="0.7"/>`;
    phone += `<line x1="${cx - 60}" y1="${cy + o}" x2="${cx - 84}" y2="${cy + o}" stroke="#e9e3ff" stroke-width="3" stroke-opacity="0.7"/>`;
    phone += `<line x1="${cx + 60}" y1="${cy + o}" x2="${cx + 84}" y2="${cy + o}" stroke="#e9e3ff" stroke-width="3" stroke-opacity="0.7"/>`;
  }
  for (let i = 0; i < 6; i++) {
    const bh = between(rnd, 30, 150);
    const bx = px + 50 + i * 36;
    phone += `<rect x="${bx}" y="${py + ph - 60 - bh}" width="24" height="${n(bh)}" rx="6" fill="${ramp(['#00d4ff', '#7c5cff', '#ff6bd6'], i / 5)}" fill-opacity="0.85"/>`;
  }
  body += `<g transform="rotate(-8 ${px + pw / 2} ${py + ph / 2})">${phone}</g>`;
  body += grain(w, h, 0.05);
  return svgDoc(w, h, defs, body);
}

/** Web dev / responsive images: nested 16:9 frames like a srcset ladder. */
function drawResponsiveFrames(w: number, h: number, rnd: Rng): string {
  const defs =
    linearBg('bg', '#0c2a2e', '#0f5257', 'diag') +
    radialGlowDef('g1', '#ffb35c', 0.45) +
    radialGlowDef('g2', '#3ee6c1', 0.25) +
    dotGridDef('dots', 32, 1.5, '#bff5ea', 0.12) +
    linearBg('sky', '#ffcf8a', '#ff7a6b', 'vertical') +
    grainDef(hashString('frames'));
  let body = `<rect width="${w}" height="${h}" fill="url(#bg)"/><rect width="${w}" height="${h}" fill="url(#dots)"/>`;
  body += glow('g1', 1250, 220, 560) + glow('g2', 200, 760, 480);

  const scales = [1, 0.8, 0.62, 0.46, 0.32, 0.2];
  const baseW = 1080;
  const baseH = (baseW * 9) / 16;
  const ox = 260;
  const oy = 130;
  scales.forEach((s, i) => {
    const fw = baseW * s;
    const fh = baseH * s;
    const x = ox + i * 18;
    const y = oy + baseH - fh - i * 10;
    const color = ramp(['#ffb35c', '#ff6b6b', '#ff8fd1'], i / (scales.length - 1));
    body += `<rect x="${n(x)}" y="${n(y)}" width="${n(fw)}" height="${n(fh)}" rx="${n(10 + 8 * s)}" fill="${color}" fill-opacity="${n(0.05 + i * 0.02)}" stroke="${color}" stroke-width="3" stroke-opacity="0.85"/>`;
  });
  // A tiny abstract "photo" (sun + mountains) in the smallest frame.
  const s = at(scales, scales.length - 1);
  const fx = ox + (scales.length - 1) * 18;
  const fy = oy + baseH - baseH * s - (scales.length - 1) * 10;
  const fw = baseW * s;
  const fh = baseH * s;
  body += `<clipPath id="clip"><rect x="${n(fx)}" y="${n(fy)}" width="${n(fw)}" height="${n(fh)}" rx="14"/></clipPath>`;
  body += `<g clip-path="url(#clip)"><rect x="${n(fx)}" y="${n(fy)}" width="${n(fw)}" height="${n(fh)}" fill="url(#sky)"/>`;
  body += `<circle cx="${n(fx + fw * 0.7)}" cy="${n(fy + fh * 0.38)}" r="${n(fh * 0.16)}" fill="#fff4d6"/>`;
  body += `<polygon points="${polygonPoints([
    [fx, fy + fh],
    [fx + fw * 0.3, fy + fh * 0.45],
    [fx + fw * 0.52, fy + fh * 0.75],
    [fx + fw * 0.72, fy + fh * 0.55],
    [fx + fw, fy + fh],
  ])}" fill="#0c2a2e" fill-opacity="0.85"/></g>`;
  // Scattered "pixels" drifting off the frames.
  for (let i = 0; i < 36; i++) {
    const size = between(rnd, 6, 22);
    body += `<rect x="${n(between(rnd, 1200, 1540))}" y="${n(between(rnd, 380, 860))}" width="${n(size)}" height="${n(size)}" rx="3" fill="${pick(rnd, ['#ffb35c', '#ff6b6b', '#3ee6c1', '#bff5ea'])}" fill-opacity="${n(between(rnd, 0.3, 0.85))}"/>`;
  }
  body += grain(w, h, 0.05);
  return svgDoc(w, h, defs, body);
}

/** Web dev / performance budget: a network waterfall against a budget line. */
function drawWaterfall(w: number, h: number, rnd: Rng): string {
  const defs =
    linearBg('bg', '#0f172a', '#231c55', 'diag') +
    radialGlowDef('g1', '#38bdf8', 0.3) +
    radialGlowDef('g2', '#f472b6', 0.3) +
    grainDef(hashString('waterfall'));
  let body = `<rect width="${w}" height="${h}" fill="url(#bg)"/>`;
  body += glow('g1', 300, 200, 560) + glow('g2', 1350, 780, 560);
  for (let x = 120; x < w; x += 80) {
    body += `<line x1="${x}" y1="70" x2="${x}" y2="${h - 70}" stroke="#94a3b8" stroke-opacity="0.08" stroke-width="1"/>`;
  }
  const palette = ['#38bdf8', '#a78bfa', '#f472b6', '#fbbf24', '#34d399'];
  let start = 130;
  const rows = 17;
  const rowH = (h - 180) / rows;
  for (let i = 0; i < rows; i++) {
    const y = 100 + i * rowH;
    const wait = between(rnd, 20, 90);
    const len = between(rnd, 90, 420);
    const color = pick(rnd, palette);
    body += `<rect x="${n(start)}" y="${n(y)}" width="${n(wait)}" height="${n(rowH * 0.55)}" rx="7" fill="${color}" fill-opacity="0.3"/>`;
    body += `<rect x="${n(start + wait)}" y="${n(y)}" width="${n(len)}" height="${n(rowH * 0.55)}" rx="7" fill="${color}" fill-opacity="0.9"/>`;
    start += between(rnd, 20, 75);
  }
  const budgetX = 1180;
  body += `<line x1="${budgetX}" y1="60" x2="${budgetX}" y2="${h - 60}" stroke="#f87171" stroke-width="4" stroke-dasharray="16 12"/>`;
  body += `<rect x="${budgetX}" y="60" width="${w - budgetX}" height="${h - 120}" fill="#f87171" fill-opacity="0.07"/>`;
  body += grain(w, h, 0.05);
  return svgDoc(w, h, defs, body);
}

/** Finance / stablecoins: a chain of hexagon blocks with coin rings. */
function drawHexChain(w: number, h: number, rnd: Rng): string {
  const defs =
    linearBg('bg', '#04231f', '#0d4634', 'diag') +
    linearBg('gold', '#ffd977', '#e38b29', 'diag') +
    radialGlowDef('g1', '#ffd166', 0.35) +
    radialGlowDef('g2', '#2dd4bf', 0.25) +
    dotGridDef('dots', 26, 1.1, '#d1fae5', 0.1) +
    grainDef(hashString('hexchain'));
  let body = `<rect width="${w}" height="${h}" fill="url(#bg)"/><rect width="${w}" height="${h}" fill="url(#dots)"/>`;
  body += glow('g1', 820, 450, 650) + glow('g2', 1450, 120, 420);
  const centers: Array<[number, number]> = [];
  for (let i = 0; i < 8; i++) {
    const x = 110 + i * 200;
    const y = 450 + Math.sin(i * 0.9) * 150;
    centers.push([x, y]);
  }
  body += `<path d="${smoothPath(centers)}" fill="none" stroke="#ffd977" stroke-opacity="0.45" stroke-width="5"/>`;
  centers.forEach(([x, y], i) => {
    const r = 70 + (i % 3) * 8;
    const pts: Array<[number, number]> = [];
    for (let k = 0; k < 6; k++) {
      const a = (Math.PI / 3) * k + Math.PI / 6;
      pts.push([x + r * Math.cos(a), y + r * Math.sin(a)]);
    }
    body += `<polygon points="${polygonPoints(pts)}" fill="url(#gold)" fill-opacity="${n(0.35 + (i % 4) * 0.15)}" stroke="#fff1c2" stroke-width="3" stroke-opacity="0.8"/>`;
    const inner = pts.map(([px, py]) => [x + (px - x) * 0.55, y + (py - y) * 0.55] as [number, number]);
    body += `<polygon points="${polygonPoints(inner)}" fill="none" stroke="#04231f" stroke-opacity="0.5" stroke-width="3"/>`;
  });
  for (let i = 0; i < 14; i++) {
    const cx = between(rnd, 60, w - 60);
    const cy = pick(rnd, [between(rnd, 60, 220), between(rnd, 700, 860)]);
    const r = between(rnd, 16, 46);
    body += `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(r)}" fill="none" stroke="#ffd977" stroke-opacity="${n(between(rnd, 0.25, 0.7))}" stroke-width="3"/>`;
    body += `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(r * 0.62)}" fill="#ffd977" fill-opacity="${n(between(rnd, 0.1, 0.35))}"/>`;
  }
  body += grain(w, h, 0.05);
  return svgDoc(w, h, defs, body);
}

/** AI / quantization: a smooth field broken into coarser and coarser steps. */
function drawQuantMosaic(w: number, h: number, rnd: Rng): string {
  const defs = linearBg('bg', '#12061f', '#1e0b36', 'diag') + grainDef(hashString('quant'));
  let body = `<rect width="${w}" height="${h}" fill="url(#bg)"/>`;
  const palette = ['#12061f', '#4a1172', '#ff3d9a', '#ffa46b', '#35e0ff'];
  const phase = between(rnd, 0, Math.PI * 2);
  const field = (x: number, y: number): number =>
    0.5 +
    0.25 * Math.sin(x / 210 + phase) * Math.cos(y / 170) +
    0.2 * Math.sin((x + y) / 330 + phase * 0.5) +
    0.05 * Math.cos(x / 60 - y / 90);
  // Three zones, left to right: fine cells/many levels -> coarse cells/few levels.
  const zones: Array<{ x0: number; x1: number; cell: number; levels: number }> = [
    { x0: 0, x1: 560, cell: 25, levels: 16 },
    { x0: 560, x1: 1100, cell: 50, levels: 6 },
    { x0: 1100, x1: 1600, cell: 100, levels: 3 },
  ];
  for (const z of zones) {
    for (let x = z.x0; x < z.x1; x += z.cell) {
      for (let y = 0; y < h; y += z.cell) {
        const v = field(x + z.cell / 2, y + z.cell / 2);
        const q = Math.round(Math.min(1, Math.max(0, v)) * (z.levels - 1)) / (z.levels - 1);
        const gap = z.cell > 30 ? 3 : 1.5;
        body += `<rect x="${x + gap}" y="${y + gap}" width="${z.cell - gap * 2}" height="${z.cell - gap * 2}" rx="${z.cell / 10}" fill="${ramp(palette, q)}"/>`;
      }
    }
  }
  // Zone dividers and a floating sine "signal" over the mosaic.
  for (const z of zones.slice(1)) {
    body += `<line x1="${z.x0}" y1="0" x2="${z.x0}" y2="${h}" stroke="#ffffff" stroke-opacity="0.35" stroke-width="3"/>`;
  }
  const pts: Array<[number, number]> = [];
  for (let x = 0; x <= w; x += 50) pts.push([x, h / 2 + Math.sin(x / 160 + phase) * 170]);
  body += `<path d="${smoothPath(pts)}" fill="none" stroke="#ffffff" stroke-opacity="0.85" stroke-width="5"/>`;
  body += grain(w, h, 0.04);
  return svgDoc(w, h, defs, body);
}

/** Finance / portfolio risk: candlesticks, a moving average and a shaded band. */
function drawCandles(w: number, h: number, rnd: Rng): string {
  const defs =
    linearBg('bg', '#081427', '#0f3350', 'diag') +
    linearBg('area', '#3b82f6', '#081427', 'vertical') +
    radialGlowDef('g1', '#22d3ee', 0.3) +
    grainDef(hashString('candles'));
  let body = `<rect width="${w}" height="${h}" fill="url(#bg)"/>`;
  body += glow('g1', 1200, 260, 620);
  for (let y = 120; y < h; y += 110) {
    body += `<line x1="0" y1="${y}" x2="${w}" y2="${y}" stroke="#93c5fd" stroke-opacity="0.08" stroke-width="1"/>`;
  }
  const count = 40;
  const step = (w - 160) / count;
  let price = 600;
  const closes: Array<[number, number]> = [];
  for (let i = 0; i < count; i++) {
    const open = price;
    // Rising trend with a mid-chart drawdown (screen y grows downwards).
    const drift = i > 14 && i < 22 ? 14 : -12;
    const close = open + drift + between(rnd, -38, 38);
    const high = Math.min(open, close) - between(rnd, 8, 40);
    const low = Math.max(open, close) + between(rnd, 8, 40);
    const x = 80 + i * step + step / 2;
    const up = close < open;
    const color = up ? '#22c55e' : '#ef4444';
    body += `<line x1="${n(x)}" y1="${n(high)}" x2="${n(x)}" y2="${n(low)}" stroke="${color}" stroke-width="3" stroke-opacity="0.85"/>`;
    body += `<rect x="${n(x - step * 0.3)}" y="${n(Math.min(open, close))}" width="${n(step * 0.6)}" height="${n(Math.max(4, Math.abs(close - open)))}" rx="3" fill="${color}" fill-opacity="0.85"/>`;
    closes.push([x, close]);
    price = close;
  }
  // Moving average
  const ma: Array<[number, number]> = closes.map(([x], i) => {
    const win = closes.slice(Math.max(0, i - 5), i + 1);
    return [x, win.reduce((s, p) => s + p[1], 0) / win.length];
  });
  const areaPath = `${smoothPath(ma.map(([x, y]) => [x, y + 150] as [number, number]))} L${n(at(ma, ma.length - 1)[0])},${h} L${n(at(ma, 0)[0])},${h} Z`;
  body += `<path d="${areaPath}" fill="url(#area)" fill-opacity="0.45"/>`;
  body += `<path d="${smoothPath(ma)}" fill="none" stroke="#e0f2fe" stroke-width="4" stroke-opacity="0.9"/>`;
  body += grain(w, h, 0.05);
  return svgDoc(w, h, defs, body);
}

/** Photography: an aperture iris with golden-hour bokeh. */
function drawAperture(w: number, h: number, rnd: Rng): string {
  const defs =
    linearBg('bg', '#2a150d', '#b8541f', 'diag') +
    radialGlowDef('sun', '#ffd39a', 0.85) +
    radialGlowDef('bokeh', '#ffe2a8', 0.9) +
    `<radialGradient id="open"><stop offset="0" stop-color="#fff3d1"/><stop offset="0.55" stop-color="#ffb05c"/><stop offset="1" stop-color="#a8431a"/></radialGradient>` +
    grainDef(hashString('aperture'));
  let body = `<rect width="${w}" height="${h}" fill="url(#bg)"/>`;
  body += glow('sun', 1250, 250, 700);
  for (let i = 0; i < 38; i++) {
    const r = between(rnd, 14, 110);
    body += `<circle cx="${n(between(rnd, 0, w))}" cy="${n(between(rnd, 0, h))}" r="${n(r)}" fill="url(#bokeh)" opacity="${n(between(rnd, 0.12, 0.45))}"/>`;
  }
  // A horizon of soft layered hills across the bottom, behind the iris.
  body += `<path d="M0,${h} L0,700 C200,640 380,720 560,690 C760,650 980,760 1200,730 C1380,705 1500,740 ${w},720 L${w},${h} Z" fill="#1c0f08" fill-opacity="0.55"/>`;
  body += `<path d="M0,${h} L0,790 C260,760 520,820 820,800 C1100,780 1350,830 ${w},800 L${w},${h} Z" fill="#140a05" fill-opacity="0.6"/>`;
  const cx = 1000;
  const cy = 450;
  const R = 330;
  const blades = 7;
  const inner = 135;
  body += `<circle cx="${cx}" cy="${cy}" r="${R + 38}" fill="#140b07" fill-opacity="0.9"/>`;
  body += `<circle cx="${cx}" cy="${cy}" r="${R + 38}" fill="none" stroke="#ffcf8f" stroke-opacity="0.35" stroke-width="4"/>`;
  const hept: Array<[number, number]> = [];
  for (let k = 0; k < blades; k++) {
    const a = ((Math.PI * 2) / blades) * k - Math.PI / 2;
    hept.push([cx + inner * Math.cos(a), cy + inner * Math.sin(a)]);
  }
  // Blades: each is a quad from one opening vertex outward to the rim.
  for (let k = 0; k < blades; k++) {
    const p1 = at(hept, k);
    const p2 = at(hept, (k + 1) % blades);
    const a1 = Math.atan2(p1[1] - cy, p1[0] - cx) + 1.05;
    const a2 = Math.atan2(p2[1] - cy, p2[0] - cx) + 1.05;
    const o1: [number, number] = [cx + R * Math.cos(a1), cy + R * Math.sin(a1)];
    const o2: [number, number] = [cx + R * Math.cos(a2), cy + R * Math.sin(a2)];
    const shade = mix('#2b1a12', '#5a3622', (k % 3) / 2);
    body += `<polygon points="${polygonPoints([p1, o1, o2, p2])}" fill="${shade}" stroke="#ffcf8f" stroke-opacity="0.3" stroke-width="2"/>`;
  }
  body += `<polygon points="${polygonPoints(hept)}" fill="url(#open)"/>`;
  body += `<circle cx="${cx}" cy="${cy}" r="${R}" fill="none" stroke="#ffcf8f" stroke-opacity="0.5" stroke-width="3"/>`;
  body += grain(w, h, 0.06);
  return svgDoc(w, h, defs, body);
}

/** AI / retrieval evaluation: points in embedding space, a query and its neighbours. */
function drawEmbeddingSpace(w: number, h: number, rnd: Rng): string {
  const defs =
    linearBg('bg', '#06141b', '#16264a', 'diag') +
    radialGlowDef('g1', '#2dd4bf', 0.35) +
    radialGlowDef('g2', '#c084fc', 0.3) +
    radialGlowDef('q', '#fef08a', 0.9) +
    grainDef(hashString('embedding'));
  let body = `<rect width="${w}" height="${h}" fill="url(#bg)"/>`;
  body += glow('g1', 560, 430, 560) + glow('g2', 1300, 640, 520);
  const qx = 640;
  const qy = 440;
  for (let i = 1; i <= 6; i++) {
    body += `<ellipse cx="${qx}" cy="${qy}" rx="${i * 125}" ry="${i * 78}" fill="none" stroke="#7dd3fc" stroke-opacity="${n(0.22 - i * 0.025)}" stroke-width="2" transform="rotate(-12 ${qx} ${qy})"/>`;
  }
  const points: Array<{ x: number; y: number; c: string }> = [];
  const clusters: Array<[number, number, string]> = [
    [560, 380, '#2dd4bf'],
    [1150, 620, '#c084fc'],
    [1320, 230, '#f472b6'],
    [260, 720, '#60a5fa'],
  ];
  for (const [cxc, cyc, c] of clusters) {
    for (let i = 0; i < 34; i++) {
      const a = between(rnd, 0, Math.PI * 2);
      const r = Math.sqrt(rnd()) * 200;
      points.push({ x: cxc + Math.cos(a) * r * 1.3, y: cyc + Math.sin(a) * r, c });
    }
  }
  const byDist = [...points].sort((a, b) => Math.hypot(a.x - qx, a.y - qy) - Math.hypot(b.x - qx, b.y - qy));
  const k = 7;
  const kth = at(byDist, k - 1);
  const radius = Math.hypot(kth.x - qx, kth.y - qy) + 14;
  body += `<circle cx="${qx}" cy="${qy}" r="${n(radius)}" fill="#fef08a" fill-opacity="0.05" stroke="#fef08a" stroke-opacity="0.7" stroke-width="3" stroke-dasharray="12 10"/>`;
  for (const p of byDist.slice(0, k)) {
    body += `<line x1="${qx}" y1="${qy}" x2="${n(p.x)}" y2="${n(p.y)}" stroke="#fef08a" stroke-opacity="0.6" stroke-width="2"/>`;
  }
  for (const p of points) {
    const near = byDist.indexOf(p) < k;
    body += `<circle cx="${n(p.x)}" cy="${n(p.y)}" r="${near ? 9 : 6}" fill="${p.c}" fill-opacity="${near ? 1 : 0.7}"${near ? ' stroke="#ffffff" stroke-width="2"' : ''}/>`;
  }
  body += `<circle cx="${qx}" cy="${qy}" r="46" fill="url(#q)"/><circle cx="${qx}" cy="${qy}" r="13" fill="#fef9c3"/>`;
  body += grain(w, h, 0.05);
  return svgDoc(w, h, defs, body);
}

// ---------------------------------------------------------------------------
// Inline (body) images
// ---------------------------------------------------------------------------

/** Device outlines at several breakpoints, each holding the same abstract photo. */
function drawBreakpoints(w: number, h: number, rnd: Rng): string {
  const defs =
    linearBg('bg', '#f6f1e9', '#e6e1f5', 'diag') +
    linearBg('photo', '#ff9f6b', '#6b5bff', 'diag') +
    dotGridDef('dots', 24, 1.2, '#5b5675', 0.14) +
    grainDef(hashString('breakpoints'));
  let body = `<rect width="${w}" height="${h}" fill="url(#bg)"/><rect width="${w}" height="${h}" fill="url(#dots)"/>`;
  const base = 512;
  const devices: Array<{ x: number; dw: number; dh: number; rx: number }> = [
    { x: 70, dw: 560, dh: 380, rx: 18 },
    { x: 680, dw: 300, dh: 400, rx: 22 },
    { x: 1020, dw: 120, dh: 240, rx: 18 },
  ];
  devices.forEach((d, i) => {
    const y = base - d.dh;
    body += `<rect x="${d.x + 8}" y="${y + 12}" width="${d.dw}" height="${d.dh}" rx="${d.rx}" fill="#3b3656" fill-opacity="0.12"/>`;
    body += `<rect x="${d.x}" y="${y}" width="${d.dw}" height="${d.dh}" rx="${d.rx}" fill="#ffffff" stroke="#3b3656" stroke-width="4"/>`;
    const pad = 14;
    const iw = d.dw - pad * 2;
    const ih = Math.min(d.dh * 0.55, (iw * 9) / 16);
    const ix = d.x + pad;
    const iy = y + pad + 16;
    body += `<rect x="${ix}" y="${n(iy)}" width="${iw}" height="${n(ih)}" rx="8" fill="url(#photo)"/>`;
    body += `<circle cx="${n(ix + iw * 0.72)}" cy="${n(iy + ih * 0.35)}" r="${n(ih * 0.13)}" fill="#fff4d6"/>`;
    body += `<polygon points="${polygonPoints([
      [ix, iy + ih],
      [ix + iw * 0.32, iy + ih * 0.5],
      [ix + iw * 0.55, iy + ih * 0.78],
      [ix + iw * 0.75, iy + ih * 0.6],
      [ix + iw, iy + ih],
    ])}" fill="#2d2547" fill-opacity="0.8"/>`;
    // Skeleton "text" lines (bars, not glyphs).
    const lines = i === 2 ? 3 : 4;
    for (let l = 0; l < lines; l++) {
      const lw = iw * between(rnd, 0.55, 0.95);
      body += `<rect x="${ix}" y="${n(iy + ih + 18 + l * 22)}" width="${n(lw)}" height="10" rx="5" fill="#3b3656" fill-opacity="0.18"/>`;
    }
  });
  // Width markers beneath each device.
  devices.forEach((d, i) => {
    const y = base + 40;
    const color = ['#ff7a59', '#8b5cf6', '#0ea5a4'][i];
    body += `<line x1="${d.x}" y1="${y}" x2="${d.x + d.dw}" y2="${y}" stroke="${color}" stroke-width="5" stroke-linecap="round"/>`;
    body += `<line x1="${d.x}" y1="${y - 12}" x2="${d.x}" y2="${y + 12}" stroke="${color}" stroke-width="5" stroke-linecap="round"/>`;
    body += `<line x1="${d.x + d.dw}" y1="${y - 12}" x2="${d.x + d.dw}" y2="${y + 12}" stroke="${color}" stroke-width="5" stroke-linecap="round"/>`;
  });
  body += grain(w, h, 0.03);
  return svgDoc(w, h, defs, body);
}

/** A warm, overlapping three-channel histogram of a golden-hour frame. */
function drawHistogram(w: number, h: number, rnd: Rng): string {
  const defs = linearBg('bg', '#1b1411', '#2c1d17', 'vertical') + radialGlowDef('g1', '#ff9a3c', 0.22) + grainDef(hashString('histogram'));
  let body = `<rect width="${w}" height="${h}" fill="url(#bg)"/>`;
  body += glow('g1', 900, 200, 520);
  const left = 80;
  const right = w - 80;
  const baseY = h - 90;
  for (let i = 1; i <= 4; i++) {
    const x = left + ((right - left) * i) / 4;
    body += `<line x1="${x}" y1="70" x2="${x}" y2="${baseY}" stroke="#f5d0a9" stroke-opacity="0.08" stroke-width="2"/>`;
  }
  const channels: Array<{ color: string; peaks: Array<[number, number, number]> }> = [
    {
      color: '#5b7cff',
      peaks: [
        [0.18, 0.55, 0.09],
        [0.42, 0.35, 0.12],
        [0.7, 0.12, 0.1],
      ],
    },
    {
      color: '#7fd36b',
      peaks: [
        [0.3, 0.4, 0.12],
        [0.6, 0.55, 0.12],
        [0.82, 0.2, 0.07],
      ],
    },
    {
      color: '#ff6b3d',
      peaks: [
        [0.45, 0.3, 0.14],
        [0.74, 0.72, 0.1],
        [0.93, 0.45, 0.04],
      ],
    },
  ];
  for (const ch of channels) {
    const pts: Array<[number, number]> = [];
    for (let i = 0; i <= 64; i++) {
      const t = i / 64;
      let v = 0.02 + 0.015 * rnd();
      for (const [mu, amp, sd] of ch.peaks) v += amp * Math.exp(-((t - mu) ** 2) / (2 * sd * sd));
      pts.push([left + t * (right - left), baseY - Math.min(1, v) * (baseY - 90)]);
    }
    const d = `${smoothPath(pts)} L${right},${baseY} L${left},${baseY} Z`;
    body += `<path d="${d}" fill="${ch.color}" fill-opacity="0.38" stroke="${ch.color}" stroke-width="3" stroke-opacity="0.9"/>`;
  }
  body += `<line x1="${left}" y1="${baseY}" x2="${right}" y2="${baseY}" stroke="#f5d0a9" stroke-opacity="0.6" stroke-width="3"/>`;
  // Clipping warning band at the right edge.
  body += `<rect x="${right - 30}" y="70" width="30" height="${baseY - 70}" fill="#ff3d3d" fill-opacity="0.12"/>`;
  body += grain(w, h, 0.04);
  return svgDoc(w, h, defs, body);
}

// ---------------------------------------------------------------------------
// The image set
// ---------------------------------------------------------------------------

const IMAGES: ImageSpec[] = [
  { file: 'public/edge-inference-phone-budget-55120.webp', width: HERO_W, height: HERO_H, draw: drawEdgeInference },
  { file: 'src/content/blog/responsive-images-without-the-bloat/hero.webp', width: HERO_W, height: HERO_H, draw: drawResponsiveFrames },
  { file: 'public/web-performance-budget-waterfall.webp', width: HERO_W, height: HERO_H, draw: drawWaterfall },
  { file: 'public/stablecoin-settlement-hex-chain.webp', width: HERO_W, height: HERO_H, draw: drawHexChain },
  { file: 'public/quantizing-llms-mosaic.webp', width: HERO_W, height: HERO_H, draw: drawQuantMosaic },
  { file: 'public/on-chain-portfolio-risk-candles.webp', width: HERO_W, height: HERO_H, draw: drawCandles },
  { file: 'src/content/blog/golden-hour-to-webp/hero.webp', width: HERO_W, height: HERO_H, draw: drawAperture },
  { file: 'public/evaluating-rag-embedding-space.webp', width: HERO_W, height: HERO_H, draw: drawEmbeddingSpace },
  { file: 'public/images/srcset-breakpoints.webp', width: BODY_W, height: BODY_H, draw: drawBreakpoints },
  { file: 'public/images/golden-hour-histogram.webp', width: BODY_W, height: BODY_H, draw: drawHistogram },
];

async function render(spec: ImageSpec): Promise<number> {
  const rnd = mulberry32(hashString(spec.file));
  const svg = spec.draw(spec.width, spec.height, rnd);
  const out = join(ROOT, spec.file);
  await mkdir(dirname(out), { recursive: true });
  await sharp(Buffer.from(svg))
    .resize(spec.width, spec.height, { fit: 'fill' })
    .webp({ quality: QUALITY, effort: 6, smartSubsample: true })
    .toFile(out);
  return (await stat(out)).size;
}

async function main(): Promise<void> {
  let total = 0;
  for (const spec of IMAGES) {
    const size = await render(spec);
    total += size;
    console.log(`wrote ${spec.file} (${spec.width}x${spec.height}, ${(size / 1024).toFixed(1)} KB)`);
  }
  console.log(`${IMAGES.length} images, ${(total / 1024).toFixed(1)} KB total`);
}

await main();
