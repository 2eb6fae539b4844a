/**
 * Marks what the markdown pipeline adds for readers of the page only (heading
 * links, code block toolbars) as `data-page-only`: feeds drop these elements
 * (feed-html.ts), since a feed reader has neither the site's styles nor its scripts.
 */
export const PAGE_ONLY = { dataPageOnly: '' } as const;
