import { rm } from 'node:fs/promises';
import path from 'node:path';
import { requireLfsFor } from './lfs-filter.js';
import { git } from './run-git.js';
import { resolveSessionBase } from './session-base.js';

/** Paths are taken literally: a file named `*.txt` or `:(top)x` is just a name. */
const LITERAL = { GIT_LITERAL_PATHSPECS: '1' };

async function inCommit(worktree: string, commit: string, file: string): Promise<boolean> {
  const result = await git(['cat-file', '-e', `${commit}:${file}`], { cwd: worktree, okExitCodes: [0, 128] });
  return result.exitCode === 0;
}

async function restorePath(worktree: string, mergeBase: string, file: string): Promise<void> {
  if (await inCommit(worktree, mergeBase, file)) {
    await git(['checkout', '--no-overlay', mergeBase, '--', file], { cwd: worktree, env: LITERAL });
    return;
  }
  // Not in the base: the session added it, so reverting removes it (from the index too, if staged or committed).
  await git(['rm', '-q', '-r', '-f', '--cached', '--ignore-unmatch', '--', file], { cwd: worktree, env: LITERAL });
  await rm(path.join(worktree, file), { force: true, recursive: true });
}

/**
 * Makes one file in the session's worktree what it is at the merge-base with the base branch, in the
 * worktree and the session's index, so it drops out of the session's diff. A renamed file is reverted
 * with its old path (the old file comes back, the new one goes).
 */
export async function revertFile(
  worktree: string,
  baseBranch: string,
  file: string,
  oldPath: string | null = null,
): Promise<void> {
  const { mergeBase } = await resolveSessionBase(worktree, baseBranch);
  const paths = oldPath ? [file, oldPath] : [file];
  await requireLfsFor(worktree, paths, 'revert');
  for (const p of paths) await restorePath(worktree, mergeBase, p);
}
