import { existsSync } from 'node:fs';
import { isEnded } from '../../../shared/session-state.js';
import type { Session } from '../../../shared/session.js';
import type { MergedWorktree, RemoveMergedResult } from '../../../shared/worktree-costs.js';
import { branchExists, isDirty } from '../../git/repo-info.js';
import { git } from '../../git/run-git.js';
import { isMergedInto } from '../../git/worktree.js';
import { diskUsage } from '../worktrees/disk-usage.js';

export interface MergedWorktreeHost {
  list(): Session[];
  /** The engine's remove: agent stopped, worktree, branch and record gone. */
  remove(id: string): Promise<void>;
}

/** Commits on the branch that the base does not have (0 once merged with a merge commit, or never committed on). */
async function aheadOfBase(session: Session): Promise<number> {
  const result = await git(['rev-list', '--count', `${session.baseBranch}..refs/heads/${session.branch}`, '--'], {
    cwd: session.repoPath,
    okExitCodes: [0, 128],
  });
  return result.exitCode === 0 ? Number(result.stdout.trim()) : 0;
}

/**
 * Whether anything was ever committed on the branch: its tip is not the commit it was created at (the
 * oldest entry of its reflog). Without a reflog, no: an untouched branch must never look merged.
 */
async function movedSinceCreated(session: Session): Promise<boolean> {
  const ref = `refs/heads/${session.branch}`;
  const log = await git(['reflog', 'show', '--format=%H', ref, '--'], { cwd: session.repoPath, okExitCodes: [0, 128] });
  const created = log.stdout.trim().split('\n').at(-1);
  if (log.exitCode !== 0 || !created) return false;
  const tip = await git(['rev-parse', '--verify', '--end-of-options', `${ref}^{commit}`], { cwd: session.repoPath });
  return tip.stdout.trim() !== created;
}

/**
 * Why a session's worktree may not go (null: it may): it must be at rest (idle or ended), alone in its
 * worktree, clean, and its branch's commits merged into its base. Flotilla squash-merges, so "merged" is
 * "merging the branch into the base changes nothing" (as `rm` judges it), and something must have been
 * committed on the branch: a branch nobody committed on is an ancestor of its base too, but was never merged.
 */
async function notMergedBecause(session: Session, all: Session[]): Promise<string | null> {
  if (!(isEnded(session.status) || session.status === 'idle')) return `it is ${session.status}`;
  if (session.sharesWorktreeOf || all.some((other) => other.sharesWorktreeOf === session.id))
    return 'its worktree is shared';
  if (!existsSync(session.worktreePath)) return 'its worktree is missing';
  if (!(await branchExists(session.repoPath, session.branch))) return 'its branch is gone';
  if (await isDirty(session.worktreePath)) return 'it has uncommitted changes';
  // Squash-merged: commits of its own whose changes are all in the base. Merged with a merge commit (or
  // fast-forward): none of its own any more, but it moved since it was made.
  if ((await aheadOfBase(session)) === 0 && !(await movedSinceCreated(session)))
    return 'nothing was committed on its branch';
  if (!(await isMergedInto(session.repoPath, session.branch, session.baseBranch)))
    return `its branch is not merged into ${session.baseBranch}`;
  return null;
}

/** Sessions whose worktrees "remove merged" would remove, with the space each takes. */
export async function mergedWorktrees(host: MergedWorktreeHost, repoPath?: string): Promise<MergedWorktree[]> {
  const all = host.list();
  const merged: MergedWorktree[] = [];
  for (const session of all) {
    if (repoPath !== undefined && session.repoPath !== repoPath) continue;
    if ((await notMergedBecause(session, all).catch((error: unknown) => String(error))) !== null) continue;
    const { bytes } = await diskUsage(session.worktreePath);
    const { id, name, branch, baseBranch, worktreePath } = session;
    merged.push({ id, name, repoPath: session.repoPath, branch, baseBranch, worktreePath, bytes });
  }
  return merged;
}

/**
 * Removes the sessions asked for, each checked again first (the list the user confirmed may be stale). The
 * session's record goes too, as `flotilla rm` does: a merged session's work lives on in its base branch.
 */
export async function removeMergedWorktrees(host: MergedWorktreeHost, ids: string[]): Promise<RemoveMergedResult> {
  const result: RemoveMergedResult = { removed: [], skipped: [], freedBytes: 0 };
  for (const id of new Set(ids)) {
    const all = host.list();
    const session = all.find((s) => s.id === id);
    if (!session) {
      result.skipped.push({ id, reason: 'no such session' });
      continue;
    }
    try {
      const reason = await notMergedBecause(session, all);
      if (reason !== null) {
        result.skipped.push({ id, reason });
        continue;
      }
      const { bytes } = await diskUsage(session.worktreePath);
      await host.remove(id);
      result.removed.push({ id, name: session.name, bytes });
      result.freedBytes += bytes;
    } catch (error) {
      result.skipped.push({ id, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return result;
}
