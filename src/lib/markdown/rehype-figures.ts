/** Images with a title shown as figures, the title as their caption. */
import type { Element, ElementContent, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';

const isBlank = (node: ElementContent) => node.type === 'text' && node.value.trim() === '';

/** The image a paragraph's only content is (an image, or a link around one), or undefined. */
function soleImage(paragraph: Element): { content: Element; image: Element } | undefined {
  const content = paragraph.children.filter((child) => !isBlank(child));
  const [only] = content;
  if (content.length !== 1 || only?.type !== 'element') return undefined;
  if (only.tagName === 'img') return { content: only, image: only };
  if (only.tagName !== 'a') return undefined;
  const inside = only.children.filter((child) => !isBlank(child));
  const [image] = inside;
  return inside.length === 1 && image?.type === 'element' && image.tagName === 'img' ? { content: only, image } : undefined;
}

/**
 * `![A chart](/chart.webp "Costs by month")` alone in its paragraph becomes
 * `<figure><img alt="A chart" …><figcaption>Costs by month</figcaption></figure>`: writers put
 * a caption in the title, and a title is a tooltip no phone shows and no screen reader is sure
 * to read. The alt text stays the image's description; the caption is said once, as text. An
 * image inside a sentence keeps its title: a figure cannot sit inside a paragraph.
 */
export function rehypeFigures() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'p' || !parent || index === undefined) return;
      const found = soleImage(node);
      const title = found?.image.properties['title'];
      if (!found || typeof title !== 'string' || title.trim() === '') return;
      delete found.image.properties['title'];
      parent.children[index] = {
        type: 'element',
        tagName: 'figure',
        properties: {},
        children: [
          found.content,
          { type: 'element', tagName: 'figcaption', properties: {}, children: [{ type: 'text', value: title.trim() }] },
        ],
      };
      return SKIP;
    });
  };
}
