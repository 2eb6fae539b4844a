/**
 * Workarounds a benchmark run leaves out, named in BLOG_WITHOUT_WORKAROUNDS
 * (comma-separated; the names are src/lib/build/environment.ts's WORKAROUNDS), to show
 * what each one still gains on the installed Astro. Never set in a real build.
 */
import { workaroundsLeftOut, type WORKAROUNDS } from '#src/lib/build/environment.ts';

export type Workaround = (typeof WORKAROUNDS)[number];

export function switchedOff(workaround: Workaround, env: NodeJS.ProcessEnv = process.env): boolean {
  return workaroundsLeftOut(env).includes(workaround);
}
