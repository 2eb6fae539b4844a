/**
 * `npm run init`: makes the sample site the owner's. Asks (in a terminal) or takes as flags the
 * site's name, URL, description, language, time zone, default author and logo; writes them into
 * src/site.config.ts; removes the sample posts, profiles and images (only unchanged samples, by
 * the manifest in scripts/init/samples.json, unless --remove-all) and the caches of the sample
 * builds; leaves a welcome post and the author's profile; prints the next steps. Safe to run
 * again: once the samples are gone it updates the settings and leaves the posts alone.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { calendarDay } from '#src/lib/content/dates.ts';
import { SETTINGS_FILE } from '#src/lib/urls/site-paths.ts';
import { fail } from './cli-output.ts';
import { clearCaches } from './init/caches.ts';
import { editSettings, readSettings, tsString } from './init/config-edit.ts';
import { checkLogo, type LogoChoice, placeLogo } from './init/logo.ts';
import { nextSteps } from './init/next-steps.ts';
import {
  type AnswerKey,
  checkAnswer,
  flagProblem,
  type InitFlags,
  parseInitArgs,
  QUESTIONS,
  type SiteAnswers,
  USAGE,
} from './init/options.ts';
import { filesToRemove, planRemoval, refusal } from './init/plan.ts';
import { openPrompter } from './init/prompts.ts';
import { CONTENT_FOLDERS, filesUnder, readManifest } from './init/sample-manifest.ts';
import { authorProfileFile, renderAuthorProfile, renderWelcomePost, WELCOME_FILE } from './init/welcome.ts';

const root = process.cwd();

let flags: InitFlags;
try {
  flags = parseInitArgs(process.argv.slice(2));
} catch (error) {
  fail((error as Error).message.replace(/\. To specify a positional argument.*$/s, '.'), USAGE);
}
if (flags.help) {
  console.log(USAGE);
  process.exit(0);
}

const settingsPath = path.join(root, SETTINGS_FILE);
const settingsText = await readFile(settingsPath, 'utf8').catch(() =>
  fail(`${SETTINGS_FILE} is missing; run npm run init in the project's folder`),
);
let current: Record<string, string>;
try {
  current = readSettings(settingsText);
} catch (error) {
  fail((error as Error).message);
}

const manifest = readManifest();
const plan = await planRemoval(root, manifest);
const refused = refusal(plan, flags.removeAll);
if (refused) fail(refused);
const removing = filesToRemove(plan, flags.removeAll);

/** The sample's own values, which the owner must replace: a site still called "Signal & Noise" by its sample author is not theirs. */
const sampleValue = (key: AnswerKey) => manifest.settings[key] !== undefined && current[key] === manifest.settings[key];

const interactive = process.stdin.isTTY === true && !flags.yes;
if (!interactive && !flags.yes)
  fail(
    'npm run init asks its questions in a terminal; here, give the values as flags and --yes to go on (npm run init -- --help lists them).',
  );

async function check(key: AnswerKey, raw: string): Promise<{ value: string; logo?: LogoChoice } | { problem: string }> {
  if (key !== 'logo') return checkAnswer(key, raw);
  const checked = await checkLogo(raw, { root, cwd: root });
  if ('problem' in checked) return checked;
  const file = `public/${checked.logo.setting}`;
  if (checked.logo.copyFrom === null && removing.includes(file))
    return { problem: `is a sample image, which init removes; give your own logo, or favicon.svg` };
  return { value: checked.logo.setting, logo: checked.logo };
}

const answers: Partial<SiteAnswers> = {};
let logo: LogoChoice | null = null;
const problems: string[] = [];
for (const { key, flag } of QUESTIONS) {
  const given = flags.answers[key];
  if (given === undefined) {
    if (interactive) continue;
    if (sampleValue(key)) {
      const example = QUESTIONS.find((question) => question.key === key)!.example;
      problems.push(
        `--${flag} is needed: ${SETTINGS_FILE} still has the sample's ${key} (${JSON.stringify(current[key])}); give yours, e.g. --${flag} "${example}"`,
      );
      continue;
    }
  }
  const raw = given ?? current[key];
  if (raw === undefined) {
    problems.push(`--${flag} is needed: ${SETTINGS_FILE} has no ${key} to keep`);
    continue;
  }
  const checked = await check(key, raw);
  if ('problem' in checked)
    problems.push(
      given === undefined ? `${SETTINGS_FILE}: ${key} ${JSON.stringify(raw)} ${checked.problem}` : flagProblem(key, raw, checked.problem),
    );
  else {
    answers[key] = checked.value;
    if (checked.logo) logo = checked.logo;
  }
}
if (problems.length > 0) {
  for (const problem of problems.slice(0, -1)) console.error(`✗ ${problem}`);
  fail(problems.at(-1)!, 'Nothing was changed. npm run init -- --help lists the options.');
}

if (interactive) {
  const prompter = openPrompter(process.stdin, process.stdout);
  try {
    console.log('Make this site yours. Press Enter to keep the value in brackets.\n');
    const machineZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const asked = QUESTIONS.filter(({ key }) => answers[key] === undefined);
    const values = await prompter.ask(
      asked.map(({ key, question, example }) => ({
        question,
        example,
        // While the site is the sample, its New York time zone is a guess: the machine's is a better one.
        current: key === 'timeZone' && plan.sampleSite ? machineZone : sampleValue(key) ? undefined : current[key],
        check: async (answer: string) => {
          const checked = await check(key, answer);
          if ('logo' in checked && checked.logo) logo = checked.logo;
          return checked;
        },
      })),
    );
    asked.forEach(({ key }, i) => (answers[key] = values[i]!));
    const others = removing.length - plan.samples.length;
    const what = [
      `write these settings into ${SETTINGS_FILE}`,
      ...(removing.length > 0
        ? [`remove ${plan.samples.length} sample files${others > 0 ? ` and ${others} others` : ''}, clear the caches`]
        : []),
      'write a welcome post if the blog is empty',
    ].join(', ');
    if (!(await prompter.confirm(`\nnpm run init will ${what}. Go on?`))) fail('Stopped; nothing was changed.');
  } catch (error) {
    fail((error as Error).message);
  } finally {
    prompter.close();
  }
}

const site = answers as SiteAnswers;
const done: string[] = [];

// 1. The logo and the settings, first: a failure below leaves settings that still name real files.
if (logo) {
  await placeLogo(logo, root);
  if (logo.copyFrom) done.push(`Copied the logo to public/${logo.setting}`);
}
const clearing = removing.length > 0;
const edited = editSettings(settingsText, {
  ...Object.fromEntries(QUESTIONS.map(({ key }) => [key, tsString(site[key])])),
  // The sample's accounts, old addresses and taken-down URLs are not the owner's.
  ...(clearing && { twitter: '{ authors: {} }', redirects: '{}', removedUrls: '[]' }),
});
if (edited !== settingsText) {
  await writeFile(settingsPath, edited);
  done.push(`Wrote the settings into ${SETTINGS_FILE}`);
} else done.push(`${SETTINGS_FILE} already holds these settings`);

// 2. The samples, the folders they leave empty, and every cache a sample build wrote.
for (const file of removing) {
  await rm(path.join(root, file), { force: true });
  for (let folder = path.dirname(file); /^(?:src\/content\/[^/]+|public)\/./.test(folder); folder = path.dirname(folder)) {
    if ((await readdir(path.join(root, folder)).catch(() => ['?'])).length > 0) break;
    await rmdir(path.join(root, folder));
  }
}
if (clearing) {
  const kinds = Object.entries(Object.groupBy(removing, (file) => (file.startsWith('public/') ? 'images in public/' : file.split('/')[2]!)))
    .map(
      ([kind, files]) =>
        `${files!.length} ${kind === 'blog' ? 'post files' : kind === 'authors' ? 'author profiles' : kind === 'categories' ? 'category pages' : kind}`,
    )
    .join(', ');
  done.push(`Removed ${removing.length} files: ${kinds}`);
  const cleared = await clearCaches(root);
  if (cleared.length > 0) done.push(`Cleared what the sample builds left: ${cleared.join(', ')}`);
}

// 3. A welcome post when the blog has none, and the default author's profile when there is none.
await mkdir(path.join(root, CONTENT_FOLDERS[0]), { recursive: true });
const posts = (await filesUnder(root, CONTENT_FOLDERS[0])).filter((file) => /\.mdx?$/i.test(file));
let welcome: string | null = null;
if (posts.length === 0) {
  await writeFile(path.join(root, WELCOME_FILE), renderWelcomePost(site, calendarDay(new Date(), site.timeZone)), { flag: 'wx' });
  welcome = WELCOME_FILE;
  done.push(`Wrote a welcome post: ${WELCOME_FILE}`);
}
const profile = authorProfileFile(site.defaultAuthor);
if (!existsSync(path.join(root, profile))) {
  await mkdir(path.dirname(path.join(root, profile)), { recursive: true });
  await writeFile(path.join(root, profile), renderAuthorProfile(site.defaultAuthor, site.title), { flag: 'wx' });
  done.push(`Wrote the profile of ${site.defaultAuthor}: ${profile}`);
}

console.log(`${done.map((line) => `✓ ${line}`).join('\n')}\n\n${nextSteps({ authorProfile: profile, welcome, logo: site.logo })}`);
