/**
 * Folders of posts from guest editors (src/site.config.ts `guests.folders`). A Markdown post
 * cannot run anything on the build machine; an MDX post is a program the build runs (its
 * imports and expressions execute in Node, beside the deploy token), so a guest folder takes
 * `.md` only.
 */
import path from 'node:path';
import { SETTINGS_FILE } from '#src/lib/urls/site-paths.ts';
import type { SiteConfig } from '#src/site.config.ts';
import type { Problem } from './problems.ts';

type GuestSettings = SiteConfig['guests'];

/** "src/content/blog/guests" for "guests" and "guests/"; "." is the whole blog folder (no MDX at all). */
const folderPath = (contentDir: string, folder: string) => path.posix.join(contentDir, folder).replace(/\/+$/, '');

/** An MDX file in a guest folder; `file` and `contentDir` are relative to the project root, with "/". */
export function guestMdxProblem(file: string, contentDir: string, guests: GuestSettings): Problem | null {
  if (!file.endsWith('.mdx')) return null;
  const folder = guests.folders.find((name) => file.startsWith(`${folderPath(contentDir, name)}/`));
  if (folder === undefined) return null;
  return {
    file,
    line: 1,
    field: 'file',
    message: `is MDX, which runs code on the build machine, and ${folderPath(contentDir, folder)}/ holds guest posts (guests.folders in ${SETTINGS_FILE}), which must be .md; rename it to ${path.posix.basename(file, '.mdx')}.md and write its components as Markdown`,
  };
}

/**
 * Guest folders that could not hold a post: absolute, leaving the blog folder, or empty. A
 * folder named wrong would let MDX through unnoticed, so the check refuses it.
 */
export function guestSettingsProblems(guests: GuestSettings, lineOf: (value: string | null, key?: string) => number): Problem[] {
  return guests.folders.flatMap((folder) => {
    const fine = folder.trim() !== '' && !folder.includes('\\') && !folder.startsWith('/') && !folder.split('/').includes('..');
    return fine
      ? []
      : [
          {
            file: SETTINGS_FILE,
            line: lineOf(folder),
            field: 'guests.folders',
            message: `"${folder}" is not a folder inside src/content/blog/; write its path from there, with "/" and no "..", e.g. "guests" or "guests/2026"`,
          },
        ];
  });
}
