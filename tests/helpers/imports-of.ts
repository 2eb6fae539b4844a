/**
 * Prints, as JSON, every module URL that importing the module named on the
 * command line resolves, with Node's own loader: `node tests/helpers/imports-of.ts <module>`.
 * Astro's virtual `astro:content`, which only Vite can resolve, is answered by a
 * stand-in giving `defineCollection` and recorded as `astro:content`.
 *
 * With `--link-only` after the module, a module that fails when run outside its place (a worker's
 * entry, which reads its `workerData`) still gives its static imports: Node resolves every one
 * before it runs any. Imports it would make while running are then not seen.
 */
import { registerHooks } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const resolved: string[] = [];
registerHooks({
  resolve(specifier, context, next) {
    if (specifier === 'astro:content') {
      resolved.push(specifier);
      return { url: 'data:text/javascript,export const defineCollection = (collection) => collection;', shortCircuit: true };
    }
    const result = next(specifier, context);
    resolved.push(result.url);
    return result;
  },
});
try {
  await import(pathToFileURL(path.resolve(process.argv[2]!)).href);
} catch (error) {
  if (!process.argv.includes('--link-only')) throw error;
}
process.stdout.write(JSON.stringify(resolved));
