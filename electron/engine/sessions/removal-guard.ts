import { existsSync } from 'node:fs';
import { FlotillaError } from '../../../shared/errors.js';
import { branchExists, isDirty, resolveBase } from '../../git/repo-info.js';
import { isMergedInto } from '../../git/worktree.js';
import type { SessionRecord } from '../../store/session-repository.js';

/**
 * Refuses to remove work the user may still want, unless forced: a worktree with uncommitted changes, a
 * branch with commits not in its base, or a base that vanished (so merged work cannot be told apart).
 */
export async function assertRemovable(
  record: SessionRecord,
  state: { hasBranch: boolean; hasWorktree: boolean },
): Promise<void> {
  await resolveBase(record.repoPath, record.baseBranch).catch(() => {
    throw new FlotillaError(
      'UNKNOWN_BASE',
      `base branch ${record.baseBranch} no longer exists in ${record.repoPath}, so merged work cannot be told apart; remove with force`,
    );
  });
  if (state.hasWorktree && (await isDirty(record.worktreePath))) {
    throw new FlotillaError(
      'DIRTY_WORKTREE',
      `${record.worktreePath} has uncommitted changes; remove with force to discard them`,
    );
  }
  if (state.hasBranch && !(await isMergedInto(record.repoPath, record.branch, record.baseBranch))) {
    throw new FlotillaError(
      'UNMERGED_BRANCH',
      `branch ${record.branch} has commits not in ${record.baseBranch}; remove with force to delete it`,
    );
  }
}

/** The other sessions (not removed) that work in the same worktree as `record`. */
export function worktreeSharers(record: SessionRecord, sessions: SessionRecord[]): SessionRecord[] {
  return sessions.filter((s) => s.id !== record.id && s.worktreePath === record.worktreePath);
}

/**
 * What removing `record` deletes. A worktree and its branch go with the last session that works in them:
 * while another session shares them, removing one deletes neither. Removing the owner (the session that
 * made the worktree) while sharers remain is refused without force, so nobody is surprised that the
 * folder stays; with force the owner goes and the worktree is kept for the sharers.
 */
export async function removalPlan(
  record: SessionRecord,
  sessions: SessionRecord[],
  force: boolean,
): Promise<{ hasBranch: boolean; hasWorktree: boolean }> {
  const sharers = worktreeSharers(record, sessions);
  if (sharers.length > 0) {
    if (!force && !record.sharesWorktreeOf) {
      throw new FlotillaError(
        'INVALID_STATE',
        `${record.worktreePath} is shared with ${sharers.map((s) => `${s.name} (${s.id})`).join(', ')}; ` +
          'remove those first, or remove with force to keep the worktree and branch for them',
      );
    }
    return { hasBranch: false, hasWorktree: false };
  }
  const state = {
    hasBranch: await branchExists(record.repoPath, record.branch),
    hasWorktree: existsSync(record.worktreePath),
  };
  if (!force) await assertRemovable(record, state);
  return state;
}
