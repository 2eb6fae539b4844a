/** Headings' own ids, `## Pricing {#pricing}`: valid, not used twice in a post, and not written in .mdx, where `{…}` is code. */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { visit } from 'unist-util-visit';
import { customIdMark } from '#src/lib/markdown/custom-heading-id.ts';
import { markdownHeadingIds, type HeadingId } from '#src/lib/markdown/heading-ids.ts';

type BodyProblem = { line: number; message: string };

const FORM = 'write it as letters, digits, "-" or "_" with no spaces, e.g. ## Pricing {#pricing}';

/** A Markdown heading line ending in `{#…}`, outside fenced code: what MDX would read as an expression. */
function mdxCustomIds(body: string): BodyProblem[] {
  const problems: BodyProblem[] = [];
  let fence: string | null = null;
  body.split('\n').forEach((line, index) => {
    const opening = /^ {0,3}(```|~~~)/.exec(line);
    if (opening) fence = fence === null ? opening[1]! : line.trimStart().startsWith(fence) ? null : fence;
    if (fence !== null || opening) return;
    const heading = /^ {0,3}(#{1,6})\s+(.*?)\s*\{#([^{}]*)\}\s*$/.exec(line);
    if (!heading) return;
    const [, hashes, text, id] = heading;
    const tag = `h${hashes!.length}`;
    problems.push({
      line: index + 1,
      message: `has a heading id "{#${id}}", which .mdx reads as a JavaScript expression and cannot build; in .mdx write the heading as <${tag} id="${id}">${text}</${tag}> (or rename the post to .md)`,
    });
  });
  return problems;
}

/**
 * Every `{#id}` the build cannot use, on its body line: empty, with spaces or other
 * characters an id cannot have, or the id of another heading of the same post (written
 * or made from its text). Cheap when the body has no `{#`.
 */
export function headingIdProblems(body: string, options: { mdx?: boolean } = {}): BodyProblem[] {
  if (!body.includes('{#')) return [];
  if (options.mdx) return mdxCustomIds(body);
  const problems: BodyProblem[] = [];
  visit(fromMarkdown(body), 'heading', (heading) => {
    const mark = customIdMark(heading);
    if (!mark || mark.valid) return;
    const line = heading.position?.start.line ?? 1;
    const what = mark.written.trim() === '' ? 'is empty' : /\s/.test(mark.written) ? 'has a space' : 'has a character an id cannot have';
    problems.push({ line, message: `has a heading id "{#${mark.written}}" that ${what}; ${FORM}` });
  });
  const seen = new Map<string, HeadingId>();
  for (const heading of markdownHeadingIds(body)) {
    const first = seen.get(heading.id);
    if (!first) seen.set(heading.id, heading);
    else if (heading.custom || first.custom) {
      problems.push({
        line: heading.line,
        message: `has the heading id "#${heading.id}", which the heading "${first.text}" above has too; links to #${heading.id} would go to that one. Give one of them another {#id}`,
      });
    }
  }
  return problems.sort((a, b) => a.line - b.line);
}
