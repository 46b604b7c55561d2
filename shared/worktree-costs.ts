// Worktrees that cost less and don't clash (issue 15): a block of free ports per session, heavy folders
// (node_modules, .venv) brought into new worktrees copy-on-write, disk totals per repository, and removing
// merged sessions' worktrees.
import { z } from 'zod';
import { SessionRef } from './session.js';

/** A session's own ports: FLOTILLA_PORT = first, FLOTILLA_PORT_i = first + i. */
export const SessionPorts = z.object({
  id: z.string(),
  firstPort: z.number().int(),
  size: z.number().int(),
  /** The variables its agent and setup command get. */
  env: z.record(z.string(), z.string()),
});
export type SessionPorts = z.infer<typeof SessionPorts>;

const RepoFilter = z.object({ repoPath: z.string().min(1).max(4096).optional() }).strict();

/** Disk taken by one repository's session worktrees (allocated blocks, ignored files included). */
export const RepoDiskTotal = z.object({
  repoPath: z.string(),
  sessions: z.number().int(),
  bytes: z.number().int(),
  files: z.number().int(),
});
export type RepoDiskTotal = z.infer<typeof RepoDiskTotal>;

/** A session whose branch is merged into its base, at rest, with a clean worktree: its worktree can go. */
export const MergedWorktree = z.object({
  id: z.string(),
  name: z.string(),
  repoPath: z.string(),
  branch: z.string(),
  baseBranch: z.string(),
  worktreePath: z.string(),
  bytes: z.number().int(),
});
export type MergedWorktree = z.infer<typeof MergedWorktree>;

export const RemoveMergedResult = z.object({
  removed: z.array(z.object({ id: z.string(), name: z.string(), bytes: z.number().int() })),
  /** Sessions that were asked for but are no longer merged, at rest and clean (or whose removal failed). */
  skipped: z.array(z.object({ id: z.string(), reason: z.string() })),
  freedBytes: z.number().int(),
});
export type RemoveMergedResult = z.infer<typeof RemoveMergedResult>;

/** Worktree cost methods (spread into the contract's method map). */
export const worktreeCostMethods = {
  /** The session's port block (null: none yet, or portBlockSize is 0). */
  'ports.get': { request: SessionRef.strict(), response: SessionPorts.nullable() },
  /** Disk used by session worktrees, per repository. */
  'storage.repoTotals': { request: RepoFilter, response: z.array(RepoDiskTotal) },
  /** Sessions whose worktree "remove merged" would remove (nothing is removed). */
  'worktrees.merged': { request: RepoFilter, response: z.array(MergedWorktree) },
  /** Removes these sessions (worktree, branch and record), each checked again to be merged, at rest and clean. */
  'worktrees.removeMerged': {
    request: z.object({ ids: z.array(z.string().min(1)).min(1).max(500) }).strict(),
    response: RemoveMergedResult,
  },
} as const;

/** Worktree cost events (spread into the contract's event map). */
export const worktreeCostEvents = {} as const;
