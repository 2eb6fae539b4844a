/** A repeated title or hero at the top of a body removed. */
import type { Heading, Image, Paragraph, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import { decodePath } from '#src/lib/urls/safe-paths.ts';

interface AstroFileData {
  astro?: { frontmatter?: Record<string, unknown> };
}

const comparable = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** "./hero.webp", "hero.webp" and "/hero.webp" name the same picture for this purpose. */
const comparablePath = (src: string) =>
  // A malformed escape ("%zz") is compared as written; the post check reports it with its line.
  (decodePath(src).path ?? src).replace(/^\.?\//, '').replace(/^\//, '');

function isContent(node: RootContent): boolean {
  // MDX exports/imports, HTML comments and YAML are not something a reader sees.
  if (['yaml', 'mdxjsEsm', 'definition'].includes(node.type)) return false;
  if (node.type === 'html') return !/^\s*<!--[\s\S]*-->\s*$/.test(node.value);
  return true;
}

function loneImage(node: RootContent | undefined): Image | null {
  if (node?.type !== 'paragraph') return null;
  const visible = (node as Paragraph).children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
  return visible.length === 1 && visible[0]!.type === 'image' ? visible[0] : null;
}

/**
 * Editors paste posts that repeat the title as a leading `# H1` and the hero as
 * a leading image; the page already shows both. This drops those repeats and
 * turns any other `#` heading into `##`, so a page has exactly one <h1>.
 */
export function remarkPostCleanup() {
  return (tree: Root, file: VFile) => {
    const frontmatter = (file.data as AstroFileData).astro?.frontmatter ?? {};
    const title = typeof frontmatter['title'] === 'string' ? frontmatter['title'] : '';
    const hero = typeof frontmatter['heroImage'] === 'string' ? frontmatter['heroImage'] : '';

    const firstIndex = () => tree.children.findIndex(isContent);
    let index = firstIndex();
    const first = tree.children[index];
    if (first?.type === 'heading' && first.depth === 1 && title && comparable(toString(first)) === comparable(title)) {
      tree.children.splice(index, 1);
      index = firstIndex();
    }
    const image = loneImage(tree.children[index]);
    if (image && hero && comparablePath(image.url) === comparablePath(hero)) tree.children.splice(index, 1);

    const demote = (node: Root | RootContent) => {
      if (node.type === 'heading' && (node as Heading).depth === 1) (node as Heading).depth = 2;
      if ('children' in node) node.children.forEach(demote);
    };
    demote(tree);
  };
}
