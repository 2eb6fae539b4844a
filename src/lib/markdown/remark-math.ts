/** Math in posts read into the Markdown tree: `$…$`, `$$…$$` and ```` ```math ```` fences (rendered by rehype-math.ts). */
import type { Code, Paragraph, Root } from 'mdast';
import { mathFromMarkdown, mathToMarkdown } from 'mdast-util-math';
import type { InlineMath, Math } from 'mdast-util-math';
import type { Processor } from 'unified';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { mathSyntax } from './math-syntax.ts';

/** A display formula as mdast-util-math makes one, so remark-rehype writes `<pre><code class="language-math">`. */
function displayMath(value: string, position: Math['position']): Math {
  return {
    type: 'math',
    value,
    position,
    data: {
      hName: 'pre',
      hChildren: [
        {
          type: 'element',
          tagName: 'code',
          properties: { className: ['language-math', 'math-display'] },
          children: [{ type: 'text', value }],
        },
      ],
    },
  };
}

/** `$$…$$` written alone in its paragraph, which writers (and GitHub) mean as a display formula. */
export function loneDoubleDollar(paragraph: Paragraph, source: string): InlineMath | null {
  if (paragraph.children.length !== 1) return null;
  const only = paragraph.children[0]!;
  const start = only.position?.start.offset;
  if (only.type !== 'inlineMath' || start === undefined || !source.startsWith('$$', start)) return null;
  return only;
}

/**
 * remark-math's plugin with the inline syntax of math-syntax.ts (prices stay text), and two
 * forms made display math: `$$…$$` alone in its paragraph, and GitHub's ```` ```math ```` fence.
 */
export function remarkMath(this: Processor) {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(mathSyntax());
  (data.fromMarkdownExtensions ??= []).push(mathFromMarkdown());
  (data.toMarkdownExtensions ??= []).push(mathToMarkdown());
  return (tree: Root, file: VFile) => {
    const source = String(file.value);
    visit(tree, (node, index, parent) => {
      if (!parent || index === undefined) return;
      if (node.type === 'code' && (node as Code).lang === 'math') {
        parent.children[index] = displayMath((node as Code).value, node.position);
        return;
      }
      if (node.type !== 'paragraph') return;
      const lone = loneDoubleDollar(node as Paragraph, source);
      if (lone) parent.children[index] = displayMath(lone.value, node.position);
    });
  };
}
