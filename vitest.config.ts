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
  // The real agent CLIs (Claude Code, Codex, Gemini CLI, opencode) against the scripted model through a real
  // host: 10-30 s per test. Every real-CLI suite is named real-*.test.ts, so a new one lands here.
  'electron/providers/real-*.test.ts',
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
