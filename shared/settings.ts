import { z } from 'zod';
import { BranchPrefix } from './branch-prefix.js';
import { GuardDisabledRules, GuardExtraPatterns } from './guard-rules.js';
import { DEFAULT_PRICES } from './default-prices.js';
import { PriceTable } from './usage.js';

/** Which session events the desktop app announces with a system notification (clicking one focuses it). */
export const NotifyOn = z.object({
  /** The agent asks a question and waits for the user. */
  waiting: z.boolean(),
  /** The agent exited on its own with status 0. */
  completed: z.boolean(),
  /** The agent failed (spawn or git error, or a non-zero exit). */
  failed: z.boolean(),
});
export type NotifyOn = z.infer<typeof NotifyOn>;

/**
 * A command as an argv array (never a shell string): the Settings field splits what is typed on whitespace,
 * or takes a JSON array of strings for arguments that hold spaces.
 */
export const OpenCommand = z
  .array(
    z
      .string()
      .min(1)
      .max(4096)
      .refine((arg) => !arg.includes('\0'), 'an argument cannot hold a NUL character'),
  )
  .max(32);
export type OpenCommand = z.infer<typeof OpenCommand>;

export const Settings = z.object({
  /** Start of every new session branch (`<prefix><slug>-<id>`); refused when git would refuse the names. */
  branchPrefix: BranchPrefix,
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
  notifyOn: NotifyOn,
  /** Open in editor: argv of the user's editor ([] = $VISUAL / $EDITOR when graphical, else `code`); `{path}` is the worktree, else appended. */
  editorCommand: OpenCommand,
  /** Open terminal here: argv of a terminal emulator ([] = $TERMINAL or the first one found), started in the worktree. */
  terminalCommand: OpenCommand,
  /** USD per million tokens per model, for the cost of each session's usage (a model not listed: no cost). */
  prices: PriceTable,
  /**
   * Agents get Flotilla's MCP server (`flotilla mcp`: spawn, send, wait, status, lock… as tools) where their CLI
   * takes MCP configuration for one launch (Claude Code, Codex, Gemini CLI, opencode). Applies to agents started after the change.
   * Off by default: with it on, the real Claude Code resume suite still lost a typed prompt's Enter 1 time in 8.
   */
  agentMcp: z.boolean(),
  /**
   * Auto-lock (Claude Code): a write or edit in a worktree another live session shares first takes the
   * worktree's lock, and waits while another session holds it. Applies to agents started after the change.
   */
  autoLock: z.boolean(),
  /** Validators running at once across all sessions; 0: half the cores (at least 1). */
  validatorConcurrency: z.number().int().min(0).max(64),
  /** Send validator failures to the agent by itself, up to this many times per session until a pass; 0: off. */
  validationAutoFix: z.number().int().min(0).max(20),
  /**
   * Ports per session: each session gets its own block of this many free ports (FLOTILLA_PORT, FLOTILLA_PORT_1…)
   * in its agent's and setup command's environment, for dev servers that run side by side. 0: none.
   */
  portBlockSize: z.number().int().min(0).max(100),
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
  notifyOn: { waiting: true, completed: true, failed: true },
  editorCommand: [],
  terminalCommand: [],
  prices: DEFAULT_PRICES,
  agentMcp: false,
  autoLock: false,
  validatorConcurrency: 0,
  validationAutoFix: 0,
  portBlockSize: 10,
};
