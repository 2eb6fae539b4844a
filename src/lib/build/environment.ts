/**
 * Every environment variable the project reads, in one list: its name, who sets it, what it
 * means, its default and how a value is checked. Code reads a variable through `envValue()`,
 * which refuses a bad value with one line naming the variable and what to give instead; the
 * README's table is made from this list (`node scripts/dev/environment-table.ts --write`), and a
 * test holds that no source reads a variable that is not here.
 */

/** Who sets a variable: the site's owner or host, CI, or someone working on the project. */
export type Audience = 'owner' | 'ci' | 'contributor';

export interface EnvironmentVariable {
  name: string;
  audience: Audience;
  /** What it changes, in one sentence for the README. */
  meaning: string;
  /** What applies when it is unset, as the README says it. */
  unset: string;
  /** Null when `value` will do, otherwise what is wrong with it (the message names the variable). */
  check?: (value: string) => string | null;
}

const oneOf =
  (...allowed: string[]) =>
  (value: string): string | null =>
    allowed.includes(value) ? null : `is not one of ${allowed.map((name) => `"${name}"`).join(', ')}`;

const webAddress = (value: string): string | null => {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? null : 'is not an http(s) address';
  } catch {
    return 'is not a web address (write it whole, like https://blog.example.com)';
  }
};

/** A folder name or path with no line breaks or control characters (it ends up in logs and paths). */
const folder = (value: string): string | null =>
  [...value].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)
    ? 'holds a control character or a line break'
    : value.trim() === ''
      ? 'is empty'
      : null;

/** Plain path segments (letters, digits, `-`, `_`, `.`, `~`), none of them `.` or `..`. */
const basePath = (value: string): string | null =>
  value
    .split('/')
    .filter((segment) => segment !== '')
    .every((segment) => /^[\w.~-]+$/.test(segment) && segment !== '.' && segment !== '..')
    ? null
    : 'is not a path of plain segments (like "blog" or "/docs/blog/")';

/**
 * The workarounds of integrations/astro-internals/ a benchmark may leave out with
 * BLOG_WITHOUT_WORKAROUNDS (switched-off.ts reads it through workaroundsLeftOut()).
 */
export const WORKAROUNDS = ['metadata', 'store'] as const;

const quote = (name: string) => `"${name}"`;
const namesIn = (list: string) =>
  list
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');

export const ENVIRONMENT = [
  {
    name: 'SITE_URL',
    audience: 'owner',
    meaning: "The site's address for this build (a preview deploy's own address); canonical links, feeds and the sitemap use it.",
    unset: '`url` in src/site.config.ts',
    check: webAddress,
  },
  {
    name: 'BASE_PATH',
    audience: 'owner',
    meaning: 'The path the site is served under, for hosting in a sub-folder (GitHub project pages: the repository name).',
    unset: '`/`',
    check: basePath,
  },
  {
    name: 'BLOG_DEPLOY',
    audience: 'ci',
    meaning:
      '`production` for the deploy that publishes the live site: only it records the published URLs; `preview` or `local` for others.',
    unset: '`local`',
    // Checked where it is read, with the build's arguments: src/lib/urls/deploy-kind.ts.
  },
  {
    name: 'BLOG_LIVE_RECORD',
    audience: 'ci',
    meaning: "Where a production build reads the live site's record of published URLs, or `off`.",
    unset: '`<SITE_URL>/published-urls.json`',
    // Checked where it is read: src/lib/urls/live-record.ts.
  },
  {
    name: 'BLOG_CACHE_DIR',
    audience: 'ci',
    meaning: 'The folder that keeps the build caches (content, pages, images, cards, search index) between builds.',
    unset: '`node_modules/.astro`',
    check: folder,
  },
  {
    name: 'OUT_DIR',
    audience: 'ci',
    meaning: 'The folder `npm run build` writes the site to, relative to the project.',
    unset: '`dist`',
    check: folder,
  },
  {
    name: 'ASTRO_LOG_LEVEL',
    audience: 'contributor',
    meaning: "How much of Astro's log `npm run build` prints.",
    unset: '`info`',
    check: oneOf('debug', 'info', 'warn', 'error', 'silent'),
  },
  {
    name: 'BLOG_DEBUG',
    audience: 'contributor',
    meaning: 'Any value: a failed command prints the error with its stack under its one-line message.',
    unset: 'the one line alone',
  },
  {
    name: 'NO_COLOR',
    audience: 'owner',
    meaning: 'Any value: command-line messages without colour (no-color.org).',
    unset: 'colour on a terminal',
  },
  {
    name: 'NODE_ENV',
    audience: 'contributor',
    meaning: "Node's own; `npm run build` sets `production`, under which image sources are read once per build.",
    unset: 'set by the command',
  },
  {
    name: 'BLOG_WITHOUT_WORKAROUNDS',
    audience: 'contributor',
    meaning: `Benchmarks only: comma-separated workarounds of integrations/astro-internals/ to leave out (${WORKAROUNDS.map((name) => `\`${name}\``).join(', ')}).`,
    unset: 'all applied',
    check: (value) => {
      const unknown = namesIn(value).filter((name) => !(WORKAROUNDS as readonly string[]).includes(name));
      return unknown.length === 0 ? null : `names ${unknown.map(quote).join(', ')}, not ${WORKAROUNDS.map(quote).join(' or ')}`;
    },
  },
  {
    name: 'BLOG_BUILD_ENTRY',
    audience: 'contributor',
    meaning: 'Set by `npm run build` for the Astro build it starts; a bare `astro build` without it stops with one line.',
    unset: '`astro build` refuses to run',
  },
  {
    name: 'HUGO',
    audience: 'contributor',
    meaning: '`npm run bench -- --vs-hugo`: the Hugo command to compare with.',
    unset: '`hugo` on the PATH',
  },
  {
    name: 'LIGHTHOUSE_BIN',
    audience: 'contributor',
    meaning: '`scripts/dev/lighthouse.ts`: the Lighthouse command.',
    unset: 'the script says how to install it',
  },
  {
    name: 'CHROME_PATH',
    audience: 'contributor',
    meaning: '`scripts/dev/lighthouse.ts`: the Chromium that Lighthouse drives.',
    unset: '`/usr/bin/chromium`',
  },
  {
    name: 'UPSTREAM_REGISTRY_ANSWERS',
    audience: 'contributor',
    meaning: "`npm run upstream`: a JSON file standing in for the npm registry's answers (tests).",
    unset: 'the registry is asked',
    check: folder,
  },
] as const satisfies readonly EnvironmentVariable[];

export type VariableName = (typeof ENVIRONMENT)[number]['name'];

/** A variable's value refused by its check: the message is the whole report. */
export class EnvironmentError extends Error {
  override stack = '';
}

/**
 * The value of `name` in `env`, or undefined when it is unset or empty. A value its check
 * refuses throws an EnvironmentError such as
 * `BLOG_DEPLOY="prod" is not one of "production", "preview", "local" (unset: \`local\`).`
 */
export function envValue(name: VariableName, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  const variable: EnvironmentVariable = ENVIRONMENT.find((entry) => entry.name === name)!;
  const problem = variable.check?.(value) ?? null;
  if (problem !== null)
    throw new EnvironmentError(`${name}=${JSON.stringify(value)} ${problem}; unset, it is ${variable.unset.replaceAll('`', '')}.`);
  return value;
}

/**
 * Every variable set to a value its check refuses, each as envValue's message: the commands
 * (scripts/project.ts) stop on these before they start, in one line each.
 */
export function environmentProblems(env: NodeJS.ProcessEnv = process.env): string[] {
  const problems: string[] = [];
  for (const { name } of ENVIRONMENT) {
    try {
      envValue(name, env);
    } catch (error) {
      if (!(error instanceof EnvironmentError)) throw error;
      problems.push(error.message);
    }
  }
  return problems;
}

const AUDIENCE: Record<Audience, string> = { owner: 'owner, host', ci: 'CI, deploys', contributor: 'contributors' };

/** The README's table of the variables, one row each, made from ENVIRONMENT. */
export function environmentTable(): string {
  const cell = (text: string) => text.replaceAll('|', '\\|');
  const rows = ENVIRONMENT.map(
    (variable) => `| \`${variable.name}\` | ${AUDIENCE[variable.audience]} | ${cell(variable.meaning)} | ${cell(variable.unset)} |`,
  );
  return ['| variable | set by | what it does | unset |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** The workarounds BLOG_WITHOUT_WORKAROUNDS leaves out of this build (benchmarks only). */
export function workaroundsLeftOut(env: NodeJS.ProcessEnv = process.env): string[] {
  return namesIn(envValue('BLOG_WITHOUT_WORKAROUNDS', env) ?? '');
}
