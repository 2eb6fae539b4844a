/**
 * Workarounds a benchmark run leaves out, named in BLOG_WITHOUT_WORKAROUNDS
 * (comma-separated: metadata, store), to show what each one still
 * gains on the installed Astro. Never set in a real build.
 */
import { envValue } from '#src/lib/build/environment.ts';

export type Workaround = 'metadata' | 'store';

export function switchedOff(workaround: Workaround, env: NodeJS.ProcessEnv = process.env): boolean {
  return (envValue('BLOG_WITHOUT_WORKAROUNDS', env) ?? '').split(',').some((name) => name.trim() === workaround);
}
