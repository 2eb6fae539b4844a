/** A diagram's text alternative when the writer gave none: its kind and its links, read from the drawn SVG. */
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

/** Long enough for a dozen links; a bigger diagram's alternative ends in "and N more". */
const MOST_LINKS = 24;

const text = (node: Element, name: string) => {
  const value = node.properties[name];
  return typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : undefined;
};

const classesOf = (node: Element) => {
  const classes = node.properties['className'];
  return Array.isArray(classes) ? classes.map(String) : [];
};

/**
 * "Flowchart: Start → Decision; Decision → Action: yes; Decision → End: no." from the
 * data attributes beautiful-mermaid writes on every shape (`data-id`, `data-label`) and
 * every link (`data-from`, `data-to`, `data-label`; ER links `data-entity1`, `data-entity2`).
 * Shapes on no link are listed after the links. Reading the drawing rather than the
 * source means each kind of diagram is described by what the library understood of it.
 */
export function describeDiagram(kind: string, svg: Root): string {
  const names = new Map<string, string>();
  const links: string[] = [];
  const linked = new Set<string>();
  const groups = new Set<string>();
  visit(svg, 'element', (node: Element) => {
    const id = text(node, 'dataId');
    if (id === undefined) return;
    names.set(id, text(node, 'dataLabel') || (id === '_start' ? 'start' : id === '_end' ? 'end' : id));
    // A subgraph is a box around shapes, not a shape of its own.
    if (classesOf(node).includes('subgraph')) groups.add(id);
  });
  const name = (id: string) => names.get(id) ?? id.replace(/^_(start|end)\d*$/, '$1');
  visit(svg, 'element', (node: Element) => {
    if (classesOf(node).includes('edge-label')) return;
    const from = text(node, 'dataFrom') ?? text(node, 'dataEntity1');
    const to = text(node, 'dataTo') ?? text(node, 'dataEntity2');
    if (from === undefined || to === undefined) return;
    linked.add(from).add(to);
    const label = text(node, 'dataLabel');
    links.push(`${name(from)} → ${name(to)}${label ? `: ${label}` : ''}`);
  });
  const alone = [...names.keys()].filter((id) => !linked.has(id) && !groups.has(id)).map(name);
  const parts = links.length > MOST_LINKS ? [...links.slice(0, MOST_LINKS), `and ${links.length - MOST_LINKS} more`] : links;
  if (alone.length > 0) parts.push(`${links.length > 0 ? 'also ' : ''}${alone.join(', ')}`);
  return parts.length > 0 ? `${kind}: ${parts.join('; ')}.` : `${kind}.`;
}
