import js from '@eslint/js';
import { builtinModules } from 'node:module';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Modules that need Node or Electron: never in the contract or the dashboard ('path' and 'os' included). */
const nodeOnly = {
  paths: [...builtinModules, 'electron', 'better-sqlite3', 'node-pty', 'ws'].map((name) => ({
    name,
    message: 'shared/ and the renderer run in a browser: no Node built-ins or Node-only packages',
  })),
  patterns: [{ group: ['node:*'], message: 'shared/ and the renderer run in a browser: no Node built-ins' }],
};

/** The engine runs headless: only the Electron shell (main.ts, ipc/) may import 'electron'. */
const noElectron = { name: 'electron', message: 'only electron/main.ts and electron/ipc/ may import electron' };

/** Outer layers: transports, the host, the CLI and the shell. Nothing inside the engine may reach them. */
const outerLayers = {
  group: ['**/api/*', '**/ipc/*', '**/host/*', '**/cli/*', '**/renderer/**', '**/main.js'],
  message: 'the engine and its libraries never import transports, the host, the CLI or the renderer',
};

const engineInternals = {
  group: ['**/engine/**'],
  message: 'the engine is used only by the transports and the host',
};

/** Everything outside electron/engine reaches it through one door. */
const throughTheDoor = {
  group: ['**/engine/**', '!**/engine/index.js'],
  message: 'reach the engine through its door, electron/engine/index.ts',
};

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
    // The contract is shared by main, renderer and CLI: no Node, Electron or DOM, and nothing of theirs.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeOnly.paths,
          patterns: [...nodeOnly.patterns, { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ imports only shared/ and zod' }],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeOnly.paths,
          patterns: [...nodeOnly.patterns, { group: ['**/electron/**'], message: 'the renderer talks to the engine only through shared/' }],
        },
      ],
    },
  },
  {
    files: ['electron/engine/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron], patterns: [outerLayers] }] },
  },
  {
    // Agent CLIs, git, the database: libraries the engine uses, which know nothing of it.
    files: ['electron/providers/**', 'electron/git/**', 'electron/store/**', 'electron/open-tool/**'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron], patterns: [outerLayers, engineInternals] }] },
  },
  {
    files: ['electron/api/**', 'electron/host/**', 'electron/cli/**', 'e2e/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron], patterns: [throughTheDoor] }] },
  },
  {
    files: ['electron/ipc/**', 'electron/main.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [throughTheDoor] }] },
  },
);
