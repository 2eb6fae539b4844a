// ESLint flat config: JavaScript's recommended rules, typescript-eslint's for
// TypeScript, eslint-plugin-astro's for .astro files; formatting is Prettier's
// job (eslint-config-prettier turns off the rules that would disagree with it).
import js from '@eslint/js';
import eslintConfigPrettier from 'eslint-config-prettier';
import astro from 'eslint-plugin-astro';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', '.dist-*/', '.astro/', '.cache/', 'node_modules/', '.scratch*/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...astro.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // Scripts in .astro pages run in the browser.
    files: ['**/*.astro/*.ts', 'src/**/*.astro'],
    languageOptions: { globals: { ...globals.browser } },
  },
  // The layers (CONTRIBUTING.md): src/ is what the site renders with; tools/ (the post checker, the
  // SEO audit and its report) build on src/lib; integrations/ hook it into Astro; scripts/ are the
  // commands. No import runs the other way. Each folder's block lists what it may not import, as
  // `#tools/…` or as a relative path climbing out to that folder.
  layer(['src/**'], 'src/ holds only what the site renders with', ['tools', 'scripts', 'integrations']),
  layer(['tools/**'], 'tools/ build on src/lib alone, never on the commands or the Astro integrations', ['scripts', 'integrations']),
  layer(['integrations/**'], 'integrations/ never reach into the command-line scripts', ['scripts']),
  layer(['scripts/**'], 'scripts/ reach Astro internals only through integrations/build-steps.ts', ['integrations/astro-internals']),
  eslintConfigPrettier,
);

/**
 * One flat-config block: files matching `files` may not import from the top-level folders named
 * in `folders`, however the import is written (`#tools/x.ts`, `../../tools/x.ts`).
 */
function layer(files, why, folders) {
  return {
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: folders.map((folder) => ({ regex: `^(#|(\\.\\./)+)${folder}/`, message: `${why} (eslint.config.js, the layers).` })) },
      ],
    },
  };
}
