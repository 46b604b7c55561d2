import { FlotillaError } from '../../../shared/errors.js';
import { isDirty, resolveBase } from '../../git/repo-info.js';
import { isMergedInto } from '../../git/worktree.js';
import type { SessionRecord } from '../../store/session-repository.js';

/**
 * Refuses to remove work the user may still want, unless forced: a worktree with uncommitted changes, a
 * branch with commits not in its base, or a base that vanished (so merged work cannot be told apart).
 */
export async function assertRemovable(record: SessionRecord, state: { hasBranch: boolean; hasWorktree: boolean }): Promise<void> {
  await resolveBase(record.repoPath, record.baseBranch).catch(() => {
    throw new FlotillaError(
      'UNKNOWN_BASE',
      `base branch ${record.baseBranch} no longer exists in ${record.repoPath}, so merged work cannot be told apart; remove with force`,
    );
  });
  if (state.hasWorktree && (await isDirty(record.worktreePath))) {
    throw new FlotillaError('DIRTY_WORKTREE', `${record.worktreePath} has uncommitted changes; remove with force to discard them`);
  }
  if (state.hasBranch && !(await isMergedInto(record.repoPath, record.branch, record.baseBranch))) {
    throw new FlotillaError('UNMERGED_BRANCH', `branch ${record.branch} has commits not in ${record.baseBranch}; remove with force to delete it`);
  }
}
