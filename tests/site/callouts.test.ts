import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseFeed } from '@rowanmanning/feed-parser';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { page } from '../helpers/dist.ts';

/**
 * What a reader and a subscriber get of tests/fixtures/site/content/blog/toolkit-callouts.md
 * (every callout form) and of gamma.mdx's callout: asides with a name, an icon and a title on the
 * page; quotes with the title in bold in the feed; the text in the search index.
 */
const POST = '/blog/toolkit-callouts/';
let dist = '';
beforeAll(() => {
  dist = path.join(inject('fixtureRoot'), 'dist');
});

/** Each callout of a page: its classes, accessible name, title, whether folded, and the start of its text. */
function callouts(urlPath: string) {
  return [...page(dist, urlPath).querySelectorAll('.prose aside')].map((aside) => {
    const title = aside.querySelector('.callout-title')!;
    const icon = title.querySelector('svg');
    const text = [...aside.querySelectorAll(':scope > :not(.callout-title, details), :scope > details > :not(summary)')]
      .map((node) => node.textContent!.trim())
      .join(' ');
    return {
      class: aside.getAttribute('class'),
      role: aside.getAttribute('role'),
      label: aside.getAttribute('aria-label'),
      title: title.textContent!.trim(),
      icon: icon ? `${icon.getAttribute('aria-hidden')} ${icon.hasAttribute('style') ? 'styled' : 'no style'}` : 'none',
      fold: aside.querySelector('details') ? (aside.querySelector('details')!.hasAttribute('open') ? 'open' : 'closed') : 'none',
      text: text.split(/\s+/).slice(0, 3).join(' '),
    };
  });
}

describe('callouts on the page', () => {
  it('draws every form as an aside named by its title, with a decorative icon', () => {
    const icon = 'true no style';
    expect(callouts(POST)).toEqual([
      { role: 'note', class: 'callout callout-note', label: 'Note', title: 'Note', icon, fold: 'none', text: 'Useful information that' },
      { role: 'note', class: 'callout callout-tip', label: 'Tip', title: 'Tip', icon, fold: 'none', text: 'Helpful advice for' },
      {
        role: 'note',
        class: 'callout callout-important',
        label: 'Important',
        title: 'Important',
        icon,
        fold: 'none',
        text: 'Key information readers',
      },
      { role: 'note', class: 'callout callout-warning', label: 'Warning', title: 'Warning', icon, fold: 'none', text: 'Urgent info that' },
      {
        role: 'note',
        class: 'callout callout-caution',
        label: 'Caution',
        title: 'Caution',
        icon,
        fold: 'none',
        text: 'Advises about risks',
      },
      {
        role: 'note',
        class: 'callout callout-tip',
        label: 'Measure first',
        title: 'Measure first',
        icon,
        fold: 'none',
        text: 'Then cut once.',
      },
      {
        role: 'note',
        class: 'callout callout-warning',
        label: 'Folded until opened',
        title: 'Folded until opened',
        icon,
        fold: 'closed',
        text: 'The content a',
      },
      { role: 'note', class: 'callout callout-note', label: 'Note', title: 'Note', icon, fold: 'none', text: 'A Starlight note.' },
      {
        role: 'note',
        class: 'callout callout-caution',
        label: 'Custom title',
        title: 'Custom title',
        icon,
        fold: 'none',
        text: 'A Starlight caution',
      },
      {
        role: 'note',
        class: 'callout callout-caution',
        label: 'Danger',
        title: 'Danger',
        icon,
        fold: 'none',
        text: 'Docusaurus danger, drawn',
      },
      { role: 'note', class: 'callout callout-note', label: 'Info', title: 'Info', icon, fold: 'none', text: 'Docusaurus info, drawn' },
    ]);
  });

  it('keeps what the callouts hold: lists, links, highlighted code with its copy button', () => {
    const doc = page(dist, POST);
    const [important, warning] = [doc.querySelector('.callout-important')!, doc.querySelector('.callout-warning')!];
    expect([...important.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['first point', 'second point']);
    expect(doc.querySelector('.callout-tip a')!.getAttribute('href')).toBe('/blog/');
    expect(warning.querySelector('pre.astro-code')!.textContent).toBe('npm run build');
    expect(warning.querySelector('.code-block__copy')).not.toBeNull();
    expect(doc.querySelector('.callout-title em')!.textContent).toBe('first');
  });

  it('leaves the prose around them as written, with no raw marker left', () => {
    const prose = page(dist, POST).querySelector('.prose')!;
    expect(prose.textContent).toContain('Note:important,\nsee the docs::here, meet at 12:30, use std::vector.');
    expect(prose.textContent).not.toMatch(/\[!|:::/);
    expect(prose.querySelectorAll('blockquote')).toHaveLength(0);
  });

  it('works in MDX', () => {
    expect(callouts('/blog/gamma/')).toEqual([
      {
        class: 'callout callout-tip',
        role: 'note',
        label: 'Callouts in MDX',
        title: 'Callouts in MDX',
        icon: 'true no style',
        fold: 'none',
        text: 'The same aside',
      },
    ]);
    expect(page(dist, '/blog/gamma/').querySelector('.callout-tip')!.textContent).toContain('the answer: 42.');
  });

  it('are styled by the site stylesheet (inlined in the page), in its light and dark colours', () => {
    const css = [...page(dist, POST).querySelectorAll('style')].map((style) => style.textContent).join('\n');
    expect(css).toMatch(/\.prose \.callout-caution\s*\{\s*--callout:\s*var\(--callout-caution\)/);
    expect(css).toMatch(/--callout-note:\s*light-dark\(/);
  });
});

describe('callouts in the feed', () => {
  it('arrive as quotes opening with their title in bold, content kept, no icon', () => {
    const feed = parseFeed(readFileSync(path.join(dist, 'rss.xml'), 'utf8'));
    const item = feed.items.find((entry) => entry.url === `https://blog.example.com${POST}`)!;
    const { document } = parseHTML(`<main>${item.content}</main>`);
    const quotes = [...document.querySelectorAll('main > blockquote')];
    expect(quotes.map((quote) => quote.querySelector('strong')!.textContent)).toEqual([
      'Note',
      'Tip',
      'Important',
      'Warning',
      'Caution',
      'Measure first',
      'Folded until opened',
      'Note',
      'Custom title',
      'Danger',
      'Info',
    ]);
    expect(quotes[1]!.querySelector('a')!.getAttribute('href')).toBe('https://blog.example.com/blog/');
    expect(quotes[3]!.querySelector('pre')!.textContent).toBe('npm run build');
    expect(quotes[6]!.querySelector('details > summary')!.textContent).toBe('Folded until opened');
    expect(item.content).not.toMatch(/<svg|<aside|class=/);
  });
});

describe('callouts in the search index', () => {
  it('are indexed as text: titles and content', () => {
    const folder = path.join(dist, 'pagefind/fragment');
    const fragment = readdirSync(folder)
      .map((file) => gunzipSync(readFileSync(path.join(folder, file))).toString('utf8'))
      .find((text) => text.includes(`"url":"${POST}"`))!;
    expect(fragment).toContain('Measure first');
    expect(fragment).toContain('The content a reader opens with a click.');
    expect(fragment).toContain('Docusaurus danger, drawn as a caution.');
  });
});
