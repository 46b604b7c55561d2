import { z } from 'zod';
import { SessionUsage } from './usage.js';

export const SessionStatus = z.enum([
  'creating',
  'running',
  'waiting',
  'idle',
  'paused',
  'completed',
  'failed',
  'cancelled',
]);
export type SessionStatus = z.infer<typeof SessionStatus>;

export const PromptQuestion = z.object({
  text: z.string(),
  options: z.array(z.string()),
  /** What the question is about as the screen shows it (the command, the file, the dialog's title). */
  detail: z.string().optional(),
  /**
   * `setup`: an API-key or onboarding screen that only the user should answer (auto-yes leaves it).
   * `sign-in`: the agent needs an account before it can work; nothing here answers that (see `hint`).
   * `error`: the agent stopped on an error it printed (its API unreachable) and waits at its prompt; `text` is the error.
   * Absent: a permission question about the agent's next action.
   */
  kind: z.enum(['permission', 'setup', 'sign-in', 'error']).optional(),
  /** What the user should do about a sign-in, setup or error screen: "Open the terminal, or run `codex login`". */
  hint: z.string().optional(),
  /** The option the screen highlights (1-based), for menus answered with arrow keys from there. */
  selected: z.number().int().positive().optional(),
});
export type PromptQuestion = z.infer<typeof PromptQuestion>;

/**
 * Which source set a session's current status: the CLI's own hooks, its screen, its process (started, exited),
 * or the user (pause, resume, kill).
 */
export const StatusSource = z.enum(['hook', 'screen', 'process', 'user']);
export type StatusSource = z.infer<typeof StatusSource>;

export const Session = z.object({
  id: z.string(),
  name: z.string(),
  provider: z.string(),
  prompt: z.string(),
  status: SessionStatus,
  repoPath: z.string(),
  baseBranch: z.string(),
  branch: z.string(),
  worktreePath: z.string(),
  pid: z.number().int().nullable(),
  conversationId: z.string().nullable(),
  autoYes: z.boolean(),
  /** The provider profile the session was created with (absent: the provider's defaults). */
  profileId: z.string().nullable().optional(),
  exitCode: z.number().int().nullable(),
  error: z.string().nullable(),
  question: PromptQuestion.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastActivityAt: z.string(),
  /** When the finished session was archived out of the grid (null: not archived). */
  archivedAt: z.string().nullable(),
  /**
   * When the session was queued behind the max-concurrent-sessions setting; set while it is `creating`
   * and waits for a slot (no worktree or agent yet), null once it starts or ends.
   */
  queuedAt: z.string().nullable().optional(),
  /** Which source set the current status (null: recorded before Flotilla kept it). */
  statusSource: StatusSource.nullable().optional(),
  /** When the current status began (null: recorded before Flotilla kept it). */
  statusSince: z.string().nullable().optional(),
  /** Tokens and cost read from the agent's transcript (absent: none counted, or an agent without one). */
  usage: SessionUsage.optional(),
  /** The session that spawned this one (`flotilla spawn`); null: started by a person. */
  parentId: z.string().nullable().optional(),
  /** The session whose worktree and branch this one works in (spawned with --same-worktree); null: its own. */
  sharesWorktreeOf: z.string().nullable().optional(),
});
export type Session = z.infer<typeof Session>;

export const SessionEvent = z.object({
  id: z.number().int(),
  sessionId: z.string(),
  at: z.string(),
  kind: z.string(),
  fromStatus: SessionStatus.nullable(),
  toStatus: SessionStatus.nullable(),
  detail: z.string().nullable(),
});
export type SessionEvent = z.infer<typeof SessionEvent>;

const TerminalSize = {
  cols: z.number().int().min(20).max(1000).default(120),
  rows: z.number().int().min(5).max(500).default(32),
};

export const CreateSessionRequest = z.object({
  repoPath: z.string().min(1).max(4096),
  baseBranch: z.string().min(1).max(255).optional(),
  /** Absent: the profile's provider, else the `defaultProvider` setting. */
  provider: z.string().min(1).max(64).optional(),
  prompt: z.string().max(100_000).default(''),
  name: z.string().min(1).max(100).optional(),
  count: z.number().int().min(1).max(50).default(1),
  /** Absent: the `autoYesDefault` setting. */
  autoYes: z.boolean().optional(),
  /** A provider profile (binary, extra args, model, env); the session runs that profile's provider. */
  profileId: z.string().min(1).max(200).optional(),
  /** The session this one is a child of (its base then defaults to the parent's branch). */
  parentId: z.string().min(1).max(200).optional(),
  /** Work in this session's worktree and branch instead of a new one (several agents in one worktree). */
  worktreeOf: z.string().min(1).max(200).optional(),
  ...TerminalSize,
});
export type CreateSessionRequest = z.input<typeof CreateSessionRequest>;
export type CreateSessionInput = z.output<typeof CreateSessionRequest>;

/** A session reference: full id, unique id prefix, or name. */
export const SessionRef = z.object({ id: z.string().min(1).max(200) });
export const SessionRefs = z.object({ ids: z.array(z.string().min(1).max(200)).max(500) });

export const BatchResult = z.object({
  results: z.array(
    z.object({ id: z.string(), ok: z.boolean(), error: z.string().optional(), session: Session.optional() }),
  ),
});
export type BatchResult = z.infer<typeof BatchResult>;

export const ScreenSnapshot = z.object({
  id: z.string(),
  cols: z.number().int(),
  rows: z.number().int(),
  /** The visible screen as plain text lines (trailing spaces trimmed). */
  text: z.string(),
  /** The screen and recent scrollback as terminal escape data, for replay into a terminal. */
  ansi: z.string(),
});
export type ScreenSnapshot = z.infer<typeof ScreenSnapshot>;
