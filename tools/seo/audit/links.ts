/** A post's links, sorted into links to our posts and others. */
import type { Definition, Html, Link, LinkReference } from 'mdast';
import { visit } from 'unist-util-visit';
import { postSlugFromPath, siteRelativePath } from '#src/lib/urls/site-paths.ts';
import type { AuditPost } from './types.ts';

/** Where the site lives, to tell its own links from others. */
export interface SiteAddress {
  /** Every origin that is this site ("https://blog.example.com"). */
  origins: string | readonly string[];
  /** Base path the site is hosted under ("/" or "/notes/"). */
  base: string;
}

/** A link in a body to a page of this site. */
export interface InternalLink {
  line: number;
  /** As the editor wrote it. */
  href: string;
  /** The site path, without the base path ("/blog/x/#faq"). */
  path: string;
  /** The post it points at, or null for other pages. */
  slug: string | null;
}

const A_TAG = /<a\b[^>]*?\shref\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;

/** Every link of a body that stays on the site: Markdown links, reference links and raw HTML `<a href>`. */
export function internalLinks(post: AuditPost, site: SiteAddress): InternalLink[] {
  const definitions = new Map<string, string>();
  visit(post.tree, 'definition', (node: Definition) => {
    definitions.set(node.identifier, node.url);
  });
  const links: InternalLink[] = [];
  const lineOf = (node: Link | LinkReference | Html) => post.bodyLine + (node.position?.start.line ?? 1) - 1;
  const add = (href: string, line: number) => {
    const local = siteRelativePath(href, site.origins);
    if (local === null) return;
    const path = site.base !== '/' && local.startsWith(site.base) ? `/${local.slice(site.base.length)}` : local;
    links.push({ line, href, path, slug: postSlugFromPath(path) });
  };
  visit(post.tree, (node) => {
    if (node.type === 'link') add(node.url, lineOf(node));
    else if (node.type === 'linkReference') {
      const url = definitions.get(node.identifier);
      if (url !== undefined) add(url, lineOf(node));
    } else if (node.type === 'html') {
      for (const match of node.value.matchAll(A_TAG))
        add(match[1] ?? match[2] ?? '', lineOf(node) + node.value.slice(0, match.index).split('\n').length - 1);
    }
  });
  return links;
}
