import type { DiffSummary } from '../../../shared/git.js';
import type { SessionStatus } from '../../../shared/session.js';

export type MergeReadiness =
  /** Not computed yet (or the base is gone): Merge stays available but not suggested. */
  | 'unknown'
  /** Every change is already in the base (squash-merged): the card says "merged". */
  | 'merged'
  /** No change and no commit of the agent's own. */
  | 'empty'
  /** Work to merge, from a session that failed: it can be merged, but is not the suggested next step. */
  | 'failed'
  | 'ready';

/** Whether the session has work to merge into its base, which decides if Merge into base is the primary action. */
export function mergeReadiness(stats: DiffSummary | null | undefined, status: SessionStatus): MergeReadiness {
  if (!stats || stats.baseStatus?.missing) return 'unknown';
  if (stats.merged) return 'merged';
  if (stats.changedFiles === 0 && stats.ahead === 0) return 'empty';
  return status === 'failed' ? 'failed' : 'ready';
}
