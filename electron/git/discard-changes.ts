import { git } from './run-git.js';
import { branchLabel, noSharedHistory, resolveSessionBase } from './session-base.js';

/**
 * Throws away the session's uncommitted work (tracked changes and untracked files; ignored files such as
 * node_modules or .env stay). With `commits`, the branch also goes back to the merge-base with its base.
 */
export async function discardChanges(worktree: string, baseBranch: string, commits = false): Promise<{ head: string }> {
  let target = 'HEAD';
  if (commits) {
    const base = await resolveSessionBase(worktree, baseBranch);
    if (!base.sharedHistory) {
      const branch = await branchLabel(worktree);
      throw noSharedHistory(branch, baseBranch, 'there is no commit to go back to, so nothing was discarded');
    }
    target = base.mergeBase;
  }
  await git(['reset', '--hard', '--quiet', target], { cwd: worktree });
  await git(['clean', '-d', '--force', '--quiet'], { cwd: worktree });
  const head = await git(['rev-parse', 'HEAD'], { cwd: worktree });
  return { head: head.stdout.trim() };
}
