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
  eslintConfigPrettier,
);
