import { lstat, realpath, rm } from 'node:fs/promises';
import path from 'node:path';
import { FlotillaError } from '../../../shared/errors.js';
import type { Session } from '../../../shared/session.js';
import type { OrphanRemoval } from '../../../shared/worktree.js';
import { git } from '../../git/run-git.js';
import { withRepoLock } from '../../git/repo-lock.js';
import { listWorktrees, removeWorktree } from '../../git/worktree.js';
import { diskUsage } from './disk-usage.js';
import { describeWorktree } from './worktree-report.js';

function invalid(target: string, why: string): FlotillaError {
  return new FlotillaError('INVALID_PATH', `${target} ${why}`);
}

/** The path with symlinks resolved; a path that does not exist (a session's deleted worktree) as written. */
async function resolved(p: string): Promise<string> {
  return realpath(p).catch(() => path.resolve(p));
}

function within(child: string, parent: string): boolean {
  return child === parent || child.startsWith(parent + path.sep);
}

/**
 * Checks that `target` is what the worktree report calls an orphan: a real folder (not a symlink) at
 * `<root>/<repo>/<leaf>` of one of `roots` once symlinks are resolved, that is no session's worktree and
 * holds no session's repository. Returns its resolved path.
 */
async function confirmOrphan(target: string, roots: string[], sessions: Session[]): Promise<string> {
  if (!path.isAbsolute(target) || target.includes('\0')) throw invalid(target, 'is not an absolute path');
  const stat = await lstat(target).catch(() => null);
  if (!stat) throw new FlotillaError('NOT_FOUND', `${target} does not exist`);
  if (stat.isSymbolicLink())
    throw invalid(target, 'is a symlink; only folders under the worktree location are removed');
  if (!stat.isDirectory()) throw invalid(target, 'is not a folder');
  const real = await realpath(target);
  const realRoots = await Promise.all(roots.map(resolved));
  // Exactly two levels down, as the report lists them: never a root, nor a repository's folder of worktrees.
  if (!realRoots.includes(path.dirname(path.dirname(real))))
    throw invalid(target, `is not a worktree folder under the worktree location (${roots.join(', ')})`);
  for (const session of sessions) {
    if (within(await resolved(session.worktreePath), real))
      throw new FlotillaError(
        'INVALID_STATE',
        `${target} is the worktree of session ${session.id}; remove the session instead`,
      );
    if (within(await resolved(session.repoPath), real))
      throw new FlotillaError('INVALID_STATE', `${target} holds the repository of session ${session.id}`);
  }
  const dotGit = await lstat(path.join(real, '.git')).catch(() => null);
  if (dotGit?.isDirectory())
    throw new FlotillaError(
      'INVALID_STATE',
      `${target} is a repository of its own (a .git folder), not a worktree; remove it yourself`,
    );
  return real;
}

/** Whether `repo` is a git repository that has `dir` among its worktrees. */
async function isWorktreeOf(repo: string, dir: string): Promise<boolean> {
  try {
    const entries = await listWorktrees(repo);
    for (const entry of entries) if ((await resolved(entry.path)) === dir) return true;
    return false;
  } catch {
    return false; // the repository is gone or is not one
  }
}

/**
 * Removes one orphan worktree folder, only when the user asked for that folder: a git worktree through
 * its repository (`git worktree remove --force`, then `git worktree prune`), its branch kept; anything
 * else (a plain folder, a worktree whose repository is gone) deleted. Refuses every path that is not an
 * orphan (see `confirmOrphan`), so a session's work can never be lost this way.
 */
export async function removeOrphanWorktree(
  target: string,
  roots: string[],
  sessions: Session[],
): Promise<OrphanRemoval> {
  const real = await confirmOrphan(target, roots, sessions);
  const { repoPath, branch } = await describeWorktree(real);
  const { bytes } = await diskUsage(real);
  if (repoPath && (await isWorktreeOf(repoPath, real))) {
    await removeWorktree(repoPath, real);
    return { path: real, kind: 'worktree', repoPath, branch, bytes };
  }
  await rm(real, { recursive: true, force: true });
  // A repository that still records the folder as its worktree forgets it now that it is gone.
  if (repoPath) {
    await withRepoLock(repoPath, () => git(['worktree', 'prune'], { cwd: repoPath })).catch(() => undefined);
  }
  return { path: real, kind: 'folder', repoPath, branch, bytes };
}
