import { z } from 'zod';

/** Every failure that crosses the contract carries one of these codes. */
export const ErrorCode = z.enum([
  'VALIDATION',
  'NOT_FOUND',
  'AMBIGUOUS',
  'NOT_A_REPO',
  'UNKNOWN_BASE',
  'BRANCH_EXISTS',
  'REPO_LOCKED',
  'PROVIDER_NOT_FOUND',
  'SPAWN_FAILED',
  'GIT_FAILED',
  'INVALID_STATE',
  'UNMERGED_BRANCH',
  'DIRTY_WORKTREE',
  'UNAUTHORIZED',
  'UNKNOWN_METHOD',
  'INTERNAL',
  // git flow back to the base branch
  'INVALID_PATH',
  'NOTHING_TO_MERGE',
  'MERGE_CONFLICT',
  'REBASE_CONFLICT',
  'BASE_DIRTY',
  'BASE_MOVED',
  'GIT_TOO_OLD',
  'PUSH_UNAVAILABLE',
  'SETUP_FAILED',
  /** A hunk to revert is no longer in the file's diff as the viewer showed it. */
  'STALE_HUNK',
  /** The session's worktree folder is gone (removed by hand or cleaned up), so its changes cannot be read. */
  'WORKTREE_MISSING',
  /** The method exists but this transport cannot do it (e.g. a native dialog over the WebSocket host). */
  'UNSUPPORTED',
  /** A session's credential asked for something outside its own tree of sessions (see README "Working as a team"). */
  'FORBIDDEN',
  /** Another session holds the lock asked for. */
  'LOCK_HELD',
  /** Merge refused: the repository's validators failed on the session's current content, or have not run on it. */
  'VALIDATION_REQUIRED',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ContractError = z.object({ code: ErrorCode, message: z.string() });
export type ContractError = z.infer<typeof ContractError>;

/** Thrown inside the engine; turned into a ContractError at the boundary. */
export class FlotillaError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FlotillaError';
  }

  toContract(): ContractError {
    return { code: this.code, message: this.message };
  }
}

export function toContractError(error: unknown): ContractError {
  if (error instanceof FlotillaError) return error.toContract();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message };
}
