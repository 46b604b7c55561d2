import { FlotillaError } from '../../shared/errors.js';
import { git } from './run-git.js';
import { emptyTree, resolveSessionBase } from './session-base.js';

/**
 * Throws away the session's uncommitted work (tracked changes and untracked files; ignored files such as
 * node_modules or .env stay). With `commits`, the branch also goes back to the merge-base with its base.
 */
export async function discardChanges(worktree: string, baseBranch: string, commits = false): Promise<{ head: string }> {
  let target = 'HEAD';
  if (commits) {
    const { mergeBase } = await resolveSessionBase(worktree, baseBranch);
    if (mergeBase === (await emptyTree(worktree))) {
      throw new FlotillaError(
        'INVALID_STATE',
        `the branch shares no history with ${baseBranch}; there is no commit to go back to`,
      );
    }
    target = mergeBase;
  }
  await git(['reset', '--hard', '--quiet', target], { cwd: worktree });
  await git(['clean', '-d', '--force', '--quiet'], { cwd: worktree });
  const head = await git(['rev-parse', 'HEAD'], { cwd: worktree });
  return { head: head.stdout.trim() };
}
