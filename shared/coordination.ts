import { z } from 'zod';
import { Session, SessionRef } from './session.js';

// Sessions that coordinate: messages between them, watches that wake a waiting agent, advisory locks, and
// the team views (children, others, status, what). Agents reach these through `flotilla` on their PATH and
// the MCP server, with a credential scoped to their own session (see README "Working as a team").

/**
 * How a message is delivered. sequential: when the target is next idle at its prompt; important: the same,
 * ahead of sequential ones; urgent: the target is interrupted (the provider's interrupt key) and then gets it.
 */
export const MessageMode = z.enum(['sequential', 'important', 'urgent']);
export type MessageMode = z.infer<typeof MessageMode>;

/** queued: waiting for the target to be idle; delivered: typed into its prompt; failed: never will be (see error). */
export const MessageState = z.enum(['queued', 'delivered', 'failed']);
export type MessageState = z.infer<typeof MessageState>;

export const AgentMessage = z.object({
  id: z.number().int(),
  targetId: z.string(),
  /** The sending session; null when a person (the user's token) or Flotilla itself (a watch) sent it. */
  senderId: z.string().nullable(),
  /** The sender's session name at sending time, or "user", or "flotilla" for watch notices. */
  senderName: z.string(),
  text: z.string(),
  mode: MessageMode,
  state: MessageState,
  /** Why a failed message was not delivered (the target ended or was removed…). */
  error: z.string().nullable(),
  createdAt: z.string(),
  /** When it was typed into the target (delivered) or given up (failed). */
  settledAt: z.string().nullable(),
});
export type AgentMessage = z.infer<typeof AgentMessage>;

/** repo: the whole repository (e.g. its base branch while merging); path: the worktree the session works in. */
export const LockScope = z.enum(['repo', 'path']);
export type LockScope = z.infer<typeof LockScope>;

export const SessionLock = z.object({
  id: z.number().int(),
  sessionId: z.string(),
  sessionName: z.string(),
  scope: LockScope,
  /** What is locked: the repository's path (scope repo) or the worktree's path (scope path). */
  key: z.string(),
  reason: z.string(),
  /** Taken by the pre-tool hook before a write (released when the agent's turn ends), not by `flotilla lock`. */
  auto: z.boolean(),
  acquiredAt: z.string(),
});
export type SessionLock = z.infer<typeof SessionLock>;

/** What ends a watch: the target went idle, waits for an answer, ended, or time ran out. */
export const WatchOutcome = z.enum(['idle', 'waiting', 'completed', 'failed', 'cancelled', 'removed', 'timeout']);
export type WatchOutcome = z.infer<typeof WatchOutcome>;

/** What an agent is doing now, read from its events (no model call). */
export const SessionActivity = z.object({
  session: Session,
  /** The last thing the agent said (its last assistant message), shortened. */
  lastMessage: z.string().nullable(),
  /** The tool it is running now (invoked, not yet completed), e.g. "Bash: npm test". */
  currentTool: z.string().nullable(),
  /** The question it waits on, when it is waiting. */
  question: z.string().nullable(),
});
export type SessionActivity = z.infer<typeof SessionActivity>;

export const TeamStatus = z.object({
  me: Session,
  children: z.array(Session),
  /** The other sessions on the same repository (not me). */
  others: z.array(Session),
  /** Locks held on this repository, by anyone. */
  locks: z.array(SessionLock),
  /** Messages to me that are not delivered yet. */
  queue: z.array(AgentMessage),
});
export type TeamStatus = z.infer<typeof TeamStatus>;

const Seconds = z
  .number()
  .int()
  .min(1)
  .max(7 * 24 * 3600);

export const coordinationMethods = {
  /** Queues a message for a session; from an agent, its session is the sender. */
  'message.send': {
    request: z
      .object({
        id: SessionRef.shape.id,
        text: z.string().min(1).max(100_000),
        mode: MessageMode.default('sequential'),
      })
      .strict(),
    response: AgentMessage,
  },
  /** A session's messages, sent and received, oldest first. */
  'message.list': { request: SessionRef.strict(), response: z.object({ messages: z.array(AgentMessage) }) },
  /**
   * Returns at once; `watcherId` is sent a message when the target goes idle, waits for an answer, ends, or
   * after `seconds`.
   */
  'session.watch': {
    request: z.object({ id: SessionRef.shape.id, watcherId: SessionRef.shape.id, seconds: Seconds }).strict(),
    response: z.object({ ok: z.literal(true) }),
  },
  /** A child session of `parentId`: its base defaults to the parent's branch; `wait` watches it for the parent. */
  'session.spawn': {
    request: z
      .object({
        parentId: SessionRef.shape.id,
        prompt: z.string().max(100_000).default(''),
        name: z.string().trim().min(1).max(100).optional(),
        provider: z.string().min(1).max(64).optional(),
        baseBranch: z.string().min(1).max(255).optional(),
        /** Work in the parent's worktree and branch instead of a new one. */
        sameWorktree: z.boolean().default(false),
        wait: Seconds.optional(),
        autoYes: z.boolean().optional(),
      })
      .strict(),
    response: Session,
  },
  'session.children': { request: SessionRef.strict(), response: z.object({ sessions: z.array(Session) }) },
  /** The other sessions on the same repository. */
  'session.others': { request: SessionRef.strict(), response: z.object({ sessions: z.array(Session) }) },
  'session.team': { request: SessionRef.strict(), response: TeamStatus },
  'session.what': { request: SessionRef.strict(), response: SessionActivity },
  /** Clears the agent's conversation the provider's way (Claude Code's /clear), so a worker can be reused. */
  'session.clear': { request: SessionRef.strict(), response: z.object({ ok: z.literal(true) }) },
  /** Takes an advisory lock for the session; with `wait`, waits up to that many seconds for its holder. */
  'lock.acquire': {
    request: z
      .object({
        id: SessionRef.shape.id,
        reason: z.string().trim().min(1).max(500),
        scope: LockScope.default('repo'),
        wait: z.number().int().min(0).max(3600).default(0),
      })
      .strict(),
    response: SessionLock,
  },
  /** Releases the session's locks (every one, or the one of `scope`). */
  'lock.release': {
    request: z.object({ id: SessionRef.shape.id, scope: LockScope.optional() }).strict(),
    response: z.object({ released: z.number().int() }),
  },
  /** Locks held now (on one repository when given). */
  'lock.list': {
    request: z.object({ repoPath: z.string().min(1).max(4096).optional() }).strict(),
    response: z.object({ locks: z.array(SessionLock) }),
  },
} as const;

export const coordinationEvents = {
  /** A message was queued, delivered or failed. */
  'message.changed': z.object({ message: AgentMessage }),
  /** The locks held changed: every lock held now. */
  'lock.changed': z.object({ locks: z.array(SessionLock) }),
} as const;
