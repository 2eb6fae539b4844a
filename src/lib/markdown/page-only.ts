/** Marks for what only the page (PAGE_ONLY) or only the feed (FEED_ONLY) shows of a post's body. */

/**
 * Marks what the markdown pipeline adds for readers of the page only (heading
 * links, code block toolbars) as `data-page-only`: feeds drop these elements
 * (feed-html.ts), since a feed reader has neither the site's styles nor its scripts.
 */
export const PAGE_ONLY = { dataPageOnly: '' } as const;

/**
 * The other way round: marks what feeds show and pages keep `hidden`, such as a diagram's
 * text alternative in place of the SVG that feeds drop (diagrams/figure.ts); feed-html.ts
 * unhides these elements.
 */
export const FEED_ONLY = { dataFeedOnly: '' } as const;
