/** ```mermaid fences drawn as SVG figures: remarkDiagrams notes each fence (title, line), rehypeDiagrams draws it after the sanitiser. */
import type { Element, Parents, Root as HastRoot } from 'hast';
import type { Code, Root as MdastRoot } from 'mdast';
import { toString } from 'hast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { DiagramError } from './draw.ts';
import { diagramFigure, undrawnDiagram } from './figure.ts';
import type { DiagramSource } from './source.ts';

/** The fence language drawn as a diagram; pipeline.ts keeps Shiki off it (`syntaxHighlight.excludeLangs`). */
export const DIAGRAM_LANGUAGE = 'mermaid';

interface DiagramData {
  diagrams?: DiagramSource[];
}

/**
 * Notes each ```mermaid fence with its meta (`title="…"`) and line, in order. The
 * sanitiser (rehype-sanitize-post.ts) rebuilds the tree without either, so rehypeDiagrams
 * finds them here, matched by the fence's text.
 */
export function remarkDiagrams() {
  return (tree: MdastRoot, file: VFile) => {
    const diagrams: DiagramSource[] = [];
    visit(tree, 'code', (node: Code) => {
      if (node.lang !== DIAGRAM_LANGUAGE) return;
      diagrams.push({ code: node.value, meta: node.meta ?? null, line: node.position?.start.line ?? 1 });
    });
    if (diagrams.length > 0) (file.data as DiagramData).diagrams = diagrams;
  };
}

/** The fence's code: `<pre><code class="language-mermaid">`, as remark-rehype writes it and Shiki, told to, leaves it. */
function diagramCode(pre: Element): Element | undefined {
  if (pre.tagName !== 'pre' || pre.children.length !== 1) return undefined;
  const [code] = pre.children;
  if (code?.type !== 'element' || code.tagName !== 'code') return undefined;
  const classes = code.properties['className'];
  return Array.isArray(classes) && classes.includes(`language-${DIAGRAM_LANGUAGE}`) ? code : undefined;
}

/**
 * Replaces each noted fence's code block with its figure (figure.ts). Placed after the
 * sanitiser: the SVG is the library's, made from the fence's text, never the writer's HTML,
 * and the sanitiser would strip it. A `<pre><code class="language-mermaid">` written as raw
 * HTML matches no fence and stays code. A diagram that cannot be drawn becomes its source
 * with a note (the checker reports it with its line before a build; the dev server shows it).
 * `cacheDir`: where drawings are kept between builds (draw.ts), none in unit tests.
 */
export function rehypeDiagrams(options: { cacheDir?: string | undefined } = {}) {
  return async (tree: HastRoot, file: VFile) => {
    const pending = [...((file.data as DiagramData).diagrams ?? [])];
    if (pending.length === 0) return;
    const found: Array<{ pre: Element; parent: Parents; source: DiagramSource }> = [];
    visit(tree, 'element', (node: Element, _index, parent) => {
      const code = diagramCode(node);
      if (!code || !parent) return;
      const text = toString(code);
      const at = pending.findIndex((source) => source.code === text || `${source.code}\n` === text);
      if (at === -1) return SKIP;
      found.push({ pre: node, parent, source: pending.splice(at, 1)[0]! });
      return SKIP;
    });
    for (const [index, { pre, parent, source }] of found.entries()) {
      let replacement: Element[];
      try {
        replacement = [await diagramFigure(source, index, options.cacheDir)];
      } catch (error) {
        if (!(error instanceof DiagramError)) throw error;
        console.warn(`${file.path ?? 'a post'}: the diagram on line ${source.line} of the body was not drawn: ${error.message}`);
        replacement = undrawnDiagram(source, error.message);
      }
      parent.children.splice(parent.children.indexOf(pre), 1, ...replacement);
    }
  };
}
