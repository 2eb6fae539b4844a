/**
 * A version of the code that audits one post, for the audit cache: a hash of
 * every source file post-audit.ts imports, directly or not, and of the
 * versions of the packages they import. Any change to a rule, the Markdown
 * parser or a helper it uses makes every cached result stale.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const PROJECT = path.resolve(import.meta.dirname, '../../..');
/** Where package.json's `imports` aliases point (`#src/*`, `#tools/*`). */
const ALIASES: Record<string, string> = { '#src/': path.join(PROJECT, 'src'), '#tools/': path.join(PROJECT, 'tools') };
const IMPORT = /\bfrom\s+'([^']+)'|\bimport\s*\(\s*'([^']+)'\s*\)|\bimport\s+'([^']+)'/g;

/** The file a relative, `#src/` or `#tools/` import names, or undefined for a package. */
function localFile(specifier: string, importer: string): string | undefined {
  for (const [alias, folder] of Object.entries(ALIASES))
    if (specifier.startsWith(alias)) return path.join(folder, specifier.slice(alias.length));
  if (specifier.startsWith('.')) return path.resolve(path.dirname(importer), specifier);
  return undefined;
}

/** "mdast-util-from-markdown" of "mdast-util-from-markdown/lib/x.js", "@scope/name" of "@scope/name/y". */
const packageName = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(path.join(PROJECT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'absent';
  }
}

/** The hash of a module and every module it imports, directly or not, with the versions of the packages they import. */
export function sourceVersion(entry: string): string {
  const hash = createHash('sha256');
  const files = new Set([entry]);
  const packages = new Set<string>();
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    hash.update(`${path.relative(PROJECT, file)}\0${source}\0`);
    for (const match of source.matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? match[3]!;
      if (specifier.startsWith('node:')) continue;
      const local = localFile(specifier, file);
      if (local) files.add(local);
      else packages.add(packageName(specifier));
    }
  }
  for (const name of [...packages].sort()) hash.update(`${name}@${packageVersion(name)}\0`);
  return hash.digest('hex').slice(0, 16);
}

let version: string | undefined;

/** The version of the per-post audit (post-audit.ts and all it uses), worked out once per process. */
export function auditCodeVersion(): string {
  version ??= sourceVersion(path.join(import.meta.dirname, 'post-audit.ts'));
  return version;
}
