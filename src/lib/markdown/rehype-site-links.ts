/** Links to our own domain made root-relative under the base path. */
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { siteRelativePath, withBase } from '#src/lib/urls/site-paths.ts';

export interface SiteLinkOptions {
  /** The site's origin, or all of them (SITE.origins). */
  siteUrl: string | readonly string[];
  base: string;
}

/**
 * Links to our own domain become root-relative (under the base path), so they
 * work on preview deploys and keep readers on the same host. External links
 * get rel="noopener".
 */
export function rehypeSiteLinks(options: SiteLinkOptions) {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'a' || typeof node.properties['href'] !== 'string') return;
      const href = node.properties['href'];
      if (href.startsWith('#')) return;
      const local = siteRelativePath(href, options.siteUrl);
      if (local !== null) {
        node.properties['href'] = withBase(local, options.base);
      } else if (/^https?:\/\//i.test(href)) {
        node.properties['rel'] = ['noopener'];
      }
    });
  };
}
