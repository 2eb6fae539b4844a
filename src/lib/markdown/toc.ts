/** The table of contents of a long post. */
export interface Heading {
  depth: number;
  slug: string;
  text: string;
}

export interface TocEntry extends Heading {
  children: Heading[];
}

/** Posts with this many `##` sections or more get a table of contents. */
export const TOC_MIN_SECTIONS = 4;

/** A two-level table of contents from `##` and `###` headings, or [] for short posts. */
export function tableOfContents(headings: readonly Heading[]): TocEntry[] {
  if (headings.filter((h) => h.depth === 2).length < TOC_MIN_SECTIONS) return [];
  const toc: TocEntry[] = [];
  for (const heading of headings) {
    if (heading.depth === 2) toc.push({ ...heading, children: [] });
    else if (heading.depth === 3 && toc.length > 0) toc.at(-1)!.children.push(heading);
  }
  return toc;
}
