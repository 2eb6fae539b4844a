/**
 * `defineCollection` for src/content.config.ts without Astro's content runtime
 * (README: "Content config without the runtime"). `astro:content` is the whole
 * runtime (getCollection, render, image and SVG helpers: ~60 of Astro's files),
 * which the dev server's `astro` environment loads one import at a time before
 * every content sync, only for a function that marks a collection as a loader's.
 * Its defineCollection adds one check to this one's: that the collection is not
 * a live one (a `type: 'live'` this project never writes).
 */
export { defineCollection } from 'astro/content/config';

/** The digest of `astro:content`'s defineCollection (content/runtime.js) this was checked against. */
export const RUNTIME_DEFINE_HASH = 'b2559894a3a32a05';
