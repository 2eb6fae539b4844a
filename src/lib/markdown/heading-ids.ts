/** The ids a post's headings get, for checking links to #fragments. */
import GithubSlugger from 'github-slugger';
import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';

/** `id="…"` written in raw HTML in a body: `<h2 id="setup">`, `<a id="table-3">`. */
const HTML_ID = /\sid=["']([^"']+)["']/g;

/**
 * The fragment ids a post's page has for its body: every heading's id, made
 * the way Astro makes them (github-slugger over the heading's text, in
 * document order, so a repeated heading gets "-1"), and ids written in raw
 * HTML. Used to check `/blog/x/#fragment` links before building.
 */
export function headingIds(body: string, options: { mdx?: boolean } = {}): Set<string> {
  const ids = new Set<string>();
  let tree: Root;
  try {
    tree = options.mdx ? fromMarkdown(body.replace(/\{[^{}]*\}/g, '')) : fromMarkdown(body);
  } catch {
    return ids;
  }
  const slugger = new GithubSlugger();
  visit(tree, 'heading', (heading) => {
    ids.add(slugger.slug(toString(heading, { includeImageAlt: false })));
  });
  for (const match of body.matchAll(HTML_ID)) ids.add(match[1]!);
  return ids;
}
