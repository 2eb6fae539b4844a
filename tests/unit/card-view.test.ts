import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cardFingerprint } from '#src/lib/build/page-keys.ts';
import type { Post } from '#src/lib/content/post-model.ts';

/** A post as listing pages get it; only what a card could show matters here. */
function post(overrides: Partial<Post> = {}): Post {
  return {
    id: 'a.md',
    file: 'src/content/blog/a.md',
    slug: 'a',
    title: 'A title',
    description: 'A description.',
    keywords: ['k'],
    tags: [{ name: 'Tag', slug: 'tag' }],
    category: { name: 'Guides', slug: 'guides' },
    author: { name: 'Ana', slug: 'ana' },
    pubDate: new Date('2026-01-02T10:00:00Z'),
    updatedDate: undefined,
    hero: { file: '/nowhere/hero.webp', reference: '/hero.webp', alt: 'A hero' },
    readingMinutes: 4,
    draft: false,
    scheduled: false,
    body: 'Text.',
    ...overrides,
  } as Post;
}

describe('a listing page key follows what its cards show', () => {
  // Each row changes one thing a reader sees on the card.
  const changes: Array<[string, Partial<Post>]> = [
    ['slug (the card links to it)', { slug: 'b' }],
    ['title', { title: 'Another title' }],
    ['description', { description: 'Another description.' }],
    ['date', { pubDate: new Date('2026-01-03T10:00:00Z') }],
    ['reading time', { readingMinutes: 5 }],
    ['category name', { category: { name: 'How-tos', slug: 'guides' } }],
    ['category address', { category: { name: 'Guides', slug: 'how-tos' } }],
    ['draft badge', { draft: true }],
    ['scheduled badge', { scheduled: true }],
    ['hero alt text', { hero: { file: '/nowhere/hero.webp', reference: '/hero.webp', alt: 'Another hero' } }],
    ['hero file', { hero: { file: '/nowhere/other.webp', reference: '/other.webp', alt: 'A hero' } }],
    ['no hero', { hero: undefined }],
  ];
  it.each(changes)('%s', (_, change) => {
    expect(cardFingerprint(post(change))).not.toBe(cardFingerprint(post()));
  });

  it('stays the same for what the card does not show', () => {
    expect(cardFingerprint(post({ body: 'Other text.', keywords: ['x'], tags: [] }))).toBe(cardFingerprint(post()));
  });

  it('PostCard.astro reads the post only through cardView (and its hero image), so nothing it shows can miss the key', () => {
    const source = readFileSync(new URL('../../src/components/PostCard.astro', import.meta.url), 'utf8');
    const uses = [...source.matchAll(/(?<![\w/-])post(?![\w-])/g)].map((m) => source.slice(m.index - 12, m.index + 12));
    const allowed = (use: string) => /cardView\(post|heroImage\(post|\{ post, level|\n {2}post: Post/.test(use);
    expect(uses.filter((use) => !allowed(use))).toEqual([]);
  });
});
