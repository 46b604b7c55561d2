import { defineConfig } from 'vitest/config';

/** Files that drive many agents or a browser: run one at a time, after the rest, so a 2-core machine keeps up. */
const HEAVY = [
  'e2e/**/*.test.ts',
  'electron/engine/stress/load.test.ts',
  'electron/engine/stress/faults.test.ts',
  // Saturates both cores with a 160 MB flood for most of its run.
  'electron/host/host-memory.test.ts',
  // Starts 28 agents at once.
  'electron/api/hostile-input.test.ts',
  // The real Claude Code against the scripted model: ~20 s per test.
  'electron/providers/real-claude.test.ts',
  'electron/providers/real-claude-dialogs.test.ts',
  'electron/providers/real-claude-screens.test.ts',
  'electron/providers/real-claude-import.test.ts',
  'electron/providers/real-claude-events.test.ts',
  'electron/providers/real-claude-hooks.test.ts',
  // The real Codex CLI (a Rust binary per session) through a real host: ~15 s per test.
  'electron/providers/real-codex.test.ts',
  'electron/providers/real-codex-states.test.ts',
  'electron/providers/real-codex-import.test.ts',
  'electron/providers/real-codex-events.test.ts',
  'electron/providers/real-codex-hooks.test.ts',
  // The real Gemini CLI and opencode against the scripted model: ~20 s per test.
  'electron/providers/real-gemini.test.ts',
  'electron/providers/real-opencode.test.ts',
];

const shared = {
  // Real ptys, git and SQLite: give each file its own process.
  pool: 'forks' as const,
  testTimeout: 30_000,
  hookTimeout: 30_000,
  globalSetup: ['electron/test-support/global-setup.ts'],
};

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: 'suite',
          include: ['electron/**/*.test.ts', 'shared/**/*.test.ts', 'renderer/**/*.test.ts'],
          exclude: HEAVY,
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          ...shared,
          name: 'heavy',
          include: HEAVY,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
