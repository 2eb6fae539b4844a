/**
 * Prints, as JSON, every module URL that importing the module named on the
 * command line resolves, with Node's own loader: `node tests/helpers/imports-of.ts <module>`.
 */
import { registerHooks } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const resolved: string[] = [];
registerHooks({
  resolve(specifier, context, next) {
    const result = next(specifier, context);
    resolved.push(result.url);
    return result;
  },
});
await import(pathToFileURL(path.resolve(process.argv[2]!)).href);
process.stdout.write(JSON.stringify(resolved));
