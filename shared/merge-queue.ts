import { z } from 'zod';

// Merge queue (issue 15): several sessions landed in order: rebase on the current base, validate, squash-merge;
// stops at the first conflict or failure and leaves that session's branch as it was.

export const MergeQueueItemState = z.enum([
  'pending',
  'rebasing',
  'validating',
  'merging',
  'merged',
  'failed',
  'skipped',
]);
export type MergeQueueItemState = z.infer<typeof MergeQueueItemState>;

export const MergeQueueItem = z.object({
  sessionId: z.string(),
  state: MergeQueueItemState,
  /** Why the session failed or was skipped (null otherwise). */
  reason: z.string().nullable(),
  /** The squash commit on the base branch once merged. */
  commit: z.string().nullable(),
});
export type MergeQueueItem = z.infer<typeof MergeQueueItem>;

/** running: under way; done: every session merged; stopped: a session failed (or the host stopped), the rest skipped. */
export const MergeQueueState = z.enum(['running', 'done', 'stopped']);

export const MergeQueue = z.object({
  id: z.string(),
  repoPath: z.string(),
  items: z.array(MergeQueueItem),
  state: MergeQueueState,
  startedAt: z.string(),
});
export type MergeQueue = z.infer<typeof MergeQueue>;

export const MergeQueueStartRequest = z
  .object({
    /** Sessions (ids, unique prefixes or names) of one repository, landed in this order. */
    ids: z.array(z.string().min(1)).min(1).max(100),
    /** The squash commit message of every session; without it, each session's default (its name and branch). */
    message: z.string().trim().min(1).max(20_000).optional(),
  })
  .strict();

/** Merge queue methods (spread into the contract's method map). */
export const mergeQueueMethods = {
  /**
   * Starts landing the sessions in order and answers at once with the queue (every item pending); progress
   * follows as `mergeQueue.changed`. Refused (INVALID_STATE) while a queue runs on the same repository, and
   * (DIRTY_WORKTREE) when a session has uncommitted changes, as a single merge would be: nothing is started.
   */
  'mergeQueue.start': { request: MergeQueueStartRequest, response: MergeQueue },
  /** The queue running or last run on each repository since the host started, newest first. */
  'mergeQueue.get': { request: z.object({}).strict(), response: z.object({ queues: z.array(MergeQueue) }) },
} as const;

/** Merge queue events (spread into the contract's event map). */
export const mergeQueueEvents = {
  /** A queue started, or one of its sessions changed state. */
  'mergeQueue.changed': z.object({ queue: MergeQueue }),
} as const;
