/**
 * The build's part in keeping old URLs alive: the redirect pages and
 * `_redirects` go into the new site before it replaces dist/, and the record
 * of published post URLs (a production deploy's only) goes into the site and,
 * once the site is in place, into the cache folder.
 */
import { appendFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { writeCacheFile } from '#src/lib/build/publish-file.ts';
import { PUBLISHED_RECORD, serialisePublishedUrls, type PublishedUrls } from '#src/lib/urls/published-urls.ts';
import { redirectPagePath, redirectsFile, renderRedirectPage } from '#src/lib/urls/redirect-pages.ts';
import { outputFile, sitePathProblem, UnsafeOutputError } from '#src/lib/urls/safe-paths.ts';
import type { RedirectRule } from '#src/lib/urls/redirects.ts';
import type { CheckOptions, Problem } from '#tools/check/problems.ts';

/**
 * Writes a page at each old address and the `_redirects` file into the
 * built site. An old address where the build made a page of its own (one the
 * post check could not foresee, such as an archive page) is a problem naming
 * the redirect and the page, and then nothing is written.
 */
export function publishRedirects(siteDir: string, rules: readonly RedirectRule[], options: CheckOptions): Problem[] {
  const base = options.base ?? '/';
  const problems: Problem[] = [];
  const pages: Array<{ rule: RedirectRule; file: string }> = [];
  for (const rule of rules) {
    // The post check refused unsafe paths already; the address and the page it makes are refused here whatever came before.
    const unsafe = sitePathProblem(rule.from);
    if (unsafe) {
      problems.push({ ...rule.origin, message: unsafe });
      continue;
    }
    try {
      pages.push({ rule, file: outputFile(siteDir, redirectPagePath(rule.from, base), 'redirect page') });
    } catch (error) {
      if (!(error instanceof UnsafeOutputError)) throw error;
      problems.push({ ...rule.origin, message: error.message });
    }
  }
  for (const { rule, file } of pages) {
    if (existsSync(file)) {
      const page = path.relative(siteDir, file);
      problems.push({
        ...rule.origin,
        message: `"${rule.from}" is the address of a page the site has (${page}), so it cannot also redirect; remove it from the redirects`,
      });
    }
  }
  if (problems.length > 0) return problems;
  const settings = { site: options.site.url, base, language: options.site.language, siteTitle: options.site.title };
  for (const { rule, file } of pages) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, renderRedirectPage(rule, settings));
  }
  const lines = redirectsFile(rules, base);
  if (lines) {
    // A _redirects of the site's own (from public/) keeps its rules; ours follow.
    const file = path.join(siteDir, '_redirects');
    if (existsSync(file)) appendFileSync(file, `\n${lines}`);
    else writeFileSync(file, lines);
  }
  return [];
}

/**
 * Puts the record into the built site, at `<base>/published-urls.json`, where
 * the next production build finds it when the cache has lost its copy
 * (src/lib/urls/live-record.ts). It holds only what the site shows already:
 * the published post URLs, and the project file each was made from.
 */
export function publishRecord(siteDir: string, urls: PublishedUrls): void {
  writeFileSync(path.join(siteDir, PUBLISHED_RECORD), serialisePublishedUrls(urls));
}

/** Keeps the URLs a production deploy published, in the cache, for the next build to compare with. */
export async function recordPublishedUrls(cacheDir: string, urls: PublishedUrls): Promise<void> {
  await mkdir(cacheDir, { recursive: true });
  await writeCacheFile(path.join(cacheDir, PUBLISHED_RECORD), serialisePublishedUrls(urls));
}
