/** The ids a post's headings get, for checking links to #fragments and the headings' own `{#id}`s. */
import GithubSlugger from 'github-slugger';
import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { takeCustomId } from './custom-heading-id.ts';

/** `id="…"` written in raw HTML in a body: `<h2 id="setup">`, `<a id="table-3">`. */
const HTML_ID = /\sid=["']([^"']+)["']/g;

export interface HeadingId {
  id: string;
  /** The heading's 1-based line in the body. */
  line: number;
  /** Written as `{#id}`, rather than made from the heading's text. */
  custom: boolean;
  /** The heading's text, without its `{#id}`. */
  text: string;
}

/**
 * Each Markdown heading's id, in document order, decided as the build decides it: a valid
 * `{#id}` (remark-heading-ids.ts, through the same takeCustomId), else github-slugger over
 * the heading's text, as Astro's rehypeHeadingIds does, so a repeated heading gets "-1"; a
 * heading with its own id is not counted by the slugger, as in Astro.
 */
export function markdownHeadingIds(body: string, options: { mdx?: boolean } = {}): HeadingId[] {
  let tree: Root;
  try {
    tree = options.mdx ? fromMarkdown(body.replace(/\{[^{}]*\}/g, '')) : fromMarkdown(body);
  } catch {
    return [];
  }
  const slugger = new GithubSlugger();
  const ids: HeadingId[] = [];
  visit(tree, 'heading', (heading) => {
    const line = heading.position?.start.line ?? 1;
    const custom = options.mdx ? null : takeCustomId(heading);
    const text = toString(heading, { includeImageAlt: false });
    ids.push(custom !== null ? { id: custom, line, custom: true, text } : { id: slugger.slug(text), line, custom: false, text });
  });
  return ids;
}

/**
 * The fragment ids a post's page has for its body: every heading's id
 * (markdownHeadingIds) and ids written in raw HTML. Used to check
 * `/blog/x/#fragment` links before building.
 */
export function headingIds(body: string, options: { mdx?: boolean } = {}): Set<string> {
  const ids = new Set(markdownHeadingIds(body, options).map((heading) => heading.id));
  for (const match of body.matchAll(HTML_ID)) ids.add(match[1]!);
  return ids;
}
