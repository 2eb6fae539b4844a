/** Checks of a post's body on its own: not empty, valid MDX, no placeholders left; and the links and images it references. */
import { isPlaceholder } from '#src/lib/content/post-template.ts';
import { checkMdxBody } from './mdx-check.ts';

/** Blanks out fenced code so links in code samples are not taken for real links. */
export function withoutCode(body: string): string {
  return body.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, (block) => block.replace(/[^\n]/g, ' '));
}

export interface BodyReference {
  kind: 'link' | 'image';
  target: string;
  /** The 1-based line of the body it is on. */
  line: number;
  /** For images: the alt text, or null when there is none. */
  alt?: string | null;
}

/** Markdown and HTML links and images in a body, outside code. */
export function bodyReferences(body: string): BodyReference[] {
  const found: Array<Omit<BodyReference, 'line'> & { offset: number }> = [];
  const text = withoutCode(body);
  for (const m of text.matchAll(/(!?)\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+["'][^)]*["'])?\s*\)/g)) {
    found.push({ kind: m[1] ? 'image' : 'link', target: m[3]!, offset: m.index, alt: m[2]!.trim() || null });
  }
  for (const m of text.matchAll(/<(a|img)\b[^>]*?\s(?:href|src)=["']([^"']+)["'][^>]*>/gi)) {
    // An explicit alt="" marks a decorative image, which is allowed in HTML.
    const alt = /\salt=["']/i.test(m[0]) ? '' : null;
    found.push({ kind: m[1]!.toLowerCase() === 'a' ? 'link' : 'image', target: m[2]!, offset: m.index, alt });
  }
  return found.map(({ offset, ...ref }) => ({ ...ref, line: body.slice(0, offset).split('\n').length }));
}

/** An empty body, or MDX that will not compile: `line` counts from the body's first line. */
export async function bodyMistakes(body: string, postFile: string, root: string): Promise<Array<{ line: number; message: string }>> {
  if (body.trim() === '') return [{ line: 1, message: 'is empty; write the post below the closing "---"' }];
  if (!postFile.endsWith('.mdx')) return [];
  return checkMdxBody(body, { postFile, root });
}

/** Body lines (1-based) still holding a "TODO:" placeholder from `npm run new`. */
export function placeholderLines(body: string): number[] {
  const lines: number[] = [];
  withoutCode(body)
    .split('\n')
    .forEach((line, index) => {
      if (isPlaceholder(line)) lines.push(index + 1);
    });
  return lines;
}
