// ESLint flat config. `npm run lint` runs it on src/, test/, scripts/ and bin/ (then
// dependency-cruiser for the stage rules, see .dependency-cruiser.cjs).
// Not type-aware on purpose: the recommended rules without type information keep a full run
// to a few seconds; formatting is Prettier's job (eslint-config-prettier comes last).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

export default defineConfig(
  {
    ignores: ['dist/', 'out/', 'node_modules/', 'coverage/', '.bench-cache/', 'test/fixtures/', 'test/golden/', 'data-samples/', 'templates/'],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.{ts,js,mjs,cjs}'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    rules: {
      // `_`-prefixed names say "unused on purpose" (a callback's unused argument, a skipped tuple slot).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // `catch {}` around best-effort clean-up (a temporary file already gone) is deliberate.
      'no-empty': ['error', { allowEmptyCatch: true }],
      // `x === null ? appender.appendNull() : appender.appendVarchar(x)` is a statement here.
      '@typescript-eslint/no-unused-expressions': ['error', { allowTernary: true, allowShortCircuit: true }],
      // csp strips terminal controls from partners' data and looks for NUL bytes: every control
      // character in a regular expression here is on purpose (src/core/io.ts, the hostile tests).
      'no-control-regex': 'off',
    },
  },
  {
    // The sources: no `any`, and no import cycles. The sources import `./foo.js` for
    // `./foo.ts` (NodeNext); the TypeScript resolver maps one to the other.
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
      'import-x/extensions': ['.ts', '.js'],
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // A run's settings travel as one options object (ARCHITECTURE.md), not a long list.
      'max-params': ['error', 4],
    },
  },
  {
    // Tests: typed with the assessment's own types (tsconfig.test.json), no `any`.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // Plain JavaScript (scripts/, bin/): Node ES modules, CommonJS only in .cjs.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
