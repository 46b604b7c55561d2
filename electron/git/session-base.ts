import { FlotillaError } from '../../shared/errors.js';
import { git, READ_ONLY_ENV } from './run-git.js';
import { currentBranch } from './repo-info.js';

export interface SessionBase {
  /** The commit the session's diff is taken against (the empty tree when there is no common history). */
  mergeBase: string;
  /** The base branch's current commit. */
  baseTip: string;
  /** The full ref name of the base when it is a local branch (null for a remote branch or a tag). */
  baseRef: string | null;
  /** The session branch's commit. */
  head: string;
  ahead: number;
  behind: number;
  /** False when the branch and its base have no commit in common (an orphan branch, or a base rewritten from scratch). */
  sharedHistory: boolean;
}

/** The branch checked out in `worktree`, for messages ("the session branch" on a detached HEAD). */
export async function branchLabel(worktree: string): Promise<string> {
  return currentBranch(worktree).catch(() => 'the session branch');
}

/** The refusal of an action that needs a common commit, naming both branches and what did not happen. */
export function noSharedHistory(branch: string, baseBranch: string, outcome: string): FlotillaError {
  return new FlotillaError(
    'INVALID_STATE',
    `${branch} and ${baseBranch} share no history (an orphan branch, or ${baseBranch} was rewritten); ${outcome}`,
  );
}

async function verify(cwd: string, name: string): Promise<string | undefined> {
  const result = await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${name}^{commit}`], {
    cwd,
    okExitCodes: [0, 1, 128],
    env: READ_ONLY_ENV,
  });
  return result.exitCode === 0 ? result.stdout.trim() : undefined;
}

export async function emptyTree(cwd: string): Promise<string> {
  const result = await git(['hash-object', '-t', 'tree', '/dev/null'], { cwd, env: READ_ONLY_ENV });
  return result.stdout.trim();
}

/** Where the session branch stands against its base: merge-base, tips, and commits ahead/behind. */
export async function resolveSessionBase(worktree: string, baseBranch: string): Promise<SessionBase> {
  const head = await verify(worktree, 'HEAD');
  if (!head) throw new FlotillaError('GIT_FAILED', `${worktree} has no commit checked out`);
  const localRef = `refs/heads/${baseBranch}`;
  const local = await verify(worktree, localRef);
  const baseTip = local ?? (await verify(worktree, baseBranch));
  if (!baseTip) {
    throw new FlotillaError(
      'UNKNOWN_BASE',
      `base branch "${baseBranch}" no longer exists (deleted or renamed outside Flotilla) or has no commits`,
    );
  }
  const found = await git(['merge-base', head, baseTip], { cwd: worktree, okExitCodes: [0, 1], env: READ_ONLY_ENV });
  const mergeBase = found.exitCode === 0 ? found.stdout.trim() : await emptyTree(worktree);
  const counts = await git(['rev-list', '--left-right', '--count', `${head}...${baseTip}`], {
    cwd: worktree,
    env: READ_ONLY_ENV,
  });
  const [ahead = 0, behind = 0] = counts.stdout.trim().split(/\s+/).map(Number);
  return {
    mergeBase,
    baseTip,
    baseRef: local ? localRef : null,
    head,
    ahead,
    behind,
    sharedHistory: found.exitCode === 0,
  };
}
