import { existsSync } from 'node:fs';
import { changedPaths } from './worktree-status.js';
import { listWorktrees } from './worktree.js';

export interface BaseCheckout {
  path: string;
  /** Tracked files with uncommitted changes (untracked files do not stop a merge unless they clash). */
  dirty: string[];
}

/**
 * The worktree that has `baseBranch` checked out (usually the user's main checkout), if any, with its
 * uncommitted changes: a squash-merge updates that checkout, so it refuses while the list is not empty.
 */
export async function inspectBaseCheckout(cwd: string, baseBranch: string): Promise<BaseCheckout | null> {
  const entry = (await listWorktrees(cwd)).find((w) => w.branch === baseBranch);
  // A worktree folder deleted by hand stays listed until pruned; there is nothing there to update.
  if (!entry || !existsSync(entry.path)) return null;
  return { path: entry.path, dirty: await changedPaths(entry.path, false) };
}
