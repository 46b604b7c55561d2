import path from 'node:path';
import { indexEntries, writeEntries } from './restore-anchored.js';
import { git } from './run-git.js';
import { branchLabel, noSharedHistory, resolveSessionBase } from './session-base.js';
import { removeIn, rmdirIn } from './worktree-fs.js';

function listed(stdout: string): string[] {
  return [...new Set(stdout.split('\0').filter(Boolean))];
}

/** The folders above `files`, deepest first (each once). */
function foldersOf(files: string[]): string[] {
  const dirs = new Set<string>();
  for (const file of files)
    for (let dir = path.posix.dirname(file); dir !== '.'; dir = path.posix.dirname(dir)) dirs.add(dir);
  return [...dirs].sort((a, b) => b.split('/').length - a.split('/').length);
}

/**
 * Throws away the session's uncommitted work (tracked changes and untracked files; ignored files such as
 * node_modules or .env stay). With `commits`, the branch also goes back to the merge-base with its base.
 *
 * Not `git reset --hard` + `git clean`: git checks a path for symlinks and then writes or unlinks it by
 * name, so an agent swapping a folder for a symlink in between had Discard delete or overwrite files
 * outside its worktree. Git moves the branch and the index (`reset --mixed` writes no file) and lists what
 * differs; the files are written back and removed through worktree-fs, which never follows a symlink.
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
  await git(['reset', '--quiet', '--mixed', target], { cwd: worktree });
  // Untracked files go first (a symlink the agent put where a tracked folder was, too), then the tracked
  // files that differ are written back from the index, then the folders the removals left empty go (as
  // git clean -d). A folder holding a repository of its own (listed with a trailing slash) stays, as git
  // clean leaves it without -ff.
  const others = await git(['ls-files', '-z', '--others', '--exclude-standard'], { cwd: worktree });
  const untracked = listed(others.stdout).filter((p) => !p.endsWith('/'));
  for (const file of untracked) await removeIn(worktree, file);
  const changed = await git(['ls-files', '-z', '--modified', '--deleted'], { cwd: worktree });
  const tracked = listed(changed.stdout);
  await writeEntries(worktree, await indexEntries(worktree, tracked), null);
  for (const dir of foldersOf(untracked)) await rmdirIn(worktree, dir);
  // The rewritten files' stat data, so the next status or diff need not hash them again.
  await git(['update-index', '-q', '--refresh'], { cwd: worktree, okExitCodes: [0, 1] });
  const head = await git(['rev-parse', 'HEAD'], { cwd: worktree });
  return { head: head.stdout.trim() };
}
