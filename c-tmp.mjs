import Color from 'colorjs.io';
import { readFileSync } from 'node:fs';
const css = readFileSync('src/styles/code-theme.css','utf8');
const get = (k) => [...css.matchAll(new RegExp(`--code-${k}: (#[0-9a-f]{6})(?:;| )`, 'g'))].map(m=>m[1]);
const bg = { light: '#f4f1ea', dark: '#1d1b16' };
const tints = { light: { mark: '#e8a060', add: '#40c060', rem: '#ff6060' }, dark: { mark: '#f0a26f', add: '#3fb950', rem: '#f85149' } };
for (const scheme of ['light','dark']) {
  const base = new Color(bg[scheme]);
  const fgs = [...new Set(get(scheme))].filter(f => new Color(f).contrast(base,'WCAG21') >= 4.5);
  for (const [name, tint] of Object.entries(tints[scheme])) {
    let best;
    for (const k of [0,0.1,0.2,0.3,0.4,0.5,0.6,0.7]) for (const p of [0.06,0.08,0.1,0.12,0.14,0.16,0.18,0.2,0.25]) {
      const under = Color.mix(base, new Color(scheme==='light'?'#ffffff':'#000000'), k, {space:'srgb'});
      const b = Color.mix(under, new Color(tint), p, {space:'srgb'});
      const worst = Math.min(...fgs.map(f => new Color(f).contrast(b,'WCAG21')));
      const diff = b.deltaE(base, '2000');
      if (worst >= 4.55 && (!best || diff > best.diff)) best = { k, p, worst: worst.toFixed(2), diff: diff.toFixed(1), hex: b.to('srgb').toString({format:'hex'}) };
    }
    console.log(scheme, name, JSON.stringify(best));
  }
}
