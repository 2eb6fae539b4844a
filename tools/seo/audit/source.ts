/** A checked post read for the audit: its Markdown tree, text and field lines. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { mdxFromMarkdown } from 'mdast-util-mdx';
import { mdxjs } from 'micromark-extension-mdxjs';
import type { CheckedPost } from '#tools/check/problems.ts';
import { fieldLine } from '#tools/check/yaml-errors.ts';
import { splitFrontmatter } from '#src/lib/content/frontmatter.ts';
import { readableText } from './text.ts';
import type { AuditPost } from './types.ts';

/**
 * The body's Markdown tree, parsed as the page renders it: MDX as MDX, so
 * JSX and imports are not read as prose. An MDX body the checker already
 * reports as broken is read as plain Markdown instead.
 */
function parseBody(body: string, mdx: boolean): Root {
  if (mdx) {
    try {
      return fromMarkdown(body, { extensions: [mdxjs()], mdastExtensions: [mdxFromMarkdown()] });
    } catch {
      // fall through: plain Markdown still gives headings, links and images at their lines
    }
  }
  return fromMarkdown(body);
}

/** Reads a post the checker validated into what the audit rules look at. */
export function readAuditPost(post: CheckedPost, root: string): AuditPost {
  const raw = readFileSync(path.join(root, post.file), 'utf8');
  const split = splitFrontmatter(raw);
  const { frontmatter, body, bodyLine } = typeof split === 'object' ? split : { frontmatter: '', body: raw, bodyLine: 1 };
  const tree = parseBody(body, post.file.endsWith('.mdx'));
  return {
    file: post.file,
    slug: post.slug,
    data: post.data,
    published: post.published,
    fieldLine: (field) => fieldLine(frontmatter, field),
    body,
    bodyLine,
    tree,
    text: readableText(tree),
  };
}
