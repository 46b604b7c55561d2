import { DEFAULT_DIFF_LIMITS } from '../../git/diff-stats.js';
import { git, READ_ONLY_ENV } from '../../git/run-git.js';
import { snapshotTree } from '../../git/worktree-snapshot.js';

/**
 * What a worktree holds now, as `<commit>:<tree>`: HEAD, and the tree of its content with uncommitted and
 * untracked files (a temporary index, as the diff does; the worktree's own index is never touched).
 * Validation results belong to the tree: a commit of the same content does not make them stale.
 */
export async function worktreeContentId(worktree: string): Promise<string> {
  const head = await git(['rev-parse', '--verify', '-q', 'HEAD'], {
    cwd: worktree,
    env: READ_ONLY_ENV,
    okExitCodes: [0, 1],
  });
  const tree = await snapshotTree(worktree, { maxUntrackedBytes: DEFAULT_DIFF_LIMITS.maxUntrackedBytes });
  return `${head.stdout.trim() || 'none'}:${tree}`;
}

/** The tree half of a content id. */
export function treeOf(contentId: string | null | undefined): string | undefined {
  return contentId?.split(':')[1];
}
