import { createHash } from 'node:crypto';
import { THEME_STORAGE_KEY } from './theme-key.ts';

/**
 * Runs in <head> before the first paint, so a reader who chose a theme never
 * sees the other one flash. It only sets <html data-theme>; the switch itself
 * is a separate module (ThemeSwitch.astro). Inline, so the CSP allows it by
 * its hash (THEME_SCRIPT_HASH) rather than by 'unsafe-inline'.
 */
export const THEME_SCRIPT = `try{var t=localStorage.getItem('${THEME_STORAGE_KEY}');if(t==='light'||t==='dark')document.documentElement.dataset.theme=t}catch(e){}`;

/** The CSP source that allows THEME_SCRIPT and nothing else, as Astro's `scriptDirective.hashes` takes it. */
export const THEME_SCRIPT_HASH = `sha256-${createHash('sha256').update(THEME_SCRIPT).digest('base64')}` as const;
