import { beforeEach, describe, expect, it } from 'vitest';
import { entriesOf, resetEntries, setEntries } from '../helpers/astro-content.ts';
import { storeToken } from '#src/lib/content/store-token.ts';

/**
 * src/lib/content/store-token.ts over the `astro:content` stand-in: the key the dev server's
 * loaders compare to know the content store changed. It must change with any entry's digest in
 * any of the three collections, and with entries added or removed, and with nothing else.
 */
beforeEach(() => resetEntries());

describe('storeToken', () => {
  it('is the same while no entry changes, however its entries are copied', async () => {
    const first = await storeToken();
    expect(first).not.toBe('');
    for (const collection of ['blog', 'authors', 'categories'] as const)
      setEntries(
        collection,
        entriesOf(collection).map((entry) => ({ ...entry })),
      );
    expect(await storeToken()).toBe(first);
  });

  it('does not change when only the data of an entry changes under the same digest', async () => {
    const first = await storeToken();
    setEntries(
      'blog',
      entriesOf('blog').map((entry) => ({ ...entry, data: { ...entry.data, title: 'Another title' } })),
    );
    expect(await storeToken()).toBe(first);
  });

  it.each(['blog', 'authors', 'categories'] as const)('changes when the digest of one %s entry changes', async (collection) => {
    const first = await storeToken();
    const [changed, ...rest] = entriesOf(collection);
    expect(changed).toBeDefined();
    setEntries(collection, [{ ...changed!, digest: `${String(changed!.digest)}-saved` }, ...rest] as never);
    const second = await storeToken();
    expect(second).not.toBe(first);
    // And back: the key is of the content, not of how often it changed.
    setEntries(collection, [changed!, ...rest] as never);
    expect(await storeToken()).toBe(first);
  });

  it('changes when an entry is added or removed', async () => {
    const first = await storeToken();
    const blog = entriesOf('blog');
    setEntries('blog', blog.slice(1));
    const removed = await storeToken();
    expect(removed).not.toBe(first);
    setEntries('blog', [...blog, { ...blog[0]!, id: 'copy.md' }]);
    expect(new Set([first, removed, await storeToken()]).size).toBe(3);
  });

  it('tells apart entries moved between collections that keep their ids and digests', async () => {
    const first = await storeToken();
    const [author] = entriesOf('authors');
    setEntries('authors', []);
    setEntries('categories', [...entriesOf('categories'), { ...author!, collection: 'categories' } as never]);
    expect(await storeToken()).not.toBe(first);
  });
});
