/** YouTube and Vimeo embeds and links alone in their paragraph become click-to-load facades, and flag the post so its page loads their script. */
import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { PAGE_ONLY } from './page-only.ts';
import { embedSrc, PROVIDER_NAMES, videoFromEmbedSrc, videoFromLink, watchUrl, type VideoRef } from './video-url.ts';

/** Set in a post's remarkPluginFrontmatter when its body has a video: the page then loads VideoEmbeds.astro's script. */
export const HAS_VIDEO = 'hasVideoEmbeds';

/** Titles embed codes write that say nothing about the video ("YouTube video player"). */
const GENERIC_TITLE = /^(?:youtube|vimeo)?[\s-]*(?:video[\s-]*)?(?:player|video|embed)?$/i;

/** The facade's visible title: the writer's (iframe title, link text) when it says something, else "Play video on …". */
function facadeTitle(written: string, video: VideoRef): { text: string; known: boolean } {
  const text = written.replace(/\s+/g, ' ').trim();
  if (text === '' || GENERIC_TITLE.test(text) || videoFromLink(text))
    return { text: `Play video on ${PROVIDER_NAMES[video.provider]}`, known: false };
  return { text, known: true };
}

const span = (className: string, children: ElementContent[], extra: Element['properties'] = {}): Element => ({
  type: 'element',
  tagName: 'span',
  properties: { className: [className], ...extra },
  children,
});

/**
 * The facade: a link to the video's page (so it works with no JavaScript and in
 * feeds, which drop the page-only play mark and note), drawn by prose.css as a
 * frame with a play button, and carrying the embed URL the script loads on the
 * click. Nothing in it loads from YouTube or Vimeo: no thumbnail, no player.
 */
export function facade(video: VideoRef, written: string): Element {
  const title = facadeTitle(written, video);
  const provider = PROVIDER_NAMES[video.provider];
  return {
    type: 'element',
    tagName: 'div',
    properties: {
      className: ['video-embed', ...(video.portrait ? ['video-embed--portrait'] : [])],
      dataVideoEmbed: embedSrc(video),
      dataVideoTitle: title.known ? title.text : `${provider} video`,
    },
    children: [
      {
        type: 'element',
        tagName: 'a',
        properties: { className: ['video-embed__link'], href: watchUrl(video) },
        children: [
          span('video-embed__play', [], { ariaHidden: 'true', ...PAGE_ONLY }),
          span('video-embed__title', [{ type: 'text', value: title.text }]),
          ...(title.known ? [span('video-embed__note', [{ type: 'text', value: ` Play on ${provider}` }], PAGE_ONLY)] : []),
        ],
      },
    ],
  };
}

/** A paragraph holding one link and nothing else but spaces: the link's element. */
function loneLink(paragraph: Element): Element | null {
  const content = paragraph.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
  const [only] = content;
  return content.length === 1 && only?.type === 'element' && only.tagName === 'a' ? only : null;
}

/**
 * Runs after rehypeSanitizePost, which has already dropped every iframe from
 * another host (and the post check has refused them with their line): an
 * iframe left here is YouTube's or Vimeo's. One with a bad id is removed, as
 * the check reports it too. A bare link in a sentence stays a link.
 */
export function rehypeVideoEmbeds() {
  return (tree: Root, file: VFile) => {
    let found = false;
    visit(tree, 'element', (node: Element, index, parent) => {
      if (!parent || index === undefined) return;
      if (node.tagName === 'iframe') {
        const video = videoFromEmbedSrc(String(node.properties['src'] ?? ''));
        if (!video) {
          parent.children.splice(index, 1);
          return index;
        }
        parent.children[index] = facade(video, String(node.properties['title'] ?? ''));
        found = true;
        return SKIP;
      }
      if (node.tagName !== 'p') return;
      const link = loneLink(node);
      const video = link && videoFromLink(String(link.properties['href'] ?? ''));
      if (!link || !video) return;
      parent.children[index] = facade(video, toString(link));
      found = true;
      return SKIP;
    });
    if (!found) return;
    const astro = ((file.data as { astro?: { frontmatter?: Record<string, unknown> } }).astro ??= {});
    (astro.frontmatter ??= {})[HAS_VIDEO] = true;
  };
}
