import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeOnly = ['node:*', 'electron', 'better-sqlite3', 'node-pty', 'ws'];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'renderer/dist/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='execSync']", message: 'no shell strings: use execFile with argv' },
      ],
    },
  },
  {
    // The contract is shared by main, renderer and CLI: no Node, Electron or DOM.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...nodeOnly, '../electron/*', '../renderer/*'] }],
    },
  },
  {
    // Only the Electron shell may import 'electron'; the engine must run headless.
    files: ['electron/engine/**', 'electron/git/**', 'electron/store/**', 'electron/providers/**', 'electron/host/**', 'electron/cli/**'],
    rules: { 'no-restricted-imports': ['error', { paths: ['electron'] }] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', { patterns: [...nodeOnly, '**/electron/**'] }] },
  },
);
