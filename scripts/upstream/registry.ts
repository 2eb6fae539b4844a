/**
 * Where `npm run upstream` learns which versions are published: npm itself
 * (`npm view`, so the user's registry, proxy and credentials settings apply),
 * or a JSON file holding the registry's answers, named by
 * `--registry-answers <file>` or UPSTREAM_REGISTRY_ANSWERS, so tests and
 * dry runs reach no network.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { isNewer, newestRelease, type FamilyMember, type RegistryAnswer, type Release } from './versions.ts';

const run = promisify(execFile);

export interface VersionSource {
  /** What the registry says about a package; throws a one-line message when it cannot tell. */
  answer(name: string): Promise<RegistryAnswer>;
  /** The deprecation message of one version, or null. */
  deprecation(name: string, version: string): Promise<string | null>;
  /** How to name the source in messages. */
  label: string;
}

/** The first line npm printed that says what went wrong (`npm error 404 Not Found - GET …`), or the message. */
function npmReason(error: unknown): string {
  const { stderr, message } = error as { stderr?: string; message: string };
  const line = (stderr ?? '').split('\n').find((text) => /^npm (?:error|ERR!)\s+\S/.test(text) && !/A complete log/.test(text));
  return (line ?? message.split('\n')[0] ?? 'failed').replace(/^npm (?:error|ERR!)\s+/, '');
}

async function npmView(args: string[]): Promise<unknown> {
  try {
    const { stdout } = await run('npm', ['view', ...args, '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
    return stdout.trim() === '' ? undefined : (JSON.parse(stdout) as unknown);
  } catch (error) {
    throw new Error(`npm view ${args[0]} failed: ${npmReason(error)}`, { cause: error });
  }
}

export const npmRegistry: VersionSource = {
  label: 'the npm registry',
  async answer(name) {
    const answer = (await npmView([name, 'versions', 'time', 'dist-tags'])) as RegistryAnswer | undefined;
    if (!answer?.versions) throw new Error(`npm view ${name}: the registry listed no versions`);
    return answer;
  },
  async deprecation(name, version) {
    const message = await npmView([`${name}@${version}`, 'deprecated']);
    return typeof message === 'string' && message !== '' ? message : null;
  },
};

/** Answers read from a file: `{ "astro": { "versions": […], "time": {…}, "dist-tags": {…}, "deprecated": {…} }, … }`. */
export async function answersFromFile(file: string): Promise<VersionSource> {
  let answers: Record<string, RegistryAnswer>;
  try {
    answers = JSON.parse(await readFile(file, 'utf8')) as Record<string, RegistryAnswer>;
  } catch (error) {
    throw new Error(`the registry answers in ${file} could not be read: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
  return {
    label: file,
    async answer(name) {
      const answer = answers[name];
      if (!answer?.versions) throw new Error(`${file} has no versions for ${name}`);
      return answer;
    },
    async deprecation(name, version) {
      return answers[name]?.deprecated?.[version] ?? null;
    },
  };
}

/**
 * The newest real release of one package (versions.ts says which count), or
 * its installed version when there is none newer. A candidate newer than the
 * installed one is asked about once more: `npm view` lists no deprecations,
 * and a deprecated release is one its maintainers withdrew.
 */
export async function newestOf(source: VersionSource, member: FamilyMember): Promise<Release> {
  const answer = await source.answer(member.name);
  const deprecated: Record<string, string> = { ...answer.deprecated };
  for (;;) {
    const newest = newestRelease({ ...answer, deprecated }, member.installed);
    if (!newest || !isNewer(newest.version, member.installed)) return { version: member.installed };
    const message = await source.deprecation(member.name, newest.version);
    if (message === null) return newest;
    deprecated[newest.version] = message;
  }
}
