/** A Content-Security-Policy as directive -> sources, for comparing policies whatever their spacing and order. */
export function parseCsp(policy: string): Map<string, Set<string>> {
  const directives = new Map<string, Set<string>>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name, new Set(sources));
  }
  return directives;
}

/** What `policy` allows that `base` does not, as "directive source" lines; Astro's hashes of its own bundled files left out. */
export function cspAdditions(policy: Map<string, Set<string>>, base: Map<string, Set<string>>): string[] {
  const added: string[] = [];
  for (const [name, sources] of policy)
    for (const source of sources) if (!base.get(name)?.has(source) && !source.startsWith("'sha256-")) added.push(`${name} ${source}`);
  return added.sort();
}

/** The page's <meta> policy. */
export const metaCsp = (doc: Document) => doc.querySelector('meta[http-equiv="content-security-policy"]')?.getAttribute('content') ?? '';

/** The policy dist/_headers sends for every path. */
export const headersCsp = (headers: string) => /^\s+Content-Security-Policy: (.+)$/m.exec(headers)?.[1] ?? '';
