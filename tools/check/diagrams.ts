/** ```mermaid diagrams the build cannot draw: each reported on its fence's line with the diagram library's message. */
import type { Code } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { visit } from 'unist-util-visit';
import { DiagramError, drawCached } from '#src/lib/markdown/diagrams/draw.ts';
import { DIAGRAM_LANGUAGE } from '#src/lib/markdown/diagrams/rehype-diagrams.ts';
import { diagramWords } from '#src/lib/markdown/diagrams/source.ts';

/**
 * Problems of the ```mermaid fences in `body`, `line` counting from the body's first line.
 * A body without the word costs one substring search (the checker reads every post before
 * every build); with it, the body is parsed, so a fence inside a list or a quote is found and
 * a "mermaid" in prose is not. Each diagram is drawn, as the build will draw it, into the same
 * cache (draw.ts), so the build that follows finds it drawn.
 */
export async function diagramProblems(body: string, cacheDir?: string): Promise<Array<{ line: number; message: string }>> {
  if (!body.includes(DIAGRAM_LANGUAGE)) return [];
  const fences: Code[] = [];
  visit(fromMarkdown(body), 'code', (node: Code) => {
    if (node.lang === DIAGRAM_LANGUAGE) fences.push(node);
  });
  const problems: Array<{ line: number; message: string }> = [];
  for (const fence of fences) {
    const line = fence.position?.start.line ?? 1;
    if (fence.value.trim() === '') {
      problems.push({ line, message: 'has an empty ```mermaid diagram; write the diagram in it, or remove the fence' });
      continue;
    }
    try {
      await drawCached(diagramWords(fence.value, fence.meta ?? null).drawn, cacheDir);
    } catch (error) {
      if (!(error instanceof DiagramError)) throw error;
      problems.push({
        line,
        message: `has a \`\`\`mermaid diagram that cannot be drawn: ${error.message}. Fix the diagram, or write \`\`\`text to show it as code`,
      });
    }
  }
  return problems;
}
