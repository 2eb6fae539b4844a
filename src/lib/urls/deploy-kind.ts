/**
 * What a build is for, from BLOG_DEPLOY: the one way a build is told it is the
 * site's production deploy, the only kind that records the URLs it published
 * (src/lib/urls/published-urls.ts).
 *
 * An environment variable rather than a flag of `npm run build`, because it is
 * what hosts let one set per kind of deploy without changing the build command:
 * the deploy workflow sets it from the event (a pull request is a preview),
 * Netlify from `[context.production.environment]`, and a script that deploys
 * from a laptop writes `BLOG_DEPLOY=production npm run build` the same way. Left
 * unset, a build is local: it checks against a record a production deploy left,
 * and never writes one.
 */

export type DeployKind = 'production' | 'preview' | 'local';

/** The values BLOG_DEPLOY takes ("local" is the same as leaving it unset). */
export const DEPLOY_KINDS: readonly DeployKind[] = ['production', 'preview', 'local'];
export const DEPLOY_ENV = 'BLOG_DEPLOY';

/** A BLOG_DEPLOY value or a command-line argument the build does not know: its message is the whole report. */
export class DeployKindError extends Error {}

const HOW = `set ${DEPLOY_ENV}=production for the build a production deploy publishes, ${DEPLOY_ENV}=preview (or nothing) for any other build`;

/**
 * The kind of build from the environment and `npm run build`'s arguments,
 * which are refused: the build takes none, and a `--production` that did
 * nothing would leave the next deploy unguarded without a word.
 */
export function deployKind(env: NodeJS.ProcessEnv, args: readonly string[] = []): DeployKind {
  if (args.length > 0) {
    const shown = args.map((arg) => JSON.stringify(arg)).join(' ');
    throw new DeployKindError(`npm run build takes no arguments (it was given ${shown}); ${HOW}`);
  }
  const raw = env[DEPLOY_ENV];
  if (raw === undefined || raw.trim() === '') return 'local';
  const value = raw.trim().toLowerCase();
  if ((DEPLOY_KINDS as readonly string[]).includes(value)) return value as DeployKind;
  throw new DeployKindError(`${DEPLOY_ENV} is ${JSON.stringify(raw)}, which is not a kind of build; ${HOW}`);
}
