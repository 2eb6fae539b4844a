/**
 * `node integrations/astro-internals/verify.ts [astro/dist folder …]`: checks
 * every assumption of this folder against an Astro (the installed one by
 * default) in plain Node, as `npm run build` loads it, and prints those that
 * no longer hold, each after its folder when several are given. Exit code 1
 * when any is broken.
 */
import { pathToFileURL } from 'node:url';
import { ASTRO_DIST } from './astro-files.ts';
import { brokenAssumptions } from './assumptions.ts';

const folders = process.argv.slice(2).map((folder) => pathToFileURL(folder.endsWith('/') ? folder : `${folder}/`));
const several = folders.length > 1;
let broken = 0;
for (const dist of folders.length > 0 ? folders : [ASTRO_DIST]) {
  const problems = await brokenAssumptions(dist);
  for (const problem of problems) console.log(several ? `${dist.pathname}  ${problem}` : problem);
  broken += problems.length;
}
if (broken > 0) {
  console.log(`✗ ${broken} of Astro's internals differ from what integrations/astro-internals/ was written against; see its README.md`);
  process.exit(1);
}
console.log("✓ Astro's internals are as integrations/astro-internals/ expects");
