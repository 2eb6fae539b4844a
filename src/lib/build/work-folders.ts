/**
 * The working folders a build keeps beside the site, by name: `npm run build` makes and removes
 * them (scripts/build.ts, scripts/build-cleanup.ts) and the dev server's watcher leaves them alone
 * (integrations/dev-watch.ts). Here, so neither side imports the other.
 */

/** The site being built (`.dist-build-<pid>`), swapped in as dist/ once the build succeeded. */
export const STAGING_PREFIX = '.dist-build-';
/** The site a build replaced (`.dist-old-<pid>-<time>`), deleted by a detached process after the build exits. */
export const OLD_SITE_PREFIX = '.dist-old-';
