import type { BaseStatus, DiffFile, SessionDiff } from '../../shared/git.js';
import { inspectBaseCheckout } from './base-checkout.js';
import { parseRawNumstat } from './parse-diff-output.js';
import { git } from './run-git.js';
import { resolveSessionBase } from './session-base.js';
import { withWorktreeSnapshot } from './worktree-snapshot.js';

export interface DiffLimits {
  /** Untracked files above this size are listed as large instead of being read. */
  maxUntrackedBytes: number;
  /** Files above this size count as binary in stats and are not diffed line by line. */
  maxTextBytes: number;
  /** The file list stops here; the totals still count every file. */
  maxListedFiles: number;
  /** A patch above this size is reported with its size instead of its text. */
  maxPatchBytes: number;
}

export const DEFAULT_DIFF_LIMITS: DiffLimits = {
  maxUntrackedBytes: 50 * 1024 * 1024,
  maxTextBytes: 5 * 1024 * 1024,
  maxListedFiles: 10_000,
  maxPatchBytes: 2 * 1024 * 1024,
};

/** `git diff` options shared by stats and patches: no external diff programs, big files as binary. */
export function diffOptions(limits: DiffLimits): string[] {
  return [
    '-c',
    `core.bigFileThreshold=${limits.maxTextBytes}`,
    '-c',
    'diff.renameLimit=2000',
    '-c',
    'core.quotePath=false',
  ];
}

/**
 * Whether Merge into base would be refused for the base's dirty checkout, known before the user tries.
 * Only looked at when there is something to merge into a local branch; a failure here never fails the diff.
 */
async function checkBaseStatus(
  worktree: string,
  baseBranch: string,
  hasWork: boolean,
  baseRef: string | null,
): Promise<BaseStatus> {
  const checkout = hasWork && baseRef ? await inspectBaseCheckout(worktree, baseBranch).catch(() => null) : null;
  const dirty = checkout && checkout.dirty.length > 0;
  return {
    branch: baseBranch,
    missing: false,
    dirtyCheckout: dirty ? { path: checkout.path, changedFiles: checkout.dirty.length } : null,
  };
}

/**
 * Whether the session's work is already in its base: the base moved on, nothing is uncommitted, and merging
 * the branch into the base would leave the base's tree as it is. A squash-merge leaves the branch's own
 * commits unrelated to the base's new one, so ancestry cannot tell. Asked only in that case (no git call
 * otherwise); a failure here never fails the diff.
 */
async function alreadyMerged(worktree: string, head: string, baseTip: string, files: DiffFile[]): Promise<boolean> {
  if (files.length === 0 || files.some((f) => f.uncommitted)) return false;
  try {
    const merged = await git(['merge-tree', '--write-tree', '--no-messages', baseTip, head], {
      cwd: worktree,
      okExitCodes: [0, 1],
    });
    if (merged.exitCode !== 0) return false;
    const baseTree = await git(['rev-parse', '--verify', `${baseTip}^{tree}`], { cwd: worktree });
    return merged.stdout.split('\n')[0]?.trim() === baseTree.stdout.trim();
  } catch {
    return false;
  }
}

/** Paths whose worktree content (the snapshot) differs from the branch's last commit, renames as two paths. */
async function uncommittedPaths(worktree: string, env: NodeJS.ProcessEnv, head: string): Promise<Set<string>> {
  const result = await git(['diff', '--cached', '--name-only', '--no-renames', '-z', head, '--'], {
    cwd: worktree,
    env,
  });
  return new Set(result.stdout.split('\0').filter(Boolean));
}

/**
 * The session's diff against the merge-base of its branch with its base: the agent's commits, its
 * uncommitted changes and its untracked files, computed on a temporary index (nothing is staged).
 */
export async function computeSessionDiff(
  worktree: string,
  baseBranch: string,
  limits: DiffLimits = DEFAULT_DIFF_LIMITS,
): Promise<Omit<SessionDiff, 'id'>> {
  const base = await resolveSessionBase(worktree, baseBranch);
  const files = await withWorktreeSnapshot(
    worktree,
    { maxUntrackedBytes: limits.maxUntrackedBytes },
    async (snapshot) => {
      const args = [
        ...diffOptions(limits),
        'diff',
        '--cached',
        '-M',
        '--raw',
        '--numstat',
        '-z',
        '--no-ext-diff',
        '--no-textconv',
      ];
      const result = await git([...args, base.mergeBase, '--'], { cwd: worktree, env: snapshot.env });
      const uncommitted = await uncommittedPaths(worktree, snapshot.env, base.head);
      const large: DiffFile[] = snapshot.large.map((f) => ({
        path: f.path,
        oldPath: null,
        status: 'added',
        additions: 0,
        deletions: 0,
        binary: false,
        large: true,
        size: f.size,
        submodule: false,
        uncommitted: true,
      }));
      const tracked = parseRawNumstat(result.stdout).map((f) => ({
        ...f,
        uncommitted: uncommitted.has(f.path) || (f.oldPath !== null && uncommitted.has(f.oldPath)),
      }));
      return [...tracked, ...large].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    },
  );
  const baseStatus = await checkBaseStatus(worktree, baseBranch, files.length > 0 || base.ahead > 0, base.baseRef);
  const merged = base.behind > 0 && (await alreadyMerged(worktree, base.head, base.baseTip, files));
  return {
    base: base.mergeBase,
    baseBranch,
    head: base.head,
    ahead: base.ahead,
    behind: base.behind,
    baseStatus,
    merged,
    changedFiles: files.length,
    additions: files.reduce((sum, f) => sum + f.additions, 0),
    deletions: files.reduce((sum, f) => sum + f.deletions, 0),
    truncated: files.length > limits.maxListedFiles,
    files: files.slice(0, limits.maxListedFiles),
    computedAt: new Date().toISOString(),
  };
}
