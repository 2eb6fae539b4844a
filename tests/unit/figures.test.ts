import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { rehypeFigures } from '../../src/lib/markdown/rehype-figures.ts';

const html = (markdown: string) =>
  String(unified().use(remarkParse).use(remarkRehype).use(rehypeFigures).use(rehypeStringify).processSync(markdown)).trim();

describe('images with a title', () => {
  it.each([
    [
      'alone in its paragraph',
      '![A chart](/chart.webp "Costs by month")',
      '<figure><img src="/chart.webp" alt="A chart"><figcaption>Costs by month</figcaption></figure>',
    ],
    [
      "in single quotes, the title's spaces trimmed",
      "![A chart](/chart.webp ' Costs ')",
      '<figure><img src="/chart.webp" alt="A chart"><figcaption>Costs</figcaption></figure>',
    ],
    [
      'inside a link',
      '[![A chart](/chart.webp "Costs")](https://example.com/data)',
      '<figure><a href="https://example.com/data"><img src="/chart.webp" alt="A chart"></a><figcaption>Costs</figcaption></figure>',
    ],
    [
      'with a caption that has markup characters',
      '![x](/x.webp "Fish & <chips>")',
      '<figure><img src="/x.webp" alt="x"><figcaption>Fish &#x26; &#x3C;chips></figcaption></figure>',
    ],
  ])('become a figure with a caption: %s', (_form, markdown, expected) => {
    expect(html(markdown)).toBe(expected);
  });

  it.each([
    ['no title', '![A chart](/chart.webp)', '<p><img src="/chart.webp" alt="A chart"></p>'],
    ['a blank title', '![A chart](/chart.webp " ")', '<p><img src="/chart.webp" alt="A chart" title=" "></p>'],
    ['inside a sentence', 'See ![a](/a.webp "A") here.', '<p>See <img src="/a.webp" alt="a" title="A"> here.</p>'],
    [
      'two in one paragraph',
      '![a](/a.webp "A") ![b](/b.webp "B")',
      '<p><img src="/a.webp" alt="a" title="A"> <img src="/b.webp" alt="b" title="B"></p>',
    ],
    [
      'a link with text beside the image',
      '[![a](/a.webp "A") more](https://x.test)',
      '<p><a href="https://x.test"><img src="/a.webp" alt="a" title="A"> more</a></p>',
    ],
  ])('stay as they are: %s', (_form, markdown, expected) => {
    expect(html(markdown)).toBe(expected);
  });
});
