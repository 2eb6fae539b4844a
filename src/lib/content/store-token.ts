/** Which content the store holds: a key that changes when any entry Astro serves changes. */
import { getCollection } from 'astro:content';

/**
 * Every entry's id and digest (Astro's hash of its source, a documented field of
 * a content-layer entry) across the collections pages are built from. The dev
 * server changes the store while it runs; a saved post, profile or category
 * page changes this key once Astro serves the new store, and nothing else does.
 */
export async function storeToken(): Promise<string> {
  const collections = await Promise.all([getCollection('blog'), getCollection('authors'), getCollection('categories')]);
  return collections.map((entries) => entries.map((entry) => `${entry.id}\u0000${String(entry.digest)}`).join('\u0001')).join('\u0002');
}
