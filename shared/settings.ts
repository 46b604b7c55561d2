import { z } from 'zod';
import { GuardDisabledRules, GuardExtraPatterns } from './guard-rules.js';

export const Settings = z.object({
  branchPrefix: z
    .string()
    .max(64)
    .regex(/^[A-Za-z0-9._/-]*$/, 'branch prefix may hold letters, digits, ".", "_", "-" and "/" only'),
  /** Where worktrees go; empty means `<dataDir>/worktrees`. */
  worktreeRoot: z.string().max(4096),
  defaultProvider: z.string().min(1).max(64),
  /** Quiet time after the last output before a session without a busy marker counts as idle. */
  idleQuietMs: z.number().int().min(100).max(60_000),
  /** Grace period between SIGTERM and SIGKILL when terminating. */
  killGraceMs: z.number().int().min(100).max(60_000),
  /** Auto-yes for new sessions whose create request does not say. */
  autoYesDefault: z.boolean(),
  /**
   * How many agents may run at once (running, waiting or idle; paused ones use no CPU and do not count).
   * New sessions beyond it wait in a queue and start in order as slots free up. 0: no limit.
   */
  maxConcurrentSessions: z.number().int().min(0).max(200),
  /** Built-in danger-guard rules (ids from shared/guard-rules.ts) that auto-yes no longer obeys. */
  guardDisabledRules: GuardDisabledRules,
  /** The user's own guard patterns: regex sources matched against each command line auto-yes would approve. */
  guardExtraPatterns: GuardExtraPatterns,
});
export type Settings = z.infer<typeof Settings>;

export const SettingsPatch = Settings.partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const DEFAULT_SETTINGS: Settings = {
  branchPrefix: 'flotilla/',
  worktreeRoot: '',
  defaultProvider: 'demo',
  idleQuietMs: 1000,
  killGraceMs: 3000,
  autoYesDefault: false,
  maxConcurrentSessions: 0,
  guardDisabledRules: [],
  guardExtraPatterns: [],
};
