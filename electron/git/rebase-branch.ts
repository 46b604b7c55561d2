import { existsSync } from 'node:fs';
import path from 'node:path';
import type { RebaseResult } from '../../shared/git.js';
import { FlotillaError } from '../../shared/errors.js';
import { pathsBetween, requireLfsFor } from './lfs-filter.js';
import { git, gitFailure } from './run-git.js';
import { branchLabel, noSharedHistory, resolveSessionBase } from './session-base.js';
import { changedPaths, conflictedPaths, describePaths } from './worktree-status.js';

/** Never open an editor: the rebase runs unattended. */
const UNATTENDED = { GIT_EDITOR: 'true', GIT_SEQUENCE_EDITOR: 'true' };

async function rebaseInProgress(worktree: string): Promise<boolean> {
  for (const name of ['rebase-merge', 'rebase-apply']) {
    const result = await git(['rev-parse', '--git-path', name], { cwd: worktree });
    if (existsSync(path.resolve(worktree, result.stdout.trim()))) return true;
  }
  return false;
}

/**
 * Replays the session's commits on the base branch's current commit. A conflict never leaves the branch
 * half-rebased: the rebase is aborted (branch and worktree as before) and the conflicting files are named.
 */
export async function rebaseOntoBase(worktree: string, baseBranch: string): Promise<RebaseResult> {
  if (await rebaseInProgress(worktree)) {
    throw new FlotillaError(
      'INVALID_STATE',
      `a rebase is already in progress in ${worktree}; finish or abort it first`,
    );
  }
  const base = await resolveSessionBase(worktree, baseBranch);
  // git would replay the old history's every commit onto the unrelated base, grafting it in silently.
  if (!base.sharedHistory) throw noSharedHistory(await branchLabel(worktree), baseBranch, 'nothing was rebased');
  if (base.behind === 0) return { head: base.head, onto: base.baseTip, upToDate: true };
  const dirty = await changedPaths(worktree, false);
  if (dirty.length > 0) {
    throw new FlotillaError(
      'DIRTY_WORKTREE',
      `uncommitted changes in ${describePaths(dirty)}; commit or discard them before rebasing`,
    );
  }
  const written = async () => [
    ...new Set([
      ...(await pathsBetween(worktree, base.mergeBase, base.baseTip)),
      ...(await pathsBetween(worktree, base.mergeBase, base.head)),
    ]),
  ];
  await requireLfsFor(worktree, written, 'rebase, which rewrites');
  const result = await git(['rebase', '--quiet', '--no-autostash', base.baseTip], {
    cwd: worktree,
    env: UNATTENDED,
    okExitCodes: [0, 1, 128],
  });
  if (result.exitCode !== 0) {
    const reason = gitFailure(['rebase'], result.stderr || result.stdout).message;
    if (!(await rebaseInProgress(worktree))) {
      throw new FlotillaError('GIT_FAILED', `rebase onto ${baseBranch} did not start: ${reason}`);
    }
    const conflicts = await conflictedPaths(worktree);
    await git(['rebase', '--abort'], { cwd: worktree });
    // Stopped without a conflict (no identity, a failing hook): git's own reason says more than a file list.
    if (conflicts.length === 0)
      throw new FlotillaError('GIT_FAILED', `${reason}; the rebase was aborted and the branch is unchanged`);
    throw new FlotillaError(
      'REBASE_CONFLICT',
      `rebasing onto ${baseBranch} conflicts in ${describePaths(conflicts)}; ` +
        'the rebase was aborted and the branch is unchanged',
    );
  }
  const head = await git(['rev-parse', 'HEAD'], { cwd: worktree });
  return { head: head.stdout.trim(), onto: base.baseTip, upToDate: false };
}
