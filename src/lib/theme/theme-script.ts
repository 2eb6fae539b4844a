/** The theme's head script, which sets the chosen theme before the first paint, and its CSP hash. */
import { createHash } from 'node:crypto';
import { THEME_STORAGE_KEY } from './theme-key.ts';

/**
 * Runs in <head> before the first paint, so a reader who chose a theme never
 * sees the other one flash: it sets <html data-theme>. It also sets
 * <html data-js>, which shows the controls that need a script (the theme
 * switch, copy buttons, "Show comments") from the first paint, so nothing
 * shifts when their scripts run; without JavaScript they stay hidden. Inline,
 * so the CSP allows it by its hash (THEME_SCRIPT_HASH), not by 'unsafe-inline'.
 */
export const THEME_SCRIPT = `document.documentElement.dataset.js='';try{var t=localStorage.getItem('${THEME_STORAGE_KEY}');if(t==='light'||t==='dark')document.documentElement.dataset.theme=t}catch(e){}`;

/** The CSP source that allows THEME_SCRIPT and nothing else, as Astro's `scriptDirective.hashes` takes it. */
export const THEME_SCRIPT_HASH = `sha256-${createHash('sha256').update(THEME_SCRIPT).digest('base64')}` as const;
