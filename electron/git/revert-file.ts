import { requireLfsFor } from './lfs-filter.js';
import { entriesAt, writeEntries } from './restore-anchored.js';
import { git } from './run-git.js';
import { resolveSessionBase } from './session-base.js';
import { removeIn } from './worktree-fs.js';

/** Paths are taken literally: a file named `*.txt` or `:(top)x` is just a name. */
const LITERAL = { GIT_LITERAL_PATHSPECS: '1' };

/**
 * Makes `file` in the worktree what it is in `commit` through worktree-fs (anchored, never following a
 * symlink; see restore-anchored.ts), then updates the index to match: `git reset` only touches the index.
 */
async function restorePath(worktree: string, mergeBase: string, file: string): Promise<void> {
  const entries = await entriesAt(worktree, mergeBase, file);
  const single = entries.length === 1 && entries[0]?.path === file;
  // Not in the base: the session added it, so reverting removes it (a folder with its content). A folder
  // in the base replaces whatever is there now with exactly its files. A single file replaces the old one.
  if (!single) await removeIn(worktree, file);
  await writeEntries(worktree, entries, mergeBase);
  // The index as in the base for this path (an entry the base lacks goes from the index too).
  await git(['reset', '--quiet', mergeBase, '--', file], { cwd: worktree, env: LITERAL });
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
