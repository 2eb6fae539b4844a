/**
 * The files a build publishes or reads besides the posts: everything under
 * public/ (copied into the site as it is) and src/content/ (posts, heroes and
 * images beside them). A guest editor can commit any file there, so:
 *
 * - a symbolic link must stay inside the folder it sits in: Astro copies
 *   public/ following links, so `public/x.txt -> ../.git/config` would
 *   publish the deploy token, and a looping link ends the copy in a 10 KB
 *   ENAMETOOLONG path;
 * - an SVG must not run script or load from another host (svg-safety.ts).
 *
 * The walk reads directory entries (their type is lstat's: links are not
 * followed) and resolves only the links, so thousands of files cost
 * milliseconds.
 */
import { type Dirent, lstatSync, readdirSync, readFileSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { contentRootOf, isInside, quoted, type ReferenceRoots } from '#src/lib/urls/safe-paths.ts';
import type { Problem } from './problems.ts';
import { svgFindings } from './svg-safety.ts';

/** Relative paths as printed: a name holding a control or bidi character (a newline, an escape) is shown escaped. */
const printable = (relative: string) =>
  /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u.test(relative) ? quoted(relative).slice(1, -1) : relative;

/** Problems with the links and SVG images in public/ and src/content/ (the checker sorts them with the rest). */
export function projectFileProblems(options: ReferenceRoots): Problem[] {
  const problems: Problem[] = [];
  const folders = [options.publicDir, contentRootOf(options)];
  let projectRoot: string;
  try {
    projectRoot = realpathSync(options.root);
  } catch {
    return problems; // no project to check: the commands say so themselves
  }
  for (const folder of folders) {
    const shown = `${printable(path.relative(options.root, folder))}/`;
    let realFolder: string;
    try {
      realFolder = realpathSync(folder);
    } catch {
      continue; // a project without public/ publishes nothing from it
    }
    // The folder itself committed as a link (public -> /etc) would publish all it points at. A
    // folder that is really elsewhere (a test fixture's public/ beside its posts) is no link.
    if (lstatSync(path.resolve(folder)).isSymbolicLink() && !isInside(realFolder, projectRoot)) {
      problems.push({
        file: shown,
        line: 1,
        field: 'file',
        message: `is a link to ${quoted(realFolder)}, outside the project; make it a real folder`,
      });
      continue;
    }
    walkFolder(folder, realFolder, shown, options.root, problems);
  }
  return problems;
}

/** A link to a folder inside: fine, unless following links from its target comes back to it. */
interface FolderLink {
  file: string;
  target: string;
  /** Real paths of the folder the link is in and of the folder it points at. */
  from: string;
  to: string;
}

function walkFolder(top: string, realTop: string, shownTop: string, root: string, problems: Problem[]): void {
  const folderLinks: FolderLink[] = [];
  const folders = [top];
  for (let folder = folders.pop(); folder !== undefined; folder = folders.pop()) {
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      continue; // unreadable: Astro's own copy reports it with the path
    }
    for (const entry of entries) {
      const file = path.join(folder, entry.name);
      const relative = printable(path.relative(root, file));
      const report = (line: number, field: string, message: string) => problems.push({ file: relative, line, field, message });
      if (entry.isDirectory()) folders.push(file);
      else if (entry.isSymbolicLink()) {
        const followed = followLink(file, realTop, shownTop);
        if (typeof followed === 'string') report(1, 'file', followed);
        else if (followed.isFolder)
          folderLinks.push({
            file: relative,
            target: readlinkSync(file),
            from: path.join(realTop, path.relative(top, folder)),
            to: followed.real,
          });
        // A link that stays inside is not followed: what it points at is walked where it really is.
      } else if (entry.isFile() && /\.svgz?$/i.test(entry.name)) {
        for (const finding of svgFileFindings(file)) report(finding.line, 'svg', finding.message);
      }
    }
  }
  for (const link of linksInLoops(folderLinks))
    problems.push({
      file: link.file,
      line: 1,
      field: 'file',
      message: `is a link to ${quoted(link.target)}, a folder that leads back to the link itself, so copying ${shownTop} would never end; delete the link`,
    });
}

/**
 * Folder links that copying would follow forever: a link leads to another when the other sits inside the
 * first one's target (at any depth), and a link in a cycle of such steps (one step for `public/a -> ..`)
 * makes the copy endless. Projects have a handful of folder links at most, so pairs are simply compared.
 */
function linksInLoops(links: FolderLink[]): FolderLink[] {
  const next = links.map((link) => links.flatMap((other, index) => (isInside(other.from, link.to) ? [index] : [])));
  return links.filter((_, start) => {
    const seen = new Set<number>();
    const queue = [...next[start]!];
    for (let index = queue.pop(); index !== undefined; index = queue.pop()) {
      if (index === start) return true;
      if (seen.has(index)) continue;
      seen.add(index);
      queue.push(...next[index]!);
    }
    return false;
  });
}

/** Why a link may not be published, or where it leads when its target stays inside the folder it sits in. */
function followLink(link: string, realTop: string, shownTop: string): string | { real: string; isFolder: boolean } {
  const target = quoted(readlinkSync(link));
  let real: string;
  try {
    real = realpathSync(link);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return `is a link to ${target}, which does not exist; delete the link, or copy the file here`;
    // ELOOP, or ENAMETOOLONG for a loop through folders: the path is never printed, only the link.
    if (code === 'ELOOP' || code === 'ENAMETOOLONG') return `is a link to ${target} that loops back on itself; delete the link`;
    return `is a link to ${target} that cannot be followed (${code ?? 'unknown error'}); delete the link, or copy the file here`;
  }
  if (isInside(real, realTop)) return { real, isFolder: statSync(real).isDirectory() };
  return `is a link to ${target}, outside ${shownTop}; copy the file into ${shownTop} instead of linking it`;
}

function svgFileFindings(file: string) {
  try {
    const bytes = readFileSync(file);
    // .svgz is gzipped SVG, which hosts serve as image/svg+xml: checked the same once unpacked.
    const text = file.toLowerCase().endsWith('.svgz') ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
    return svgFindings(text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    return [{ line: 1, message: `cannot be read (${code}); save the image again` }];
  }
}
