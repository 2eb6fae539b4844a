import { createHash } from 'node:crypto';
import { readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { DATA_STORE_DIR, DATA_STORE_FILE } from './content-store.ts';

/** Where the dev server keeps its content store (Astro's `settings.dotAstroDir`). */
export const DEV_STORE_FOLDER = '.astro/';
/** Code that shapes a post's rendered HTML (tests/unit/rendering-code.test.ts checks it covers what renders posts). */
export const RENDERING_CODE = [
  'astro.config.ts',
  'src/lib/markdown',
  // The diagram library draws what src/lib/markdown/diagrams/ puts in pages: a new version renders posts again.
  'node_modules/beautiful-mermaid/package.json',
  // The blog collection's loader: what it stores for each post, and where it renders it.
  'src/lib/content/posts-loader.ts',
  'src/lib/images/images.ts',
  // Image sizes read from file headers (width and height in the HTML), and which file a reference names.
  'src/lib/images/sharp-input.ts',
  // Which body image addresses are files, on other hosts, or neither (rehype-body-images.ts).
  'src/lib/images/body-image-source.ts',
  'src/lib/urls/safe-paths.ts',
  'src/lib/urls/site-paths.ts',
  // How BASE_PATH and SITE_URL are read, which every image address and link carries.
  'src/lib/build/environment.ts',
  'src/site.config.ts',
  'src/lib/settings/site-settings.ts',
];
const STAMP = 'rendering-code.sha1';

async function filesUnder(root: string, entry: string): Promise<string[]> {
  const full = path.join(root, entry);
  try {
    const entries = await readdir(full, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  } catch {
    return [full];
  }
}

/**
 * Astro keeps each post's rendered HTML in its content cache and reuses it
 * while the post is unchanged, even when the Markdown plugins that made it
 * have changed. This drops that cache whenever the code that renders posts
 * changes (a hash of it is kept beside the cache), so a deploy with a cached
 * `node_modules/.astro` never serves HTML made by old plugins. The hash is
 * also put in the config, which drops Astro's incremental page cache.
 */
export function contentCache(): AstroIntegration {
  return {
    name: 'content-cache',
    hooks: {
      'astro:config:setup': async ({ config, logger, updateConfig }) => {
        const root = fileURLToPath(config.root);
        const cacheDir = fileURLToPath(config.cacheDir);
        const files = (await Promise.all(RENDERING_CODE.map((entry) => filesUnder(root, entry)))).flat().sort();
        const hash = createHash('sha1');
        for (const file of files) hash.update(file).update(await readFile(file).catch(() => Buffer.alloc(0)));
        const digest = hash.digest('hex');
        // Part of the config, so Astro's config hash (experimental.incrementalBuild)
        // changes with it and no page is copied from a build with other plugins.
        updateConfig({ vite: { define: { __BLOG_RENDERING_CODE__: JSON.stringify(digest) } } });
        const stamp = path.join(cacheDir, STAMP);
        const previous = await readFile(stamp, 'utf8').catch(() => null);
        if (previous === digest) return;
        if (previous !== null) logger.info('post rendering code changed: rendering every post again');
        // The store is one file, or a folder of chunks (experimental.collectionStorage);
        // the dev server keeps its own in .astro/.
        for (const dir of [cacheDir, fileURLToPath(new URL(DEV_STORE_FOLDER, config.root))])
          for (const name of [DATA_STORE_FILE, DATA_STORE_DIR]) await rm(path.join(dir, name), { recursive: true, force: true });
        await mkdir(cacheDir, { recursive: true });
        await writeFile(stamp, digest);
      },
    },
  };
}
