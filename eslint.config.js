// Lint rules for the whole repository (`npm run lint`): ESLint's and typescript-eslint's recommended sets,
// the Vue plugin's essential set for components, and the type-aware promise rules on TypeScript files, since
// a promise nobody awaits or catches is a lost error in a server. Layout is the formatter's (prettier), not ESLint's.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import vue from 'eslint-plugin-vue';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const TYPED = [
  'api/**/*.ts',
  'bench/**/*.ts',
  'contract/**/*.ts',
  'core/**/*.ts',
  'geodata/**/*.ts',
  'scripts/**/*.ts',
  'tests/**/*.ts',
  'web/**/*.ts',
];

export default defineConfig([
  globalIgnores(['dist/', 'coverage/', '.gridwall/', '.gridwall-*/', 'deploy/tls/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  vue.configs['flat/essential'],
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: globals.node },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_name` marks a parameter a signature needs but the body does not use.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['web/**'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    // Tests read response bodies as loose JSON and assert on their shape; a wrong shape fails the assertion.
    files: ['tests/**', '**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // These match NUL and the other C0 controls on purpose: .dbf padding, and characters XML 1.0 cannot carry.
    files: ['api/import/readers.ts', 'api/orders/open311/xml.ts'],
    rules: { 'no-control-regex': 'off' },
  },
  {
    files: TYPED,
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // Express 5 and Socket.IO take async handlers; what matters is a promise where a boolean is read.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
    },
  },
]);
