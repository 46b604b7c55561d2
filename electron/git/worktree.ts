import { rm } from 'node:fs/promises';
import { gitVersion } from './git-version.js';
import { withRepoLock } from './repo-lock.js';
import { git } from './run-git.js';

/**
 * Creates `branch` at `baseCommit` and checks it out in a new worktree at `dir`. Git's worktree records
 * are not safe to write concurrently in one repo, but filling separate worktrees is: the repo lock covers
 * only the quick `add --no-checkout`, and the checkout (the slow part: every file of the tree) runs in
 * parallel with other sessions' (`npm run bench`: 10 at once). `checkout --force` fills the empty index and
 * the files, through the repo's filters (LFS, eol), and runs its post-checkout hook as `worktree add` would.
 * A failure part-way leaves the worktree and branch for the caller's rollback.
 */
export async function addWorktree(repo: string, dir: string, branch: string, baseCommit: string): Promise<void> {
  await withRepoLock(repo, () =>
    git(['worktree', 'add', '--quiet', '--no-checkout', '-b', branch, '--', dir, baseCommit], { cwd: repo }),
  );
  await git(['checkout', '--force', '--quiet'], { cwd: dir });
}

/** Removes the worktree (even with local changes: callers decide whether that is allowed) and prunes git's record of it. */
export async function removeWorktree(repo: string, dir: string): Promise<void> {
  await withRepoLock(repo, async () => {
    const result = await git(['worktree', 'remove', '--force', '--force', '--', dir], {
      cwd: repo,
      okExitCodes: [0, 128],
    });
    if (result.exitCode !== 0) {
      // The directory may already be gone or never have been registered; make sure neither remains.
      await rm(dir, { recursive: true, force: true });
    }
    await git(['worktree', 'prune'], { cwd: repo });
  });
}

export async function deleteBranch(repo: string, branch: string): Promise<void> {
  await git(['branch', '-D', '--', branch], { cwd: repo });
}

/**
 * True when everything `branch` changed is already in `base`: its commits are in base, or (after a
 * squash-merge) merging it into base would change nothing. The second check needs git 2.38.
 */
export async function isMergedInto(repo: string, branch: string, base: string): Promise<boolean> {
  const result = await git(['merge-base', '--is-ancestor', `refs/heads/${branch}`, base], {
    cwd: repo,
    okExitCodes: [0, 1],
  });
  return result.exitCode === 0 || (await changesContainedIn(repo, `refs/heads/${branch}`, base));
}

async function changesContainedIn(repo: string, tip: string, base: string): Promise<boolean> {
  const [major, minor] = await gitVersion(repo);
  if (major < 2 || (major === 2 && minor < 38)) return false;
  const merged = await git(['merge-tree', '--write-tree', '--no-messages', '--end-of-options', base, tip], {
    cwd: repo,
    okExitCodes: [0, 1, 128],
  });
  if (merged.exitCode !== 0) return false;
  const baseTree = await git(['rev-parse', '--verify', '--end-of-options', `${base}^{tree}`], { cwd: repo });
  return merged.stdout.split('\n')[0]?.trim() === baseTree.stdout.trim();
}

export interface WorktreeEntry {
  path: string;
  branch: string | null;
}

export async function listWorktrees(repo: string): Promise<WorktreeEntry[]> {
  const result = await git(['worktree', 'list', '--porcelain'], { cwd: repo });
  const entries: WorktreeEntry[] = [];
  for (const block of result.stdout.split('\n\n')) {
    const lines = block.split('\n');
    const dir = lines.find((l) => l.startsWith('worktree '))?.slice('worktree '.length);
    if (!dir) continue;
    const ref = lines.find((l) => l.startsWith('branch '))?.slice('branch '.length);
    entries.push({ path: dir, branch: ref ? ref.replace(/^refs\/heads\//, '') : null });
  }
  return entries;
}
